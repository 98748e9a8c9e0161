import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../../activities/store/open-store.ts';
import { applySchema, SCHEMA_VERSION, schemaVersion } from '../../../activities/store/schema.ts';
import { usePostgresServer } from '../../support/postgres-server.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  test('a store keeps its data across close and reopen', async () => {
    const options = await driver.newDatabase();
    const first = await openStore(options);
    await first.recipients.addAll('inc-p', [{ id: 'a', name: 'A', email: 'a@example.org' }]);
    const entry = await first.audit.append({
      entryId: 'p1',
      incidentId: 'inc-p',
      type: 'incident.started',
      actor: 'herald',
      at: '2025-03-01T10:00:00Z',
      data: { severity: 'high' },
    });
    await first.ledger.reserve({ incidentId: 'inc-p', milestone: 'm', recipientId: 'a', channel: 'email' });
    await first.close();
    await first.close(); // idempotent

    const second = await openStore(options);
    try {
      assert.equal(await schemaVersion(second.driver), SCHEMA_VERSION);
      assert.equal(await second.recipients.count('inc-p'), 1);
      assert.deepEqual(await second.audit.list(), [entry]);
      assert.deepEqual(await second.audit.verify(), { ok: true, entries: 1 });
      const reserved = await second.ledger.reserve({
        incidentId: 'inc-p',
        milestone: 'm',
        recipientId: 'a',
        channel: 'email',
      });
      assert.equal(reserved?.state, 'reserved');
      await applySchema(second.driver); // applying again is harmless
      assert.equal(await schemaVersion(second.driver), SCHEMA_VERSION);
    } finally {
      await second.close();
    }
  });

  test('a database with a newer schema is refused', async () => {
    const options = await driver.newDatabase();
    const store = await openStore(options);
    await store.driver.query('UPDATE herald_schema SET version = $1', [SCHEMA_VERSION + 1]);
    await store.close();
    await assert.rejects(openStore(options), /newer than this Herald/);
  });
});

const root = await mkdtemp(join(tmpdir(), 'herald-store-'));
after(() => rm(root, { recursive: true, force: true }));
const postgres = usePostgresServer();

test('an embedded store creates the parents of its dataDir', async () => {
  const dataDir = join(root, 'nested', 'db');
  await (await openStore({ dataDir })).close();
  assert.ok(existsSync(dataDir));
});

test('databaseUrl selects PostgreSQL, and dataDir is then ignored', async () => {
  const databaseUrl = await (await postgres()).createDatabase();
  const dataDir = join(root, 'unused');
  const store = await openStore({ databaseUrl, dataDir });
  try {
    const [row] = await store.driver.query<{ name: string }>('SELECT current_database() AS name');
    assert.equal(row?.name, new URL(databaseUrl).pathname.slice(1));
    assert.equal(existsSync(dataDir), false);
  } finally {
    await store.close();
  }
});
