/**
 * Determinism guard: every committed history must replay against the current workflow code.
 * A failure here means a change to running workflow code that needs patched().
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../workers/create-worker.ts';

const dir = new URL('histories/', import.meta.url);

test('committed histories replay against the current workflow code', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  assert.ok(files.length > 0, 'at least one committed history');
  const histories = await Promise.all(
    files.map(async (f) => ({
      workflowId: f,
      history: historyFromJSON(JSON.parse(await readFile(new URL(f, dir), 'utf8'))),
    })),
  );
  for await (const result of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories)) {
    assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
  }
});
