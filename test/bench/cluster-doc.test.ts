/**
 * The cluster run has a region of its own in docs/benchmarks.md: writing a machine's cluster
 * section leaves the same machine's benchmark section (above it) as it is, and the other way round.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MACHINES_END,
  MACHINES_START,
  SECTION_END,
  replaceMachineSection,
  sectionStart,
} from '../../bench/benchmarks-doc.ts';
import { CLUSTER_REGION } from '../../bench/cluster-doc.ts';

const KEY = '2 × AMD EPYC 7B13, 24 GiB, Debian GNU/Linux 12 (bookworm) x64, Node v24.21.0';
const section = (body: string) => `${sectionStart(KEY)}\n\n${body}\n\n${SECTION_END}`;
const page = (bench: string, cluster: string) =>
  `# Benchmarks\n\n${MACHINES_START}\n\n${bench}\n\n${MACHINES_END}\n\n## On a real cluster\n\n${CLUSTER_REGION.start}\n\n${cluster}\n\n${CLUSTER_REGION.end}\n`;

describe('cluster section of the benchmarks page', () => {
  it("writes the machine's cluster section and keeps its benchmark section", () => {
    const before = page(section('Throughput figures.'), '');
    const once = replaceMachineSection(before, KEY, 'Cluster figures.', CLUSTER_REGION);
    assert.equal(once, page(section('Throughput figures.'), section('Cluster figures.')));
    const again = replaceMachineSection(once, KEY, 'Cluster figures, later.', CLUSTER_REGION);
    assert.ok(again.includes(section('Throughput figures.')));
    assert.ok(again.includes(section('Cluster figures, later.')));
    assert.ok(!again.includes('Cluster figures.\n'));
  });

  it("writes the machine's benchmark section and keeps its cluster section", () => {
    const before = page(section('Old throughput.'), section('Cluster figures.'));
    const after = replaceMachineSection(before, KEY, 'New throughput.');
    assert.equal(after, page(section('New throughput.'), section('Cluster figures.')));
  });
});
