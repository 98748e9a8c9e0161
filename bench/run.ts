/**
 * `npm run bench`: runs Herald's benchmarks and writes bench/results/<name>.json (figures, baseline,
 * machine, time) and bench/results/README.md (the table the project README quotes).
 * BENCH_RECIPIENTS (default 100000) sets the audience of the throughput benchmark,
 * BENCH_LATENCY_RUNS (default 50) the number of incidents of the latency benchmark,
 * BENCH_ONLY=throughput|latency runs one of them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { measureLatency } from './latency.ts';
import type { LatencyResult } from './latency.ts';
import { machine } from './machine.ts';
import { measureThroughput } from './throughput.ts';
import type { ThroughputResult } from './throughput.ts';

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const runs = Number(process.env.BENCH_LATENCY_RUNS ?? 50);
const only = process.env.BENCH_ONLY;
const say = (line: string) => console.log(`[bench] ${line}`);
const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
Runtime.install({ logger: new DefaultLogger('ERROR') });

interface Report<T> {
  benchmark: string;
  started: string;
  finished: string;
  machine: ReturnType<typeof machine>;
  result: T;
}

async function runAndSave<T>(name: string, work: () => Promise<T>): Promise<Report<T>> {
  const started = new Date().toISOString();
  const result = await work();
  const report = { benchmark: name, started, finished: new Date().toISOString(), machine: machine(), result };
  await writeFile(new URL(`${name}.json`, dir), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** The last saved report of a benchmark not run this time, so the table stays whole. */
async function saved<T>(name: string): Promise<Report<T> | undefined> {
  try {
    return JSON.parse(await readFile(new URL(`${name}.json`, dir), 'utf8')) as Report<T>;
  } catch {
    return undefined;
  }
}

const throughput =
  only === 'latency'
    ? await saved<ThroughputResult>('throughput')
    : await runAndSave('throughput', () => {
        say(`throughput benchmark: ${recipients} recipients, email + SMS, pipeline vs raw baseline`);
        return measureThroughput(recipients, 18533, 16, say);
      });
const latency =
  only === 'throughput'
    ? await saved<LatencyResult>('latency')
    : await runAndSave('latency', () => {
        say(`latency benchmark: ${runs} incidents (trigger → first ops alert accepted by the sandbox SendGrid)`);
        return measureLatency(runs, 18534, say);
      });

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const lines = ['# Benchmark results', ''];
const m = (throughput ?? latency)?.machine;
if (m) lines.push(`Machine: ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.`, '');
if (throughput) {
  const t = throughput.result;
  lines.push(
    `## Throughput (${throughput.started.slice(0, 10)})`,
    '',
    `${t.recipients.toLocaleString('en')} affected people, each one email and one SMS, against the sandbox providers on 127.0.0.1; Temporal CLI dev server (in memory); store on PostgreSQL; SMS ${t.concurrency} in flight, email in requests of ${t.pageSize}.`,
    '',
    '| | seconds | recipients/s |',
    '| --- | --- | --- |',
    `| pipeline: approval → last recipient sent (child workflow, ledger, audit; worker in its own process) | ${t.pipeline.seconds} | ${t.pipeline.recipientsPerSecond} |`,
    `| baseline: the same messages through the same adapters, no durability | ${t.raw.seconds} | ${t.raw.recipientsPerSecond} |`,
    '',
    `- ratio ${t.ratio}× (target ≥ 0.5×): ${verdict(t.ratio >= 0.5)}`,
    `- history events per 1,000 recipients: ${t.history.eventsPer1000Recipients} (${t.history.events} events in ${t.history.workflowRuns} workflow runs; target ≤ 20): ${verdict(t.history.eventsPer1000Recipients <= 20)}`,
    `- worker peak RSS: ${t.workerPeakRssMiB} MiB (${t.workerStartupRssMiB} MiB once polling; target < 512): ${verdict(t.workerPeakRssMiB < 512)}`,
    `- exactly once, from the sandbox's request log: pipeline ${t.pipeline.exactlyOnce.accepted} accepted of ${t.pipeline.exactlyOnce.required} required, ${t.pipeline.exactlyOnce.missed} missed, ${t.pipeline.exactlyOnce.duplicates} duplicates`,
    `- CRM snapshot before approval (not in the figures above): ${t.pipeline.snapshotSeconds} s`,
    '',
  );
}
if (latency) {
  const l = latency.result;
  lines.push(
    `## Latency (${latency.started.slice(0, 10)})`,
    '',
    `| latency (ms), ${l.runs} runs | p50 | p99 | max |`,
    '| --- | --- | --- | --- |',
    `| trigger → first ops alert accepted by the provider | ${l.firstAlertMs.p50} | ${l.firstAlertMs.p99} | ${l.firstAlertMs.max} |`,
    `| baseline: bare one-activity workflow round trip | ${l.bareRoundTripMs.p50} | ${l.bareRoundTripMs.p99} | ${l.bareRoundTripMs.max} |`,
    '',
    `p99 ratio ${l.p99Ratio}× (target ≤ 2×): ${verdict(l.p99Ratio <= 2)}.`,
    '',
  );
}
const table = lines.join('\n');
await writeFile(new URL('README.md', dir), table);
console.log(table);
process.exit(0);
