/**
 * `npm run cluster [-- --failover <people>] [--throughput <people>]`: Herald on the real Temporal
 * server, the compose topology as processes on 127.0.0.1 (ports 26000–26999). Builds the server
 * when .tools/temporal-server lacks it (minutes; scripts/cluster/build-temporal-server.sh), starts
 * Temporal's PostgreSQL and applies its schema with the server's SQL tool, the server, the
 * namespace with Herald's search attributes, Herald's own PostgreSQL and the API; then
 *   1. kills one of two workers mid-fan-out (default 5,000 people): 0 missed, 0 duplicates;
 *   2. the throughput benchmark with one and with two workers (default 20,000 people);
 * writes bench/results/cluster.json and this machine's section of docs/benchmarks.md, tears
 * everything down, and exits 1 when the failover check failed. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Report } from '../bench/benchmarks-doc.ts';
import { updateClusterSection } from '../bench/cluster-doc.ts';
import type { ClusterResult, ClusterThroughput } from '../bench/cluster-doc.ts';
import { machine } from '../bench/machine.ts';
import { measureThroughputOn } from '../bench/throughput.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import type { PostgresServer } from '../test/support/postgres-server.ts';
import { PROJECT_ROOT } from '../test/support/worker-process.ts';
import { startApiProcess } from './cluster/api-process.ts';
import type { ApiProcess } from './cluster/api-process.ts';
import { checkFailover } from './cluster/failover-check.ts';
import { storeFootprint, temporalFootprint } from './cluster/footprint.ts';
import type { TemporalFootprint } from './cluster/footprint.ts';
import { CLUSTER_PORTS, SANDBOX_PORTS } from './cluster/ports.ts';
import { NAMESPACE, startTemporalServer } from './cluster/temporal-server.ts';
import type { TemporalServer } from './cluster/temporal-server.ts';

const { values } = parseArgs({
  options: { failover: { type: 'string', default: '5000' }, throughput: { type: 'string', default: '20000' } },
});
const failoverPeople = Number(values.failover);
const throughputPeople = Number(values.throughput);
if (![failoverPeople, throughputPeople].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: npm run cluster [-- --failover <people>] [--throughput <people>]');
  process.exit(2);
}
const say = (line: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${line}`);
Runtime.install({ logger: new DefaultLogger('ERROR') });

const build = spawnSync('bash', [join(PROJECT_ROOT, 'scripts/cluster/build-temporal-server.sh')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const workDir = await mkdtemp(join(tmpdir(), 'herald-cluster-'));
let temporal: TemporalServer | undefined;
let heraldDb: PostgresServer | undefined;
let api: ApiProcess | undefined;
let connection: Connection | undefined;
const cleanUp = async () => {
  await api?.process.stop(10_000);
  await connection?.close().catch(() => {});
  await temporal?.stop();
  await heraldDb?.stop();
  await rm(workDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

const grown = (before: TemporalFootprint, after: TemporalFootprint): TemporalFootprint => ({
  bytes: after.bytes - before.bytes,
  rows: Object.fromEntries(Object.entries(after.rows).map(([t, n]) => [t, n - (before.rows[t] ?? 0)])),
  visibilityRows: after.visibilityRows - before.visibilityRows,
});

let exitCode = 1;
try {
  const started = new Date().toISOString();
  temporal = await startTemporalServer(workDir, say);
  heraldDb = await startPostgresServer();
  connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: NAMESPACE });
  const failoverDb = await heraldDb.createDatabase();
  api = await startApiProcess({
    workDir,
    temporalAddress: temporal.address,
    databaseUrl: failoverDb,
    taskQueue: 'cluster-failover',
    port: CLUSTER_PORTS.api,
  });
  say(`API on ${api.url}; the kill-one-worker check with ${failoverPeople} people`);
  const failover = await checkFailover(
    { client, address: temporal.address, databaseUrl: failoverDb, api },
    failoverPeople,
    say,
  );
  say(`failover: ${failover.deliveries.missed} missed, ${failover.deliveries.duplicates} duplicates`);

  const throughput: ClusterThroughput[] = [];
  for (const workers of [1, 2]) {
    const databaseUrl = await heraldDb.createDatabase();
    const before = await temporalFootprint(temporal.db.url);
    say(`throughput with ${workers} worker(s), ${throughputPeople} people`);
    const target = { client, address: temporal.address, databaseUrl, workers, sandboxPorts: SANDBOX_PORTS };
    const result = await measureThroughputOn(target, throughputPeople, 16, say);
    const temporalGrowth = grown(before, await temporalFootprint(temporal.db.url));
    throughput.push({ result, store: await storeFootprint(databaseUrl), temporalGrowth });
    say(`${workers} worker(s): ${result.pipeline.recipientsPerSecond} recipients/s over ${result.pipeline.seconds} s`);
  }

  const report: Report<ClusterResult> = {
    benchmark: 'cluster',
    started,
    finished: new Date().toISOString(),
    machine: machine(),
    result: { server: 'v1.32.2', historyShards: 4, failover, throughput },
  };
  const dir = new URL('../bench/results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('cluster.json', dir), `${JSON.stringify(report, null, 2)}\n`);
  console.log(await updateClusterSection(report));
  say('written bench/results/cluster.json and docs/benchmarks.md');
  const d = failover.deliveries;
  exitCode = d.missed === 0 && d.duplicates === 0 && failover.survivorRunning ? 0 : 1;
  if (exitCode !== 0) console.log(`FAILED: the failover check: ${JSON.stringify(d.examples)}`);
} catch (error) {
  console.error(error);
  if (temporal) console.error(`Temporal server output (last part):\n${temporal.output().slice(-3_000)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
