/**
 * Determinism guard: every committed history must replay against the current workflow code.
 * A failure here means a change to running workflow code that needs patched().
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Worker } from '@temporalio/worker';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache.ts';

const dir = new URL('histories/', import.meta.url);

test('committed histories replay against the current workflow code', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0, 'at least one committed history');
  const histories = await Promise.all(
    files.map(async (file) => ({
      workflowId: file,
      history: JSON.parse(await readFile(new URL(file, dir), 'utf8')) as unknown,
    })),
  );
  // One bundle for all of them, the suite's own (a replay per file bundled the workflow code each time).
  const { code, sourceMap } = await cachedWorkflowBundle();
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code, sourceMap } }, histories)) {
    replayed++;
    // A DeterminismViolationError names the event where the code no longer matches.
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  assert.equal(replayed, files.length, 'every history replayed');
  assert.deepEqual(failures, []);
});
