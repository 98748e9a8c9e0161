/**
 * The audit head each procedure keeps in its Temporal history (issue 13): a data-leak procedure on
 * a dev server writes to a PostgreSQL store, its status carries the head the store reported, and
 * `herald audit verify --histories` (bin/herald, a separate process) agrees with the chain — until
 * the database's owner deletes the newest entries with the triggers off, which the chain alone
 * cannot tell and the histories can.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { eventually } from '../support/eventually.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { usePostgresServer } from '../support/postgres-server.ts';
import { runCommand } from '../support/run-command.ts';
import { incident } from '../support/workflow-harness.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const PORT = 24150;
const taskQueue = 'herald-audit-histories';
const postgres = usePostgresServer();
let databaseUrl = '';
const stack = useDevServerWorker({
  port: PORT,
  taskQueue,
  store: async () => openStore({ databaseUrl: (databaseUrl = await (await postgres()).createDatabase()) }),
});

const verify = (...args: string[]) =>
  runCommand(heraldBin, ['audit', 'verify', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: '/tmp',
      TEMPORAL_ADDRESS: `127.0.0.1:${PORT}`,
      DATABASE_URL: databaseUrl,
    },
  });

test('the head in the status and history agrees with the chain; deleting the newest entries is found from the histories', async () => {
  const { env, store } = stack();
  const detectedAt = new Date().toISOString();
  const { handle } = await startDataLeak(env.client, { incident: incident('INC-HEAD-1', detectedAt) }, taskQueue);
  try {
    const status = await eventually(
      () => getStatus(handle),
      (s) => (s.auditHead?.seq ?? 0) >= 3,
      'three audit entries written',
    );
    const head = status.auditHead!;
    const entries = await store.audit.list();
    assert.equal(entries.find((e) => e.seq === head.seq)?.hash, head.hash, 'the status holds the store’s own hash');

    const ok = await verify('--histories');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /the heads recorded in 1 procedure histories agree with it/);
    assert.match(
      ok.stderr,
      /1 procedure histories read in namespace default: 1 record an audit head \(newest: seq \d+\)/,
    );

    await handle.terminate('the test is over');
    const written = (await store.audit.list()).length;
    await store.driver.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await tx.query('DELETE FROM audit_log WHERE seq > $1', [head.seq - 2]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
    const chainOnly = await verify();
    assert.equal(chainOnly.code, 0, 'the chain alone cannot tell');
    const found = await verify('--histories');
    assert.equal(found.code, 5, found.stderr);
    assert.match(
      found.stderr,
      new RegExp(
        `chain ends at seq ${head.seq - 2} but anchor in the history of workflow ${handle.workflowId} \\(run [^)]+\\), event \\d+ written \\S+ records seq \\d+: entries removed \\(seq ${head.seq - 1}\\.\\.\\d+, truncated\\)`,
      ),
    );
    assert.ok(written >= head.seq);
  } finally {
    await handle.terminate().catch(() => undefined);
  }
});
