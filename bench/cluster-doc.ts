/**
 * The cluster run (`npm run cluster`, scripts/cluster.ts) as saved in bench/results/cluster.json,
 * and its section per machine in docs/benchmarks.md, in a region of its own (between the
 * `benchmarks:cluster` markers), so a cluster run leaves the other benchmarks' sections alone.
 */
import type { FailoverResult } from '../scripts/cluster/failover-check.ts';
import type { TableFootprint, TemporalFootprint } from '../scripts/cluster/footprint.ts';
import { machineKey, writeMachineSection } from './benchmarks-doc.ts';
import type { Report } from './benchmarks-doc.ts';
import type { ThroughputResult } from './throughput.ts';

/** One throughput run on the cluster, with what it left in the databases. */
export interface ClusterThroughput {
  result: ThroughputResult;
  /** Herald's store after the run (a database of its own). */
  store: Record<string, TableFootprint>;
  /** Temporal's databases: growth during the run. */
  temporalGrowth: TemporalFootprint;
}

export interface ClusterResult {
  server: string;
  historyShards: number;
  failover: FailoverResult;
  throughput: ClusterThroughput[];
}

const num = (n: number) => n.toLocaleString('en');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function clusterMarkdown(report: Report<ClusterResult>): string {
  const c = report.result;
  const f = c.failover;
  const rows = c.throughput.map(
    ({ result: t }) =>
      `| ${t.workers ?? 1} | ${num(t.recipients)} | ${t.pipeline.seconds} | ${num(t.pipeline.recipientsPerSecond)} | ${t.ratio}× | ${t.history.eventsPer1000Recipients} | ${t.workerPeakRssMiB} | ${t.pipeline.exactlyOnce.missed} / ${t.pipeline.exactlyOnce.duplicates} |`,
  );
  const d = f.deliveries;
  return [
    `### ${machineKey(report.machine)}`,
    '',
    `**Cluster** (${report.started.slice(0, 10)}, \`npm run cluster\`): the real Temporal server ${c.server} on PostgreSQL (${c.historyShards} history shards, schema by its SQL tool), Herald's store on its own PostgreSQL, worker processes, the API; sandbox providers on 127.0.0.1 ([Herald on a real cluster](cluster.md)).`,
    '',
    `- one of two workers SIGKILLed at ${num(f.kill.accepted)}/${num(f.kill.required)} messages of ${num(f.recipients)} people: ${d.missed} missed, ${d.duplicates} duplicates (${num(d.accepted)} accepted of ${num(d.required)}): ${verdict(d.missed === 0 && d.duplicates === 0 && f.survivorRunning)}; first message after the kill ${num(f.firstProgressAfterKillMs ?? NaN)} ms, longest standstill after it ${num(f.longestStillAfterKillMs)} ms${stillFrom(f)}; fan-out ${f.fanOutSeconds} s`,
    '',
    '| workers | people | fan-out s | recipients/s | vs raw | events / 1,000 | peak RSS MiB | missed / duplicates |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Where the longest standstill began, for reading what held it (a run from before this was recorded has none). */
function stillFrom(f: FailoverResult): string {
  const from = f.longestStillFrom;
  if (!from) return '';
  const half = f.kill.required / 2;
  return ` from ${(from.afterKillMs / 1000).toFixed(1)} s after the kill (${num(from.emails)}/${num(half)} emails and ${num(from.sms)}/${num(half)} SMS accepted then)`;
}

export const CLUSTER_REGION = {
  start: '<!-- benchmarks:cluster:start (one section per machine, written by npm run cluster) -->',
  end: '<!-- benchmarks:cluster:end -->',
} as const;

/** Rewrites this machine's cluster section of docs/benchmarks.md from `report`; returns the section. */
export async function updateClusterSection(report: Report<ClusterResult>): Promise<string> {
  const section = clusterMarkdown(report);
  await writeMachineSection(machineKey(report.machine), section, CLUSTER_REGION);
  return section;
}
