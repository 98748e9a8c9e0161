/**
 * docs/benchmarks.md keeps a section per reference machine: a run rewrites its own machine's
 * section and leaves the others alone. Pure functions only; no benchmark runs here.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import {
  BENCHMARKS_PAGE,
  MACHINES_END,
  MACHINES_START,
  SECTION_END,
  machineKey,
  machineSection,
  replaceMachineSection,
  sectionStart,
  updateBenchmarksPage,
} from '../../bench/benchmarks-doc.ts';
import type { Report } from '../../bench/benchmarks-doc.ts';
import type { LatencyResult } from '../../bench/latency.ts';
import type { SharedRateResult } from '../../bench/shared-rate.ts';
import type { Machine } from '../../bench/machine.ts';
import type { CrmSnapshotResult } from '../../bench/crm-snapshot.ts';

const epyc: Machine = {
  cpu: 'AMD EPYC 7B13',
  cores: 2,
  memoryGiB: 24,
  node: 'v24.21.0',
  platform: 'linux-x64',
  os: 'Debian GNU/Linux 12 (bookworm)',
};

const page = (sections: string) =>
  `# Benchmarks\n\nIntro.\n\n## Results\n\n${MACHINES_START}\n\n${sections}\n\n${MACHINES_END}\n\n## After\n\nText.\n`;
const section = (key: string, body: string) => `${sectionStart(key)}\n\n${body}\n\n${SECTION_END}`;

describe('benchmarks page', () => {
  it('keys a machine by CPU × cores, memory, OS and Node, on one comment-safe line', () => {
    assert.equal(machineKey(epyc), '2 × AMD EPYC 7B13, 24 GiB, Debian GNU/Linux 12 (bookworm) x64, Node v24.21.0');
    const odd = machineKey({ ...epyc, cpu: 'Weird  --> CPU\n v2', os: undefined });
    assert.equal(odd, '2 × Weird - CPU v2, 24 GiB, linux x64, Node v24.21.0');
    assert.doesNotMatch(odd, /-->|\n/);
  });

  it("replaces only the machine's own section, keeping the others byte for byte", () => {
    const other = section('8 × Intel Xeon, 64 GiB, Ubuntu 24.04 x64, Node v24.1.0', 'Their figures: 1 | 2.');
    const mine = section(machineKey(epyc), 'Old figures.');
    const before = page(`${other}\n\n${mine}`);
    const after = replaceMachineSection(before, machineKey(epyc), 'New figures.\n');
    assert.equal(after, page(`${other}\n\n${section(machineKey(epyc), 'New figures.')}`));
    assert.ok(after.includes(other));
    assert.equal(after.split(sectionStart(machineKey(epyc))).length, 2, 'one section per machine');
    // Doing it again changes nothing.
    assert.equal(replaceMachineSection(after, machineKey(epyc), 'New figures.'), after);
  });

  it('adds a machine not on the page after the last section, inside the markers', () => {
    const other = section('8 × Intel Xeon, 64 GiB, Ubuntu 24.04 x64, Node v24.1.0', 'Theirs.');
    const after = replaceMachineSection(page(other), machineKey(epyc), 'Mine.');
    assert.equal(after, page(`${other}\n\n${section(machineKey(epyc), 'Mine.')}`));
    const first = replaceMachineSection(page(''), machineKey(epyc), 'Mine.');
    assert.ok(first.includes(`${MACHINES_START}\n\n${section(machineKey(epyc), 'Mine.')}\n\n${MACHINES_END}`));
  });

  it('does not take a section outside the markers for the machine’s own', () => {
    const stray = `${section(machineKey(epyc), 'Quoted elsewhere.')}\n\n`;
    const before = `${stray}${page('')}`;
    const after = replaceMachineSection(before, machineKey(epyc), 'Mine.');
    assert.ok(after.startsWith(stray));
    assert.ok(after.includes(`${section(machineKey(epyc), 'Mine.')}\n\n${MACHINES_END}`));
  });

  it('refuses a page without its markers, an unclosed section and a key that would end the comment', () => {
    assert.throws(() => replaceMachineSection('# Benchmarks\n', machineKey(epyc), 'x'), /lacks the markers/);
    const unclosed = page(`${sectionStart(machineKey(epyc))}\n\nOld.`);
    assert.throws(() => replaceMachineSection(unclosed, machineKey(epyc), 'x'), /not closed/);
    assert.throws(() => replaceMachineSection(page(''), 'a --> b', 'x'), /one line/);
  });

  it("renders a machine's section from its saved reports, with each target's verdict", () => {
    const latency: Report<LatencyResult> = {
      benchmark: 'latency',
      started: '2026-12-03T10:00:00.000Z',
      machine: epyc,
      result: {
        runs: 50,
        firstAlertMs: { p50: 225, p99: 438, max: 438 },
        bareRoundTripMs: { p50: 122, p99: 218, max: 218 },
        p99Ratio: 2.01,
      },
    };
    const sharedRate: Report<SharedRateResult> = {
      benchmark: 'shared-rate',
      started: '2026-12-03T10:00:00.000Z',
      machine: epyc,
      result: {
        recipients: 1500,
        procedures: 2,
        configuredSmsPerSecond: 100,
        combinedSmsPerSecond: 96.4,
        ratio: 0.96,
        overlapSeconds: 25.1,
        spanSeconds: 31.1,
        sms: 3000,
      },
    };
    const text = machineSection(epyc, { latency, sharedRate });
    assert.ok(text.startsWith(`### ${machineKey(epyc)}\n`));
    assert.match(text, /combined 96\.4 SMS\/s over 3,000 SMS: 0\.96× the configured rate \(target within 10 %\): met/);
    assert.match(text, /\*\*Latency\*\* \(2026-12-03\)/);
    assert.match(text, /\| trigger → first ops alert accepted by the sandbox SendGrid \| 225 \| 438 \| 438 \|/);
    // A report from before the p50 ratio was saved: computed from its own figures.
    assert.match(text, /p99 ratio 2\.01× \(target ≤ 1\.3×\): NOT met; p50 ratio 1\.84× \(target ≤ 1\.2×\): NOT met\./);
    assert.doesNotMatch(text, /Throughput|Webhook answers/);
  });

  it('renders the CRM snapshot with both paths of the same run', () => {
    const figures = (pageSize: number, requests: number, read: number, far: number, snapshot: number) => ({
      pageSize,
      read: { seconds: read, contactsPerSecond: Math.round(100_000 / read), requests },
      readWithRoundTrip: { seconds: far, contactsPerSecond: Math.round(100_000 / far) },
      snapshot: { seconds: snapshot, contactsPerSecond: Math.round(100_000 / snapshot), stored: 100_000 },
    });
    const crmSnapshot: Report<CrmSnapshotResult> = {
      benchmark: 'crm-snapshot',
      started: '2026-12-03T10:00:00.000Z',
      machine: epyc,
      result: {
        contacts: 100_000,
        bulkThreshold: 2000,
        roundTripMs: 50,
        rest: figures(200, 501, 2, 26.9, 5.5),
        bulk: figures(10_000, 15, 1.6, 2.2, 4.6),
        snapshotSpeedup: 1.2,
      },
    };
    const text = machineSection(epyc, { crmSnapshot });
    assert.match(text, /\*\*CRM snapshot\*\* \(2026-12-03\): 100,000 Contacts/);
    assert.match(
      text,
      /\| REST query paging \(`SALESFORCE_BULK_THRESHOLD=off`\) \| 200 \| 501 \| 2 \(50,000\/s\) \| 26\.9 \(3,717\/s\) \| 5\.5 \(18,182\/s\) \|/,
    );
    assert.match(text, /\| Bulk API 2\.0 query job \(threshold 2,000\) \| 10,000 \| 15 \| 1\.6 \(62,500\/s\) \|/);
    assert.match(text, /1\.2× as long through REST as through Bulk/);
  });

  it("writes this machine's section from the reports saved on it, not another machine's", async () => {
    const root = await mkdtemp(join(tmpdir(), 'herald-bench-doc-'));
    try {
      await mkdir(join(root, 'docs'));
      await mkdir(join(root, 'results'));
      const other = section('8 × Intel Xeon, 64 GiB, Ubuntu 24.04 x64, Node v24.1.0', 'Theirs.');
      await writeFile(join(root, BENCHMARKS_PAGE), page(other));
      const latency = {
        benchmark: 'latency',
        started: '2026-12-03T10:00:00.000Z',
        machine: epyc,
        result: {
          runs: 5,
          firstAlertMs: { p50: 1, p99: 2, max: 2 },
          bareRoundTripMs: { p50: 1, p99: 1, max: 1 },
          p99Ratio: 2,
        },
      };
      await writeFile(join(root, 'results', 'latency.json'), JSON.stringify(latency));
      // Saved on another machine: not this machine's figure.
      await writeFile(
        join(root, 'results', 'throughput.json'),
        JSON.stringify({ ...latency, benchmark: 'throughput', machine: { ...epyc, cores: 8 } }),
      );
      const rootUrl = pathToFileURL(`${root}/`);
      await updateBenchmarksPage(new URL('results/', rootUrl), epyc, rootUrl);
      const text = await readFile(join(root, BENCHMARKS_PAGE), 'utf8');
      assert.ok(text.includes(other), 'the other machine keeps its section');
      assert.ok(text.includes(sectionStart(machineKey(epyc))));
      assert.match(text, /\*\*Latency\*\* \(2026-12-03\)/);
      assert.doesNotMatch(text, /\*\*Throughput\*\*/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('the committed page has the markers and the first reference machine’s section', async () => {
    const text = await readFile(new URL(`../../${BENCHMARKS_PAGE}`, import.meta.url), 'utf8');
    const start = text.indexOf(MACHINES_START);
    const end = text.indexOf(MACHINES_END);
    assert.ok(start >= 0 && end > start, 'both region markers, in order');
    const region = text.slice(start, end);
    const opened = region.match(/<!-- benchmarks:machine:start [^\n]+ -->/g) ?? [];
    assert.ok(opened.length >= 1, 'at least one machine');
    assert.equal(region.split(SECTION_END).length - 1, opened.length, 'every section closed');
  });
});
