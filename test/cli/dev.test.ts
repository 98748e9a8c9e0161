/**
 * `herald dev` as a developer runs it: the whole stack comes up (dev server, sandbox, codec server,
 * worker, schedules, HTTP API with fresh tokens), says how to reach each part, and with
 * HERALD_DEMO_EXIT=1 shuts down cleanly instead of waiting for Ctrl+C.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runCommand } from '../support/run-command.ts';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));

test('herald dev brings the stack up with the API and tokens, then stops cleanly', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-dev-'));
  try {
    const result = await runCommand(heraldBin, ['dev'], {
      env: {
        ...process.env,
        HERALD_DEMO_EXIT: '1',
        HERALD_WORKFLOW_BUNDLE: (await cachedWorkflowBundle({ asImage: true })).codePath,
        HERALD_DEMO_TEMPORAL_PORT: '17533',
        HERALD_DEMO_UI_PORT: '18633',
        HERALD_DEMO_API_PORT: '0',
        HERALD_DEMO_STUDENTS: '50',
        HERALD_DATA_DIR: dataDir,
      },
    });
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 0, output);
    assert.match(output, /HTTP API on http:\/\/127\.0\.0\.1:\d+ \(OpenAPI at /);
    for (const role of ['responder', 'legal', 'compliance', 'integration']) {
      assert.match(output, new RegExp(`${role}\\s+Bearer dev-${role}-[0-9a-f]{24}`));
    }
    assert.match(output, /schedule herald-credential-watch (created|updated)/);
    assert.match(output, /herald command: TEMPORAL_ADDRESS=127\.0\.0\.1:17533 HERALD_PAYLOAD_KEYS=demo=/);
    assert.match(output, /stack up: Temporal UI http:\/\/127\.0\.0\.1:18633/);
    assert.doesNotMatch(output, /procedure finished/, 'no scenario runs');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
