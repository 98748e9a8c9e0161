/**
 * `npm run bench`: runs Herald's benchmarks and writes bench/results/<name>.json (figures, baseline,
 * machine, time) and bench/results/README.md (the table the project README quotes).
 * BENCH_LATENCY_RUNS (default 50) sets the number of incidents.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { measureLatency } from './latency.ts';
import { machine } from './machine.ts';

const runs = Number(process.env.BENCH_LATENCY_RUNS ?? 50);
const started = new Date().toISOString();
const say = (line: string) => console.log(`[bench] ${line}`);
say(`latency benchmark: ${runs} incidents (trigger → first ops alert accepted by the sandbox SendGrid)`);
const latency = await measureLatency(runs, 18533, say);
const report = { benchmark: 'latency', started, finished: new Date().toISOString(), machine: machine(), latency };
const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
await writeFile(new URL('latency.json', dir), `${JSON.stringify(report, null, 2)}\n`);
const m = report.machine;
const table = [
  '# Benchmark results',
  '',
  `Measured ${started.slice(0, 10)} on ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, Temporal CLI dev server (SQLite in memory), sandbox providers on 127.0.0.1.`,
  '',
  '| latency (ms), ' + `${runs} runs` + ' | p50 | p99 | max |',
  '| --- | --- | --- | --- |',
  `| trigger → first ops alert accepted by the provider | ${latency.firstAlertMs.p50} | ${latency.firstAlertMs.p99} | ${latency.firstAlertMs.max} |`,
  `| baseline: bare one-activity workflow round trip | ${latency.bareRoundTripMs.p50} | ${latency.bareRoundTripMs.p99} | ${latency.bareRoundTripMs.max} |`,
  '',
  `p99 ratio ${latency.p99Ratio}× (target ≤ 2×): ${latency.p99Ratio <= 2 ? 'met' : 'NOT met'}.`,
  '',
].join('\n');
await writeFile(new URL('README.md', dir), table);
console.log(table);
process.exit(0);
