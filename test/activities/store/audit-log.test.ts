import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AuditEntryInput } from '../../../activities/ports.ts';
import { auditEntryHash, GENESIS_HASH } from '../../../activities/store/audit-hash.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

// One store per driver: tests run in order, and tamper tests repair what they break.
forEachDriver((driver) => {
  let store: HeraldStore;

  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  const input = (entryId: string, incidentId = 'inc-a', data: Record<string, unknown> = {}): AuditEntryInput => ({
    entryId,
    incidentId,
    type: 'milestone.met',
    actor: 'herald',
    at: '2025-03-01T10:00:00Z',
    data,
  });

  /** Runs `sql` with the append-only trigger off, as someone tampering with the table would. */
  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    await store.driver.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
  }

  /** Shifts the seq of matching rows (via a far offset: the primary key is checked row by row). */
  async function renumber(where: string, by: number): Promise<void> {
    await tamper(`UPDATE audit_log SET seq = seq + 1000000 WHERE ${where}`);
    await tamper(`UPDATE audit_log SET seq = seq - 1000000 + $1 WHERE seq > 1000000`, [by]);
  }

  test('an empty log verifies', async () => {
    assert.deepEqual(await store.audit.verify(), { ok: true, entries: 0 });
  });

  test('appends chain from genesis with the documented hash rule', async () => {
    const first = await store.audit.append(input('e1', 'inc-a', { z: 1, a: { y: [1, 2], b: 'x' } }));
    const second = await store.audit.append(input('e2', 'inc-b'));
    assert.equal(first.seq, 1);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.equal(first.hash, auditEntryHash(GENESIS_HASH, first));
    assert.match(first.hash, /^[0-9a-f]{64}$/);
    assert.equal(second.seq, 2);
    assert.equal(second.prevHash, first.hash);
    assert.deepEqual(await store.audit.list(), [first, second]);
    assert.deepEqual(await store.audit.list('inc-b'), [second]);
    assert.deepEqual(await store.audit.verify(), { ok: true, entries: 2 });
  });

  test('re-appending an entryId returns the stored entry and appends nothing', async () => {
    const again = await store.audit.append({ ...input('e1'), at: '2099-01-01T00:00:00Z' });
    assert.equal(again.seq, 1);
    assert.equal(again.at, '2025-03-01T10:00:00Z');
    assert.equal((await store.audit.list()).length, 2);
  });

  test('the trigger refuses UPDATE, DELETE and TRUNCATE', async () => {
    await assert.rejects(store.driver.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`), /append-only/);
    await assert.rejects(store.driver.query('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
    await assert.rejects(store.driver.query('TRUNCATE audit_log'), /append-only/);
    assert.deepEqual(await store.audit.verify(), { ok: true, entries: 2 });
  });

  test('50 concurrent appends produce one unbroken chain', async () => {
    const appended = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.audit.append(input(`c${i}`, `inc-${i % 3}`, { i }))),
    );
    assert.deepEqual(
      appended.map((e) => e.seq).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 3),
    );
    assert.deepEqual(await store.audit.verify(), { ok: true, entries: 52 });
  });

  test('verify names the seq of an edited entry', async () => {
    const [row] = await store.driver.query<{ data: string }>('SELECT data FROM audit_log WHERE seq = 10');
    await tamper(`UPDATE audit_log SET data = '{"i":999}' WHERE seq = 10`);
    const result = await store.audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.entries, 9);
    assert.match(result.problem ?? '', /^seq 10: .*edited/);
    await tamper('UPDATE audit_log SET data = $1 WHERE seq = 10', [row!.data]);
    assert.equal((await store.audit.verify()).ok, true);
  });

  test('verify detects non-JSON data as an edit', async () => {
    // Which append got seq 4 depends on the driver's scheduling: restore what was there.
    const [row] = await store.driver.query<{ data: string }>('SELECT data FROM audit_log WHERE seq = 4');
    await tamper(`UPDATE audit_log SET data = 'not json' WHERE seq = 4`);
    assert.match((await store.audit.verify()).problem ?? '', /^seq 4: /);
    await tamper('UPDATE audit_log SET data = $1 WHERE seq = 4', [row!.data]);
    assert.equal((await store.audit.verify()).ok, true);
  });

  test('verify detects a removed middle entry and a renumbered chain', async () => {
    const [removed] = await store.driver.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = 20');
    await tamper('DELETE FROM audit_log WHERE seq = 20');
    let result = await store.audit.verify();
    assert.equal(result.ok, false);
    assert.match(result.problem ?? '', /^seq 21: .*seq 20 removed/);

    // Closing the gap by renumbering still breaks the chain at the same place.
    await renumber('seq > 20', -1);
    result = await store.audit.verify();
    assert.match(result.problem ?? '', /^seq 20: prevHash/);
    await renumber('seq >= 20', +1);

    const columns = Object.keys(removed!);
    await store.driver.query(
      `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => removed![c]),
    );
    assert.deepEqual(await store.audit.verify(), { ok: true, entries: 52 });
  });

  test('verify detects removal of the first entry', async () => {
    const [first] = await store.driver.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = 1');
    await tamper('DELETE FROM audit_log WHERE seq = 1');
    assert.match((await store.audit.verify()).problem ?? '', /^seq 2: .*seq 1 removed/);
    const columns = Object.keys(first!);
    await store.driver.query(
      `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => first![c]),
    );
    assert.equal((await store.audit.verify()).ok, true);
  });
});
