/**
 * The trigger store on both drivers: one row per tool delivery id, leases that keep two attempts
 * apart, settle/discard only while pending, alerts claimed once, a restart finds what was pending.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import type { NewTrigger } from '../../../activities/store/trigger-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const delivery = (deliveryId: string, overrides: Partial<NewTrigger> = {}): NewTrigger => ({
  source: 'pagerduty',
  deliveryId,
  receivedAt: at(0),
  summary: 'incident.triggered Q1',
  body: '{"event":{}}',
  claimUntil: at(1),
  ...overrides,
});

forEachDriver((driver) => {
  let store: HeraldStore;
  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  test('a delivery is kept once: the same delivery id returns the first row as a duplicate', async () => {
    const first = await store.triggers.record(delivery('wh-1'));
    assert.equal(first.duplicate, false);
    assert.equal(first.trigger.state, 'pending');
    assert.equal(first.trigger.attempts, 1);
    assert.match(first.trigger.id, /^pagerduty-[0-9a-f]{20}$/);
    const again = await store.triggers.record(delivery('wh-1', { body: '{"changed":true}', receivedAt: at(5) }));
    assert.equal(again.duplicate, true);
    assert.deepEqual(again.trigger, first.trigger, 'the redelivery changes nothing');
    const otherSource = await store.triggers.record(delivery('wh-1', { source: 'opsgenie' }));
    assert.equal(otherSource.duplicate, false, 'delivery ids are per source');
  });

  test('due triggers are claimed once per lease; settle ends them, a pending settle sets the next try', async () => {
    const { trigger } = await store.triggers.record(delivery('wh-2'));
    assert.deepEqual(
      (await store.triggers.claimDue(at(0), at(2), 10)).map((t) => t.id).filter((id) => id === trigger.id),
      [],
      'held by its first attempt until claimUntil',
    );
    const [claimed] = (await store.triggers.claimDue(at(1), at(3), 10)).filter((t) => t.id === trigger.id);
    assert.equal(claimed?.attempts, 2);
    assert.equal(claimed?.nextAttemptAt, at(3));
    assert.equal(
      (await store.triggers.claimDue(at(2), at(4), 10)).some((t) => t.id === trigger.id),
      false,
      'a claimed trigger is not claimed again while its lease runs',
    );
    const postponed = await store.triggers.settle(trigger.id, at(2), {
      state: 'pending',
      reason: 'Temporal unreachable',
      error: '14 UNAVAILABLE',
      nextAttemptAt: at(10),
    });
    assert.equal(postponed?.lastError, '14 UNAVAILABLE');
    const applied = await store.triggers.settle(trigger.id, at(11), {
      state: 'applied',
      outcome: { outcome: 'started', workflowId: 'lockout:pagerduty-Q1' },
    });
    assert.equal(applied?.state, 'applied');
    assert.deepEqual(applied?.outcome, { outcome: 'started', workflowId: 'lockout:pagerduty-Q1' });
    assert.equal(applied?.nextAttemptAt, undefined);
    assert.equal(
      await store.triggers.settle(trigger.id, at(12), { state: 'ignored', outcome: {} }),
      null,
      'only a pending trigger can be settled',
    );
  });

  test('discard and retry act only on pending triggers and name who decided', async () => {
    const { trigger } = await store.triggers.record(delivery('wh-3'));
    const soon = await store.triggers.retrySoon(trigger.id, at(3), 'olga');
    assert.equal(soon?.nextAttemptAt, at(3));
    assert.equal(soon?.decidedBy, 'olga');
    const discarded = await store.triggers.discard(trigger.id, at(4), 'olga', 'test incident');
    assert.deepEqual(
      [discarded?.state, discarded?.reason, discarded?.decidedBy],
      ['discarded', 'test incident', 'olga'],
    );
    assert.equal(await store.triggers.discard(trigger.id, at(5), 'lee', 'again'), null);
    assert.equal(await store.triggers.retrySoon(trigger.id, at(5), 'lee'), null);
    assert.equal(await store.triggers.claim(trigger.id, at(5), at(6)), null);
    assert.equal(
      await store.triggers.settle(trigger.id, at(6), { state: 'applied', outcome: {} }),
      null,
      'an attempt that ends after a discard changes nothing',
    );
  });

  test('alerts are claimed once per pending trigger, oldest first; the summary counts what waits', async () => {
    const fresh = await openStore(await driver.newDatabase());
    try {
      const old = await fresh.triggers.record(delivery('old', { receivedAt: at(0) }));
      await fresh.triggers.record(delivery('new', { receivedAt: at(9) }));
      const done = await fresh.triggers.record(delivery('done', { receivedAt: at(0) }));
      await fresh.triggers.settle(done.trigger.id, at(1), { state: 'ignored', outcome: {}, reason: 'not mapped' });
      assert.deepEqual(await fresh.triggers.pendingSummary(), { pending: 2, oldestReceivedAt: at(0) });
      const alerts = await fresh.triggers.claimAlerts(at(5), at(6));
      assert.deepEqual(
        alerts.map((t) => t.id),
        [old.trigger.id],
      );
      assert.equal(alerts[0]?.alertedAt, at(6));
      assert.deepEqual(await fresh.triggers.claimAlerts(at(5), at(7)), [], 'told once');
      assert.equal(await fresh.triggers.prune(at(30)), 1, 'settled triggers are pruned, pending kept');
      assert.equal((await fresh.triggers.list({ state: 'pending' })).length, 2);
    } finally {
      await fresh.close();
    }
  });

  test('a pending trigger survives closing and reopening the database', async () => {
    const options = await driver.newDatabase();
    const first = await openStore(options);
    const { trigger } = await first.triggers.record(delivery('survives'));
    await first.close();
    const second = await openStore(options);
    try {
      assert.deepEqual(await second.triggers.get(trigger.id), trigger);
      assert.equal((await second.triggers.claimDue(at(2), at(3), 10))[0]?.id, trigger.id);
    } finally {
      await second.close();
    }
  });
});
