import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import type { SqlRecipientStore } from '../../../activities/store/recipient-store.ts';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  let store: HeraldStore;

  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  const person = (id: string, extra: Partial<AffectedPerson> = {}): AffectedPerson => ({
    id,
    name: `Person ${id}`,
    email: `${id}@example.org`,
    country: 'DE',
    ...extra,
  });

  test('adds people and returns how many were new; re-adding adds none', async () => {
    const people = [person('a'), person('b'), person('c', { phone: '+4915112345678', locale: 'de', state: 'BY' })];
    assert.equal(await store.recipients.addAll('inc-1', people), 3);
    assert.equal(await store.recipients.addAll('inc-1', people), 0);
    assert.equal(await store.recipients.count('inc-1'), 3);
    assert.deepEqual(await store.recipients.page('inc-1', 2, 10), [
      {
        id: 'c',
        name: 'Person c',
        email: 'c@example.org',
        phone: '+4915112345678',
        locale: 'de',
        country: 'DE',
        state: 'BY',
      },
    ]);
  });

  test('dedupes by id and by email (case-insensitive), also within one batch', async () => {
    const added = await store.recipients.addAll('inc-2', [
      person('x1', { email: 'Ann@Example.org' }),
      person('x2', { email: 'ann@example.ORG ' }), // same person, second CRM record
      person('x1', { email: 'other@example.org' }), // same id, new email
      person('y1', { email: undefined, phone: '+1555' }),
      person('y2', { email: '', phone: '+1556' }), // blank email never dedupes
      person('y3', { email: undefined, phone: '+1557' }),
    ]);
    assert.equal(added, 4);
    const ids = (await store.recipients.page('inc-2', 0, 100)).map((p) => p.id);
    assert.deepEqual(ids, ['x1', 'y1', 'y2', 'y3']);
    assert.equal((await store.recipients.page('inc-2', 0, 1))[0]?.email, 'Ann@Example.org');
  });

  test('incidents are separate snapshots', async () => {
    assert.equal(await store.recipients.addAll('inc-3', [person('a')]), 1);
    assert.equal(await store.recipients.count('inc-3'), 1);
    assert.equal(await store.recipients.count('inc-none'), 0);
    assert.deepEqual(await store.recipients.page('inc-none', 0, 10), []);
  });

  test('paging is stable in insertion order across batches larger than one INSERT', async () => {
    const people = Array.from({ length: 2500 }, (_, i) => person(`p${String(i).padStart(4, '0')}`));
    assert.equal(await store.recipients.addAll('inc-4', people.slice(0, 1500)), 1500);
    assert.equal(await store.recipients.addAll('inc-4', people), 1000);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 700) {
      const page = await store.recipients.page('inc-4', offset, 700);
      seen.push(...page.map((p) => p.id));
      if (page.length < 700) break;
    }
    assert.deepEqual(
      seen,
      people.map((p) => p.id),
    );
  });

  test('a snapshot reaching 1,000 people has the planner statistics refreshed, once (statistics-refresh.ts)', async () => {
    const sql = store.recipients as SqlRecipientStore;
    const people = Array.from({ length: 1200 }, (_, i) => person(`s${String(i).padStart(4, '0')}`));
    await store.recipients.addAll('inc-stats', people.slice(0, 999));
    assert.equal(sql.statistics.refreshed('inc-stats'), false);
    await store.recipients.addAll('inc-stats', people);
    assert.ok(sql.statistics.refreshed('inc-stats'));
    const [known] = await store.driver.query<{ reltuples: unknown }>(
      "SELECT reltuples FROM pg_class WHERE relname = 'recipients'",
    );
    const [rows] = await store.driver.query<{ n: unknown }>('SELECT count(*) AS n FROM recipients');
    // Under 30,000 rows ANALYZE reads them all: the planner then knows the table exactly.
    assert.equal(Number(known?.reltuples), Number(rows?.n));
  });

  test('countByCountry groups people without a country under "unknown"', async () => {
    await store.recipients.addAll('inc-5', [
      person('a', { country: 'DE' }),
      person('b', { country: 'FR' }),
      person('c', { country: 'DE' }),
      person('d', { country: undefined }),
    ]);
    assert.deepEqual(await store.recipients.countByCountry('inc-5'), { DE: 2, FR: 1, unknown: 1 });
  });

  test('page refuses negative or fractional bounds', async () => {
    await assert.rejects(store.recipients.page('inc-1', -1, 10), RangeError);
    await assert.rejects(store.recipients.page('inc-1', 0, 1.5), RangeError);
  });
});
