/**
 * docs/benchmarks.md keeps one section of figures per reference machine. `npm run bench` (and
 * `npm run bench:webhooks`) rewrite the section of the machine they ran on — keyed by its
 * description: CPU model × cores, memory, OS, Node version — from the reports saved in
 * bench/results/ on that machine, and leave every other machine's section as it is.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import type { LatencyResult } from './latency.ts';
import type { Machine } from './machine.ts';
import type { ThroughputResult } from './throughput.ts';
import type { SharedRateResult } from './shared-rate.ts';
import type { CrmSnapshotResult } from './crm-snapshot.ts';

export const BENCHMARKS_PAGE = 'docs/benchmarks.md';
export const MACHINES_START = '<!-- benchmarks:machines:start (one section per machine, written by npm run bench) -->';
export const MACHINES_END = '<!-- benchmarks:machines:end -->';
export const SECTION_END = '<!-- benchmarks:machine:end -->';
/** The marker that opens a machine's section: its key names the machine. */
export const sectionStart = (key: string): string => `<!-- benchmarks:machine:start ${key} -->`;

/** How a saved report looks (bench/results/<name>.json). */
export interface Report<T> {
  benchmark: string;
  started: string;
  finished?: string;
  machine: Machine;
  result: T;
}

interface AnswerTimes {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** What `npm run bench:webhooks` measures (bench/webhook-answer.ts). */
export interface WebhooksResult {
  answerBudgetMs: number;
  pagerDutyTimeoutMs: number;
  healthy: AnswerTimes & { statuses: number[] };
  httpBaseline: AnswerTimes;
  directStartBaseline: AnswerTimes;
  temporalHeld: AnswerTimes & { statuses: number[] };
  temporalUnreachable: AnswerTimes & { statuses: number[] };
}

/** The machine as a section's key: `2 × AMD EPYC 7B13, 8 GiB, Debian GNU/Linux 12 (bookworm) x64, Node v24.21.0`. */
export function machineKey(m: Machine): string {
  const arch = m.platform.split('-')[1] ?? m.platform;
  const os = m.os ?? m.platform.split('-')[0] ?? 'unknown OS';
  const key = `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, ${os} ${arch}, Node ${m.node}`;
  // Inside an HTML comment: one line, and nothing that would end the comment.
  return key.replace(/\s+/g, ' ').replace(/--+>?/g, '-').trim();
}

/**
 * `page` with the section of the machine `key` replaced by `section` (markers included), or — for
 * a machine not on the page yet — added after the last machine's section; inside `region` (by
 * default the benchmarks' machines, between MACHINES_START and MACHINES_END). Other sections stay
 * byte for byte. Throws when the page lacks its markers or the machine's section is not closed.
 */
export function replaceMachineSection(
  page: string,
  key: string,
  section: string,
  region: { start: string; end: string } = { start: MACHINES_START, end: MACHINES_END },
): string {
  if (/\n|-->/.test(key)) throw new Error(`a machine key must be one line without "-->": ${key}`);
  const regionStart = page.indexOf(region.start);
  const regionEnd = page.indexOf(region.end);
  if (regionStart < 0 || regionEnd < regionStart) {
    throw new Error(`${BENCHMARKS_PAGE} lacks the markers ${region.start} … ${region.end}`);
  }
  const block = `${sectionStart(key)}\n\n${section.trim()}\n\n${SECTION_END}`;
  const start = page.indexOf(sectionStart(key), regionStart);
  if (start >= 0 && start < regionEnd) {
    const end = page.indexOf(SECTION_END, start);
    if (end < 0 || end > regionEnd) throw new Error(`${BENCHMARKS_PAGE}: the section of ${key} is not closed`);
    return `${page.slice(0, start)}${block}${page.slice(end + SECTION_END.length)}`;
  }
  return `${page.slice(0, regionEnd).trimEnd()}\n\n${block}\n\n${page.slice(regionEnd)}`;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const day = (iso: string) => iso.slice(0, 10);
const num = (n: number) => n.toLocaleString('en');

export function throughputMarkdown(report: Report<ThroughputResult>): string {
  const t = report.result;
  return [
    `**Throughput** (${day(report.started)}): ${num(t.recipients)} affected people, each one email and one SMS, against the sandbox providers on 127.0.0.1; Temporal CLI dev server (in memory); store on PostgreSQL; SMS ${t.concurrency} in flight, email in requests of ${num(t.pageSize)}.`,
    '',
    '| | seconds | recipients/s |',
    '| --- | --- | --- |',
    `| pipeline: approval → last recipient sent (child workflow, ledger, audit; worker in its own process) | ${t.pipeline.seconds} | ${num(t.pipeline.recipientsPerSecond)} |`,
    `| baseline: the same messages through the same adapters, no durability | ${t.raw.seconds} | ${num(t.raw.recipientsPerSecond)} |`,
    '',
    `- ratio ${t.ratio}× (target ≥ 0.8×): ${verdict(t.ratio >= 0.8)}`,
    `- history events per 1,000 recipients: ${t.history.eventsPer1000Recipients} (${num(t.history.events)} events in ${t.history.workflowRuns} workflow runs; target ≤ 20): ${verdict(t.history.eventsPer1000Recipients <= 20)}`,
    `- worker peak RSS: ${t.workerPeakRssMiB} MiB (${t.workerStartupRssMiB} MiB once polling; target < 512): ${verdict(t.workerPeakRssMiB < 512)}`,
    `- exactly once, from the sandbox's request log: ${num(t.pipeline.exactlyOnce.accepted)} accepted of ${num(t.pipeline.exactlyOnce.required)} required, ${t.pipeline.exactlyOnce.missed} missed, ${t.pipeline.exactlyOnce.duplicates} duplicates`,
    `- CRM snapshot before approval (not in the figures above): ${t.pipeline.snapshotSeconds} s`,
    ...(t.estimate === undefined
      ? []
      : [
          t.estimate
            ? `- the procedure's finish estimate with ${num(t.estimate.atNotified)} of ${num(t.estimate.total)} notified (${t.estimate.basis}): ${t.estimate.estimatedSeconds} s after approval against ${t.estimate.actualSeconds} s actual, ${t.estimate.errorPercent} % off (target within 10 %): ${verdict(Math.abs(t.estimate.errorPercent) <= 10)}`
            : '- the procedure showed no estimate between a tenth and the end of the fan-out',
        ]),
  ].join('\n');
}

export function sharedRateMarkdown(report: Report<SharedRateResult>): string {
  const r = report.result;
  return [
    `**Shared provider rate** (${day(report.started)}): two data-leak procedures of ${num(r.recipients)} affected people each, both fanning out for ${r.overlapSeconds} s at the same time, through one Twilio account configured at ${r.configuredSmsPerSecond} SMS/s; the rate from the sandbox's log, from the first affected person's SMS to the last (${r.spanSeconds} s).`,
    '',
    `- combined ${r.combinedSmsPerSecond} SMS/s over ${num(r.sms)} SMS: ${r.ratio.toFixed(2)}× the configured rate (target within 10 %): ${verdict(Math.abs(r.ratio - 1) <= 0.1)}`,
  ].join('\n');
}

export function crmSnapshotMarkdown(report: Report<CrmSnapshotResult>): string {
  const r = report.result;
  const row = (label: string, p: CrmSnapshotResult['rest']) =>
    `| ${label} | ${num(p.pageSize)} | ${num(p.read.requests)} | ${p.read.seconds} (${num(p.read.contactsPerSecond)}/s) | ${p.readWithRoundTrip.seconds} (${num(p.readWithRoundTrip.contactsPerSecond)}/s) | ${p.snapshot.seconds} (${num(p.snapshot.contactsPerSecond)}/s) |`;
  return [
    `**CRM snapshot** (${day(report.started)}): ${num(r.contacts)} Contacts in the incident's scope, read from the sandbox Salesforce on 127.0.0.1 by the adapter (jsforce) — as it answers, and with every request held ${r.roundTripMs} ms as a distant org would — then stored by the procedure's snapshot step on PostgreSQL; both paths in the same run.`,
    '',
    `| path | records per page | requests | read, s (Contacts/s) | read at ${r.roundTripMs} ms per request, s (Contacts/s) | snapshot step, s (Contacts/s) |`,
    '| --- | --- | --- | --- | --- | --- |',
    row('REST query paging (`SALESFORCE_BULK_THRESHOLD=off`)', r.rest),
    row(`Bulk API 2.0 query job (threshold ${num(r.bulkThreshold)})`, r.bulk),
    '',
    `The snapshot step took ${r.snapshotSpeedup}× as long through REST as through Bulk.`,
  ].join('\n');
}

export function latencyMarkdown(report: Report<LatencyResult>): string {
  const l = report.result;
  const p50Ratio = l.p50Ratio ?? Math.round((l.firstAlertMs.p50 / l.bareRoundTripMs.p50) * 100) / 100;
  return [
    `**Latency** (${day(report.started)}): trigger → first ops alert accepted by the sandbox SendGrid, ${l.runs} data-leak incidents one at a time, against a bare one-activity workflow round trip in the same run.`,
    '',
    '| latency (ms) | p50 | p99 | max |',
    '| --- | --- | --- | --- |',
    `| trigger → first ops alert accepted by the sandbox SendGrid | ${l.firstAlertMs.p50} | ${l.firstAlertMs.p99} | ${l.firstAlertMs.max} |`,
    `| baseline: bare one-activity workflow round trip | ${l.bareRoundTripMs.p50} | ${l.bareRoundTripMs.p99} | ${l.bareRoundTripMs.max} |`,
    '',
    `p99 ratio ${l.p99Ratio}× (target ≤ 1.3×): ${verdict(l.p99Ratio <= 1.3)}; p50 ratio ${p50Ratio}× (target ≤ 1.2×): ${verdict(p50Ratio <= 1.2)}.`,
  ].join('\n');
}

export function webhooksMarkdown(report: Report<WebhooksResult>): string {
  const w = report.result;
  const row = (label: string, t: AnswerTimes) =>
    `| ${label} | ${t.n} | ${num(t.p50)} | ${num(t.p99)} | ${num(t.max)} |`;
  return [
    `**Webhook answers** (${day(report.started)}, \`npm run bench:webhooks\`): a signed PagerDuty \`incident.triggered\` over real HTTP, against PagerDuty's ${w.pagerDutyTimeoutMs / 1000} s; answer budget ${num(w.answerBudgetMs)} ms.`,
    '',
    '| answer time (ms) | n | p50 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    row(`Temporal healthy (${w.healthy.statuses.join(', ')})`, w.healthy),
    row('baseline: `GET /healthz` over the same HTTP', w.httpBaseline),
    row('baseline: the same start through the client, no webhook layer', w.directStartBaseline),
    row(`Temporal held (${w.temporalHeld.statuses.join(', ')})`, w.temporalHeld),
    row(`Temporal unreachable (${w.temporalUnreachable.statuses.join(', ')})`, w.temporalUnreachable),
  ].join('\n');
}

export interface MachineReports {
  throughput?: Report<ThroughputResult> | undefined;
  latency?: Report<LatencyResult> | undefined;
  sharedRate?: Report<SharedRateResult> | undefined;
  webhooks?: Report<WebhooksResult> | undefined;
  crmSnapshot?: Report<CrmSnapshotResult> | undefined;
}

/** One machine's section: its description as the heading, then each benchmark saved on it. */
export function machineSection(m: Machine, reports: MachineReports): string {
  const parts = [
    reports.throughput && throughputMarkdown(reports.throughput),
    reports.sharedRate && sharedRateMarkdown(reports.sharedRate),
    reports.latency && latencyMarkdown(reports.latency),
    reports.crmSnapshot && crmSnapshotMarkdown(reports.crmSnapshot),
    reports.webhooks && webhooksMarkdown(reports.webhooks),
  ].filter((p): p is string => typeof p === 'string');
  return [
    `### ${machineKey(m)}`,
    '',
    `Written by \`npm run bench\` (throughput, shared rate, latency, CRM snapshot) and \`npm run bench:webhooks\` on this machine (${m.platform}); each benchmark shows the date it ran.`,
    '',
    ...parts.flatMap((p) => [p, '']),
  ]
    .join('\n')
    .trim();
}

/** The saved report of `name`, when it was measured on this machine. */
async function savedReport<T>(dir: URL, name: string, key: string): Promise<Report<T> | undefined> {
  try {
    const report = JSON.parse(await readFile(new URL(`${name}.json`, dir), 'utf8')) as Report<T>;
    return machineKey(report.machine) === key ? report : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rewrites this machine's section of docs/benchmarks.md from the reports saved in `dir` on it
 * (formatted as the repository's prettier check wants, so a run leaves the tree green). Returns
 * the section.
 */
export async function updateBenchmarksPage(
  dir: URL,
  m: Machine,
  root = new URL('../', import.meta.url),
): Promise<string> {
  const key = machineKey(m);
  const section = machineSection(m, {
    throughput: await savedReport<ThroughputResult>(dir, 'throughput', key),
    sharedRate: await savedReport<SharedRateResult>(dir, 'shared-rate', key),
    latency: await savedReport<LatencyResult>(dir, 'latency', key),
    webhooks: await savedReport<WebhooksResult>(dir, 'webhooks', key),
    crmSnapshot: await savedReport<CrmSnapshotResult>(dir, 'crm-snapshot', key),
  });
  await writeMachineSection(key, section, undefined, root);
  return section;
}

/**
 * Writes `section` as the machine `key`'s section inside `region` of docs/benchmarks.md (default:
 * the benchmarks' machines), formatted as the repository's prettier check wants.
 */
export async function writeMachineSection(
  key: string,
  section: string,
  region?: { start: string; end: string },
  root = new URL('../', import.meta.url),
): Promise<void> {
  const path = new URL(BENCHMARKS_PAGE, root);
  const updated = replaceMachineSection(await readFile(path, 'utf8'), key, section, region);
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(updated, { ...options, filepath: path.pathname }));
}
