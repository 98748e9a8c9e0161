import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../../activities/store/open-store.ts';
import { applySchema, SCHEMA_VERSION, schemaVersion } from '../../../activities/store/schema.ts';

const root = await mkdtemp(join(tmpdir(), 'herald-store-'));
after(() => rm(root, { recursive: true, force: true }));

test('a store on a dataDir keeps its data across close and reopen', async () => {
  const dataDir = join(root, 'nested', 'db'); // parents don't exist yet
  const first = await openStore({ dataDir });
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

  const second = await openStore({ dataDir });
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
  const dataDir = join(root, 'newer');
  const store = await openStore({ dataDir });
  await store.driver.query('UPDATE herald_schema SET version = $1', [SCHEMA_VERSION + 1]);
  await store.close();
  await assert.rejects(openStore({ dataDir }), /newer than this Herald/);
});
