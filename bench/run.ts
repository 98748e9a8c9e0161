/**
 * `npm run bench`: runs Herald's benchmarks and writes bench/results/<name>.json (figures, baseline,
 * machine, time), then this machine's section of docs/benchmarks.md (the other machines' sections
 * stay as they are) and the same section in bench/results/README.md.
 * BENCH_RECIPIENTS (default 100000) sets the audience of the throughput benchmark,
 * BENCH_LATENCY_RUNS (default 50) the number of incidents of the latency benchmark,
 * BENCH_SHARED_RECIPIENTS (default 1500) the audience of each of the two procedures of the shared-rate
 * benchmark, BENCH_SNAPSHOT_CONTACTS (default 100000) the Contacts of the CRM snapshot benchmark,
 * BENCH_ONLY=throughput|latency|shared-rate|crm-snapshot runs one of them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { BENCHMARKS_PAGE, updateBenchmarksPage } from './benchmarks-doc.ts';
import type { Report } from './benchmarks-doc.ts';
import { measureLatency } from './latency.ts';
import { machine } from './machine.ts';
import { measureThroughput } from './throughput.ts';
import { measureSharedRate } from './shared-rate.ts';
import { measureCrmSnapshot } from './crm-snapshot.ts';

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const runs = Number(process.env.BENCH_LATENCY_RUNS ?? 50);
const only = process.env.BENCH_ONLY;
const sharedRecipients = Number(process.env.BENCH_SHARED_RECIPIENTS ?? 1_500);
const snapshotContacts = Number(process.env.BENCH_SNAPSHOT_CONTACTS ?? 100_000);
const runs_ = (name: string) => only === undefined || only === name;
const say = (line: string) => console.log(`[bench] ${line}`);
const dir = new URL('./results/', import.meta.url);
await mkdir(dir, { recursive: true });
Runtime.install({ logger: new DefaultLogger('ERROR') });

async function runAndSave<T>(name: string, work: () => Promise<T>): Promise<void> {
  const started = new Date().toISOString();
  const result = await work();
  const report: Report<T> = {
    benchmark: name,
    started,
    finished: new Date().toISOString(),
    machine: machine(),
    result,
  };
  await writeFile(new URL(`${name}.json`, dir), `${JSON.stringify(report, null, 2)}\n`);
}

// A benchmark not run this time keeps its last saved report on this machine, so the section stays whole.
if (runs_('throughput')) {
  await runAndSave('throughput', () => {
    say(`throughput benchmark: ${recipients} recipients, email + SMS, pipeline vs raw baseline`);
    return measureThroughput(recipients, 18533, 16, say);
  });
}
if (runs_('shared-rate')) {
  await runAndSave('shared-rate', () => {
    say(`shared-rate benchmark: two procedures at once through one provider account`);
    return measureSharedRate(sharedRecipients, 100, 18535, say);
  });
}
if (runs_('latency')) {
  await runAndSave('latency', () => {
    say(`latency benchmark: ${runs} incidents (trigger → first ops alert accepted by the sandbox SendGrid)`);
    return measureLatency(runs, 18534, say);
  });
}
if (runs_('crm-snapshot')) {
  await runAndSave('crm-snapshot', () => {
    say(`CRM snapshot benchmark: ${snapshotContacts} Contacts through Salesforce REST paging and Bulk API 2.0`);
    return measureCrmSnapshot(snapshotContacts, say);
  });
}

// This machine's section of docs/benchmarks.md (other machines' sections stay), and the same
// section alone in bench/results/README.md.
const section = await updateBenchmarksPage(dir, machine());
await writeFile(new URL('README.md', dir), `# Benchmark results\n\n${section}\n`);
console.log(section);
console.log(`\n[bench] ${BENCHMARKS_PAGE}: this machine's section written`);
process.exit(0);
