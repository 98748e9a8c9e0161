/**
 * Last-known-good customer contact snapshots on both drivers: idempotent begin/add/complete, only a
 * completed snapshot becomes the latest, completing drops older ones, and contacts come back
 * filtered and in order (at-risk accounts first, then account and contact id).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SnapshotContact } from '../../../activities/ports.ts';
import { KEEP_COMPLETE, openContactSnapshotStore } from '../../../activities/store/contact-snapshot-store.ts';
import type { SqlContactSnapshotStore } from '../../../activities/store/contact-snapshot-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const contact = (id: string, accountId: string, overrides: Partial<SnapshotContact> = {}): SnapshotContact => ({
  id,
  accountId,
  accountName: `Account ${accountId}`,
  accountAtRisk: false,
  role: 'procurement',
  name: `Contact ${id}`,
  email: `${id}@customer.example`,
  ...overrides,
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute)).toISOString();

forEachDriver((driver) => {
  let store: HeraldStore;
  let snapshots: SqlContactSnapshotStore;

  before(async () => {
    store = await driver.openStore();
    snapshots = await openContactSnapshotStore(store.driver);
  });
  after(() => store?.close());

  /** Snapshot ids in the table, complete or not (what `complete` keeps). */
  const stored = async () =>
    (await store.driver.query<{ snapshot_id: string }>('SELECT snapshot_id FROM contact_snapshots ORDER BY 1')).map(
      (r) => r.snapshot_id,
    );

  test('nothing taken yet: no latest snapshot and no contacts', async () => {
    assert.equal(await snapshots.latest(), null);
    assert.deepEqual(await snapshots.contacts(), []);
  });

  test('the schema applies twice (every worker start)', async () => {
    await openContactSnapshotStore(store.driver);
  });

  test('begin and add are idempotent; an incomplete snapshot is never the latest', async () => {
    await snapshots.begin('s1', at(0));
    await snapshots.begin('s1', at(5)); // a retried activity
    const rows = [contact('c1', 'a1'), contact('c2', 'a1', { role: 'security' })];
    assert.equal(await snapshots.add('s1', rows), 2);
    assert.equal(await snapshots.add('s1', rows), 0, 're-adding keeps one row each');
    assert.equal(await snapshots.add('s1', [...rows, contact('c3', 'a2')]), 1);
    assert.equal(await snapshots.add('s1', []), 0);
    assert.equal(await snapshots.latest(), null, 'not complete: not the latest');
    assert.deepEqual(await snapshots.contacts(), []);
  });

  test('adding to a snapshot never begun fails', async () => {
    await assert.rejects(snapshots.add('never-begun', [contact('c1', 'a1')]), /no contact snapshot never-begun/);
    await assert.rejects(snapshots.complete('never-begun', at(1), 1), /no contact snapshot never-begun/);
  });

  test('complete: counts, the latest, idempotent; a late add to it adds nothing', async () => {
    const summary = await snapshots.complete('s1', at(10), 2);
    assert.deepEqual(summary, { snapshotId: 's1', startedAt: at(0), takenAt: at(10), accounts: 2, contacts: 3 });
    assert.deepEqual(await snapshots.complete('s1', at(20), 5), summary, 'a retried complete changes nothing');
    assert.deepEqual(await snapshots.latest(), summary);
    assert.equal(await snapshots.add('s1', [contact('c9', 'a1')]), 0);
    assert.equal((await snapshots.latest())?.contacts, 3);
  });

  test('a newer read that has not completed leaves the last good snapshot in place', async () => {
    await snapshots.begin('s2', at(30));
    await snapshots.add('s2', [contact('x1', 'a9')]);
    assert.equal((await snapshots.latest())?.snapshotId, 's1');
    assert.deepEqual(
      (await snapshots.contacts()).map((c) => c.id),
      ['c1', 'c2', 'c3'],
    );
  });

  test(`completing drops older unfinished reads and all but the newest ${KEEP_COMPLETE} complete snapshots`, async () => {
    // s2 (started at :30) never completes; s3 started later and completes.
    await snapshots.begin('s3', at(40));
    await snapshots.add('s3', [contact('y1', 'b1')]);
    await snapshots.begin('s4', at(45)); // still running when s3 completes: kept
    await snapshots.complete('s3', at(50), 1);
    assert.deepEqual(await stored(), ['s1', 's3', 's4']);
    assert.equal((await snapshots.latest())?.snapshotId, 's3');

    await snapshots.add('s4', [contact('z1', 'b2')]);
    await snapshots.complete('s4', at(55), 1);
    assert.deepEqual(await stored(), ['s3', 's4'], 's1 dropped: two complete snapshots kept');
    assert.equal((await snapshots.latest())?.snapshotId, 's4');
    const rows = await store.driver.query<{ n: unknown }>(
      "SELECT count(*) AS n FROM contact_snapshot_rows WHERE snapshot_id IN ('s1', 's2')",
    );
    assert.equal(Number(rows[0]?.n), 0, 'their rows went with them');
  });

  test('more rows than one INSERT takes: every row once, counted', async () => {
    const many = Array.from({ length: 1_234 }, (_, i) => contact(`m${String(i).padStart(4, '0')}`, `acc-${i % 7}`));
    await snapshots.begin('big', at(56));
    assert.equal(await snapshots.add('big', many), many.length);
    assert.equal(await snapshots.add('big', many.slice(600)), 0);
    const summary = await snapshots.complete('big', at(57), 7);
    assert.equal(summary.contacts, many.length);
    assert.equal((await snapshots.contacts()).length, many.length);
  });

  test('contacts: at-risk accounts first, then by account and contact id; filters narrow', async () => {
    await snapshots.begin('s5', at(58));
    await snapshots.add('s5', [
      contact('k2', 'acc-b', { role: 'security' }),
      contact('k1', 'acc-b', { role: 'business-owner', title: '  ', phone: '+14155550100' }),
      contact('k4', 'acc-z', { accountAtRisk: true, role: 'procurement', title: 'Head of Procurement' }),
      contact('k3', 'acc-a', { role: 'procurement', email: '' }),
      contact('k5', 'acc-c', { accountAtRisk: true, role: 'security' }),
    ]);
    await snapshots.complete('s5', at(59), 4);

    const all = await snapshots.contacts();
    assert.deepEqual(
      all.map((c) => `${c.accountId}/${c.id}`),
      ['acc-c/k5', 'acc-z/k4', 'acc-a/k3', 'acc-b/k1', 'acc-b/k2'],
    );
    const k1 = all.find((c) => c.id === 'k1');
    assert.deepEqual(k1, {
      id: 'k1',
      accountId: 'acc-b',
      accountName: 'Account acc-b',
      accountAtRisk: false,
      role: 'business-owner',
      name: 'Contact k1',
      email: 'k1@customer.example',
      phone: '+14155550100',
    });
    assert.equal(all.find((c) => c.id === 'k3')?.email, undefined, 'a blank email is no email');
    assert.equal(all.find((c) => c.id === 'k4')?.title, 'Head of Procurement');

    assert.deepEqual(
      (await snapshots.contacts({ roles: ['procurement'] })).map((c) => c.id),
      ['k4', 'k3'],
    );
    assert.deepEqual(
      (await snapshots.contacts({ atRiskOnly: true })).map((c) => c.id),
      ['k5', 'k4'],
    );
    assert.deepEqual(
      (await snapshots.contacts({ roles: ['security'], atRiskOnly: true })).map((c) => c.id),
      ['k5'],
    );
    assert.deepEqual(await snapshots.contacts({ roles: [] }), []);
  });

  test("each contact's language, stated zone and place come back; a table from before them gains the columns", async () => {
    const placed = { locale: 'de', timeZone: 'Europe/Berlin', country: 'DE', state: 'BE' };
    await snapshots.begin('s6', at(60));
    await snapshots.add('s6', [contact('p1', 'acc-p', placed), contact('p2', 'acc-p', { locale: ' ' })]);
    await snapshots.complete('s6', at(61), 1);
    const [p1, p2] = await snapshots.contacts();
    assert.deepEqual(p1, { ...contact('p1', 'acc-p'), ...placed });
    assert.deepEqual(p2, contact('p2', 'acc-p'), 'a blank language is none');

    // An older Herald's table: the columns are added at the next start, its rows read without them.
    await store.driver.query(
      'ALTER TABLE contact_snapshot_rows DROP COLUMN locale, DROP COLUMN time_zone, DROP COLUMN country, DROP COLUMN state',
    );
    const reopened = await openContactSnapshotStore(store.driver);
    assert.deepEqual(
      (await reopened.contacts()).map((c) => [c.id, c.locale, c.timeZone]),
      [
        ['p1', undefined, undefined],
        ['p2', undefined, undefined],
      ],
    );
  });
});
