/**
 * `npm run faults [-- --only <text>[,<text>…]] [--lanes N] [--trace]`: the fault matrix of issue 12
 * (test/faults/): every provider × fault × procedure cell on the time-skipping server with the
 * real adapters against the sandbox. Writes bench/results/faults.json and faults.md and, after a
 * whole run, the generated section of docs/fault-matrix.md. Exits 1 when a cell fails or cannot run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { machine } from '../bench/machine.ts';
import { CELLS } from '../test/faults/cells.ts';
import { MATRIX_PAGE, matrixMarkdown, matrixReport, replaceMatrixSection } from '../test/faults/report.ts';
import { runMatrix } from '../test/faults/run-matrix.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    lanes: { type: 'string', default: '2' },
    trace: { type: 'boolean', default: false },
  },
});
const lanes = Number(values.lanes);
if (!Number.isInteger(lanes) || lanes < 1) {
  console.error('usage: npm run faults [-- --only <text>[,<text>…]] [--lanes N]');
  process.exit(2);
}
const filters = values.only?.split(',').filter((f) => f.length > 0) ?? [];
const cells = filters.length === 0 ? CELLS : CELLS.filter((c) => filters.some((f) => c.id.includes(f)));
const say = (line: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

say(`${cells.length} cells on ${lanes} lanes`);
const started = Date.now();
const results = await runMatrix(cells, {
  lanes,
  rerunAlone: true,
  ...(values.trace ? { trace: say } : {}),
  onResult: (r) =>
    say(
      `${r.id}: ${r.outcome}${r.outcome === 'pass' ? '' : ` — ${r.reason}`} (${r.seconds} s)${r.firstRun === undefined ? '' : ' (run again alone)'}`,
    ),
});
const m = machine();
const report = matrixReport(results, {
  seconds: (Date.now() - started) / 1000,
  lanes,
  machine: `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}`,
});
const markdown = matrixMarkdown(report);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/faults.json', `${JSON.stringify(report, null, 2)}\n`);
await writeFile('bench/results/faults.md', `# Fault matrix\n\n${markdown}\n`);
if (filters.length === 0) {
  const page = await readFile(MATRIX_PAGE, 'utf8');
  // Formatted as the repository's prettier check wants it, so a run leaves the tree green.
  const updated = replaceMatrixSection(page, markdown);
  const options = (await resolveConfig(MATRIX_PAGE)) ?? {};
  await writeFile(MATRIX_PAGE, await format(updated, { ...options, filepath: MATRIX_PAGE }));
  say(`${MATRIX_PAGE} updated`);
}
say(
  `${report.totals.pass} pass, ${report.totals.fail} fail, ${report.totals.error} could not run, ${report.totals['n/a']} n/a in ${Math.round(report.seconds)} s; bench/results/faults.json, faults.md`,
);
process.exit(report.totals.fail + report.totals.error > 0 ? 1 : 0);
