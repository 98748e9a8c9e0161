/**
 * Determinism guard: every committed history must replay against the current workflow code.
 * A failure here means a change to running workflow code that needs patched().
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../workers/create-worker.ts';

const dir = new URL('histories/', import.meta.url);

test('committed histories replay against the current workflow code', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0, 'at least one committed history');
  for (const file of files) {
    const history: unknown = JSON.parse(await readFile(new URL(file, dir), 'utf8'));
    // Throws DeterminismViolationError (naming the event) when the code no longer matches.
    await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, file);
  }
});
