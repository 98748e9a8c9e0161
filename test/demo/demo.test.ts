/**
 * Smoke test of the README's demo command: it must run a whole procedure on a fresh dev server and
 * exit 0 with a verified audit chain. Runs with a tighter clock and its own ports and data dir.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('the demo runs a data-leak procedure to completion and verifies the audit chain', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dataDir = await mkdtemp(join(tmpdir(), 'herald-demo-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HERALD_DATA_DIR: dataDir,
      HERALD_DEMO_TIME_SCALE: '1/3600',
      HERALD_DEMO_TEMPORAL_PORT: '17233',
      HERALD_DEMO_UI_PORT: '18233',
      HERALD_DEMO_STUDENTS: '600',
      HERALD_DEMO_EXIT: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, output);
  assert.match(
    output,
    /watch it in Temporal UI: http:\/\/127\.0\.0\.1:18233\/namespaces\/default\/workflows\/data-leak%3ADEMO-/,
  );
  assert.match(output, /acknowledged the alert/);
  assert.match(output, /approved notice v1/);
  assert.match(output, /procedure completed/);
  assert.match(output, /audit chain: verified/);
});
