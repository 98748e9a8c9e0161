/**
 * `npm run bench:webhooks`: how long an incident tool waits for Herald's answer to a signed PagerDuty
 * `incident.triggered`, over real HTTP to the API (store in memory, dev server, worker), with
 * Temporal healthy, held (a proxy keeps its traffic: slow), and unreachable — against PagerDuty's
 * 5 s. Baseline in the same run: starting the same procedure directly through the client, without
 * the webhook layer (record, read, apply, settle). Writes bench/results/webhooks.json and this
 * machine's section of docs/benchmarks.md.
 * BENCH_WEBHOOK_RUNS (default 50) deliveries when healthy, a fifth of that for the outages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openStore } from '../activities/store/open-store.ts';
import { buildApi } from '../client/api/app.ts';
import { loadAlertRoutes } from '../client/api/load-api-files.ts';
import { TokenRegistry } from '../client/api/tokens.ts';
import { TriggerProcessor } from '../client/api/triggers/trigger-processor.ts';
import { DEFAULT_ANSWER_BUDGET_MS } from '../client/api/triggers/webhook-intake.ts';
import { startLockout } from '../client/lockout-client.ts';
import { createHeraldWorker } from '../workers/create-worker.ts';
import { startDevServer } from '../workers/local-temporal.ts';
import { startHoldingProxy } from '../test/support/holding-proxy.ts';
import { pagerDutyTriggered, toolHeaders, WEBHOOK_PATHS } from '../test/support/webhook-senders.ts';
import { inMemoryProviders } from '../test/support/workflow-harness.ts';
import { BENCHMARKS_PAGE, updateBenchmarksPage } from './benchmarks-doc.ts';
import { machine, quantile } from './machine.ts';

const runs = Number(process.env.BENCH_WEBHOOK_RUNS ?? 50);
const outageRuns = Math.max(3, Math.round(runs / 5));
const PORTS = { temporal: 20170, proxy: 20171, nowhere: '127.0.0.1:20179' } as const;
const secrets = { pagerDuty: 'bench-pagerduty-secret-0123456789', incidentIo: '', opsgenieToken: '' };
const taskQueue = 'bench-webhooks';
const say = (line: string) => console.log(`[bench] ${line}`);
Runtime.install({ logger: new DefaultLogger('ERROR') });

const summary = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(quantile(xs, 0.5)),
  p99: Math.round(quantile(xs, 0.99)),
  max: Math.round(Math.max(...xs)),
});
const triggered = (id: string) => pagerDutyTriggered(id, new Date().toISOString());

const env = await startDevServer({ port: PORTS.temporal });
const store = await openStore({});
const proxy = await startHoldingProxy(PORTS.proxy, { host: '127.0.0.1', port: PORTS.temporal });
const worker = await createHeraldWorker({
  connection: env.nativeConnection,
  namespace: 'default',
  taskQueue,
  deps: inMemoryProviders(store).deps,
});
const running = worker.run();
const routes = await loadAlertRoutes('config/alert-routes.example.json');

/** Serves the API with `client` on a free port; returns its URL and a closer. */
async function api(client: Client) {
  const triggers = new TriggerProcessor({ client, taskQueue, routes, store: store.triggers, log: () => undefined });
  const app = buildApi({
    client,
    taskQueue,
    tokens: new TokenRegistry([]),
    pagerDutySecret: secrets.pagerDuty,
    alertRoutes: routes,
    triggers,
    rateLimitPerMinute: 100_000,
    maxBodyBytes: 1_048_576,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Delivers `n` triggers one at a time; the time to each answer, and the statuses seen. */
async function deliveries(url: string, prefix: string, n: number) {
  const ms: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < n; i++) {
    const raw = triggered(`${prefix}${i}`);
    const t0 = performance.now();
    const res = await fetch(`${url}${WEBHOOK_PATHS.pagerduty}`, {
      method: 'POST',
      headers: toolHeaders('pagerduty', raw, secrets),
      body: raw,
    });
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    statuses.add(res.status);
  }
  return { ...summary(ms), statuses: [...statuses] };
}

try {
  const proxied = new Client({ connection: await Connection.connect({ address: `127.0.0.1:${PORTS.proxy}` }) });
  const served = await api(proxied);
  say(`warm-up, then ${runs} deliveries with Temporal healthy`);
  await deliveries(served.url, 'PWARM', 5);
  const healthy = await deliveries(served.url, 'PHEALTHY', runs);
  say(`baselines: ${runs} GET /healthz over the same HTTP, ${runs} direct starts through the client`);
  const http: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await (await fetch(`${served.url}/healthz`)).arrayBuffer();
    http.push(performance.now() - t0);
  }
  const direct: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await startLockout(
      proxied,
      {
        incident: {
          ...routes['pagerduty:*']?.defaults,
          lockoutId: `direct-${i}`,
          detectedAt: new Date().toISOString(),
          title: 'Salesforce sync failing',
          description: 'direct start',
          severity: 'high',
          reporter: { name: 'bench' },
        },
      },
      taskQueue,
    );
    direct.push(performance.now() - t0);
  }
  say(`${outageRuns} deliveries with Temporal held (slow: it never answers while held)`);
  proxy.hold();
  const held = await deliveries(served.url, 'PHELD', outageRuns);
  proxy.release();
  await served.close();
  say(`${outageRuns} deliveries with Temporal unreachable`);
  const down = new Client({ connection: Connection.lazy({ address: PORTS.nowhere }) });
  const unreachable = await api(down);
  const downResult = await deliveries(unreachable.url, 'PDOWN', outageRuns);
  await unreachable.close();
  const result = {
    answerBudgetMs: DEFAULT_ANSWER_BUDGET_MS,
    pagerDutyTimeoutMs: 5_000,
    healthy,
    httpBaseline: summary(http),
    directStartBaseline: summary(direct),
    temporalHeld: held,
    temporalUnreachable: downResult,
  };
  const report = { benchmark: 'webhooks', started: new Date().toISOString(), machine: machine(), result };
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL('webhooks.json', dir), `${JSON.stringify(report, null, 2)}\n`);
  await updateBenchmarksPage(dir, report.machine);
  say(`${BENCHMARKS_PAGE}: this machine's section written`);
  console.table({
    'healthy (200 started)': healthy,
    'baseline: GET /healthz': summary(http),
    'baseline: direct start': summary(direct),
    'Temporal held (202 pending)': held,
    'Temporal unreachable (202 pending)': downResult,
  });
  // The unreachable client's attempts go on after their answers (to their deadline): not closed here.
  await proxied.connection.close();
} finally {
  worker.shutdown();
  await running;
  await proxy.close();
  await env.teardown();
}
process.exit(0);
