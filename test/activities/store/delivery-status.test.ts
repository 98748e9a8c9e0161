import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { DeliveryKey } from '../../../activities/ports.ts';
import { SqlDeliveryLedger } from '../../../activities/store/delivery-ledger.ts';
import { SqlDeliveryStatus } from '../../../activities/store/delivery-status.ts';
import type { DeliveryEvent, DeliveryState } from '../../../activities/store/delivery-status.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { SCHEMA_VERSION, schemaVersion } from '../../../activities/store/schema.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  let store: HeraldStore;
  let ledger: SqlDeliveryLedger;
  let status: SqlDeliveryStatus;
  const received = new Date('2025-03-01T10:05:00.000Z');

  before(async () => {
    store = await driver.openStore();
    ledger = new SqlDeliveryLedger(store.driver);
    status = new SqlDeliveryStatus(store.driver, { now: () => received });
  });
  after(() => store?.close());

  const key = (recipientId: string, overrides: Partial<DeliveryKey> = {}): DeliveryKey => ({
    incidentId: 'inc-status',
    milestone: 'affected-people',
    recipientId,
    channel: 'email',
    ...overrides,
  });

  /** A key the ledger has sent, as the worker leaves it before any callback. */
  async function sent(k: DeliveryKey): Promise<DeliveryKey> {
    await ledger.reserve(k);
    await ledger.confirm(k, { providerMessageId: `msg-${k.recipientId}`, acceptedAt: '2025-03-01T10:00:00Z' });
    return k;
  }

  let events = 0;
  const event = (k: DeliveryKey, state: DeliveryState, extra: Partial<DeliveryEvent> = {}): DeliveryEvent => ({
    key: k,
    provider: k.channel === 'sms' ? 'twilio' : 'sendgrid',
    eventId: `ev-${++events}`,
    state,
    providerStatus: state,
    occurredAt: `2025-03-01T10:0${Math.min(9, events % 10)}:00.000Z`,
    providerMessageId: `msg-${k.recipientId}`,
    ...extra,
  });
  const stateOf = async (k: DeliveryKey) => (await status.get(k))?.state;

  test('in order: processed then delivered; the entry keeps the provider event id and time', async () => {
    const k = await sent(key('in-order'));
    assert.equal(await status.get(k), null, 'no callback yet');
    const delivered = event(k, 'delivered', { providerStatus: 'delivered', occurredAt: '2025-03-01T10:01:30Z' });
    assert.deepEqual(await status.record([event(k, 'accepted', { providerStatus: 'processed' }), delivered]), {
      recorded: 2,
      duplicates: 0,
      unknownKeys: 0,
    });
    assert.deepEqual(await status.get(k), {
      key: k,
      state: 'delivered',
      provider: 'sendgrid',
      providerStatus: 'delivered',
      eventId: delivered.eventId,
      occurredAt: '2025-03-01T10:01:30.000Z',
      receivedAt: received.toISOString(),
      providerMessageId: 'msg-in-order',
    });
  });

  test('out of order: an intermediate event after a final one changes nothing', async () => {
    const email = await sent(key('late-processed'));
    await status.record([event(email, 'delivered')]);
    await status.record([event(email, 'accepted', { providerStatus: 'processed' })]);
    await status.record([event(email, 'deferred')]);
    assert.equal(await stateOf(email), 'delivered', "SendGrid 'processed' after 'delivered'");

    const sms = await sent(key('late-sent', { channel: 'sms' }));
    await status.record([event(sms, 'delivered'), event(sms, 'accepted', { providerStatus: 'sent' })]);
    assert.equal(await stateOf(sms), 'delivered', "Twilio 'sent' after 'delivered', within one batch");

    const bounced = await sent(key('late-deferred'));
    await status.record([event(bounced, 'bounced', { providerStatus: 'bounce', detail: '550 5.1.1 no such user' })]);
    await status.record([event(bounced, 'deferred'), event(bounced, 'accepted')]);
    assert.equal(await stateOf(bounced), 'bounced');
    assert.equal((await status.get(bounced))?.detail, '550 5.1.1 no such user');
  });

  test('deferred is intermediate: it replaces accepted and gives way to a final state', async () => {
    const k = await sent(key('deferred'));
    await status.record([event(k, 'accepted')]);
    await status.record([event(k, 'deferred', { detail: '421 try again later' })]);
    assert.equal(await stateOf(k), 'deferred');
    await status.record([event(k, 'accepted')]);
    assert.equal(await stateOf(k), 'deferred', 'a late processed does not undo the deferral');
    await status.record([event(k, 'delivered')]);
    assert.equal(await stateOf(k), 'delivered');
  });

  test('a failure outranks delivered, in either order (asynchronous bounces)', async () => {
    const first = await sent(key('bounce-after'));
    await status.record([event(first, 'delivered')]);
    await status.record([event(first, 'bounced')]);
    const second = await sent(key('bounce-before'));
    await status.record([event(second, 'bounced')]);
    await status.record([event(second, 'delivered')]);
    assert.deepEqual([await stateOf(first), await stateOf(second)], ['bounced', 'bounced']);
  });

  test('among events of equal rank the first received stays: a later one never rewrites the entry', async () => {
    const k = await sent(key('equal-rank'));
    const first = event(k, 'deferred', { detail: '421 first deferral' });
    await status.record([first, event(k, 'deferred', { detail: '451 second deferral' })]);
    await status.record([event(k, 'deferred', { detail: '452 third deferral' })]);
    assert.deepEqual(
      [(await status.get(k))?.eventId, (await status.get(k))?.detail],
      [first.eventId, '421 first deferral'],
    );
  });

  test('duplicates are idempotent, inside one batch and across batches', async () => {
    const k = await sent(key('dup', { channel: 'sms' }));
    const queued = event(k, 'accepted', { providerStatus: 'queued' });
    const undelivered = event(k, 'undelivered', { providerStatus: 'undelivered', detail: '30003' });
    assert.deepEqual(await status.record([queued, undelivered, undelivered]), {
      recorded: 2,
      duplicates: 1,
      unknownKeys: 0,
    });
    const entry = await status.get(k);
    assert.deepEqual(await status.record([undelivered, queued]), { recorded: 0, duplicates: 2, unknownKeys: 0 });
    assert.deepEqual(await status.get(k), entry, 'a redelivered event changes nothing');
    const [row] = await store.driver.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM delivery_events WHERE recipient_id = 'dup'`,
    );
    assert.equal(Number(row?.n), 2);
  });

  test('events for keys the ledger never saw are ignored and counted', async () => {
    const k = await sent(key('known'));
    const stranger = key('stranger');
    assert.deepEqual(
      await status.record([event(stranger, 'delivered'), event(k, 'delivered'), event(stranger, 'accepted')]),
      { recorded: 1, duplicates: 0, unknownKeys: 2 },
    );
    assert.equal(await status.get(stranger), null);
    assert.deepEqual(await status.record([]), { recorded: 0, duplicates: 0, unknownKeys: 0 });
  });

  test('a callback before the ledger confirm (key still reserved) is recorded', async () => {
    const k = key('early');
    await ledger.reserve(k);
    assert.equal((await status.record([event(k, 'delivered')])).recorded, 1);
    assert.equal(await stateOf(k), 'delivered');
  });

  test('failedDeliveries: the milestone’s bounced and undelivered keys, by recipient and channel', async () => {
    const group = { incidentId: 'inc-failed', milestone: 'stakeholder-notice' };
    const bounced = await sent(key('b', group));
    const undeliveredSms = await sent(key('a', { ...group, channel: 'sms' }));
    const droppedEmail = await sent(key('a', group));
    const delivered = await sent(key('c', group));
    const recovered = await sent(key('d', group));
    const otherMilestone = await sent(key('e', { ...group, milestone: 'ops-alert:L1' }));
    await status.record([
      event(bounced, 'bounced', { providerStatus: 'bounce', detail: '550 5.1.1' }),
      event(undeliveredSms, 'undelivered', { providerStatus: 'undelivered', detail: '30005' }),
      event(droppedEmail, 'undelivered', { providerStatus: 'dropped', detail: 'Bounced Address' }),
      event(delivered, 'delivered'),
      event(recovered, 'deferred'),
      event(otherMilestone, 'bounced'),
    ]);
    await status.record([event(recovered, 'delivered'), event(bounced, 'accepted')]);
    const failed = await status.failedDeliveries(group.incidentId, group.milestone);
    assert.deepEqual(
      failed.map((f) => [f.key.recipientId, f.key.channel, f.state, f.providerStatus, f.detail]),
      [
        ['a', 'email', 'undelivered', 'dropped', 'Bounced Address'],
        ['a', 'sms', 'undelivered', 'undelivered', '30005'],
        ['b', 'email', 'bounced', 'bounce', '550 5.1.1'],
      ],
    );
    assert.deepEqual(await status.failedDeliveries(group.incidentId, 'nothing-here'), []);
  });

  test('summarize: every ledger key per channel, by its delivery state', async () => {
    const incident = { incidentId: 'inc-summary' };
    const zero = { accepted: 0, deferred: 0, delivered: 0, bounced: 0, undelivered: 0, reserved: 0, failed: 0 };
    assert.deepEqual(await status.summarize(incident.incidentId), { email: zero, sms: zero, chat: zero });
    await ledger.reserve(key('pending', incident));
    await ledger.reserve(key('refused', { ...incident, channel: 'sms' }));
    await ledger.fail(key('refused', { ...incident, channel: 'sms' }), 'InvalidRecipient');
    await sent(key('no-callback', incident));
    const delivered = [await sent(key('d1', incident)), await sent(key('d2', { ...incident, milestone: 'm2' }))];
    const bounced = await sent(key('b1', incident));
    const undelivered = await sent(key('u1', { ...incident, channel: 'sms' }));
    await sent(key('chat-webhook', { ...incident, channel: 'chat' }));
    await status.record([
      ...delivered.map((k) => event(k, 'delivered')),
      event(bounced, 'bounced'),
      event(undelivered, 'undelivered'),
      event(undelivered, 'accepted'),
    ]);
    assert.deepEqual(await status.summarize(incident.incidentId), {
      email: { ...zero, reserved: 1, accepted: 1, delivered: 2, bounced: 1 },
      sms: { ...zero, failed: 1, undelivered: 1 },
      chat: { ...zero, accepted: 1 },
    });
  });

  test('property: any order, with any duplicates, in any batches, ends in the highest-ranked state', async () => {
    const ranked: DeliveryState[] = ['accepted', 'deferred', 'delivered', 'bounced'];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(ranked, { minLength: 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        async (states, redeliveries, batchSize) => {
          const k = await sent(key(`prop-${++n}`));
          const arrivals = states.map((s) => event(k, s));
          for (const [which, at] of redeliveries) {
            arrivals.splice(at % (arrivals.length + 1), 0, arrivals[which % arrivals.length]!);
          }
          for (let i = 0; i < arrivals.length; i += batchSize) await status.record(arrivals.slice(i, i + batchSize));
          assert.equal(await stateOf(k), ranked.filter((s) => states.includes(s)).at(-1));
        },
      ),
      { numRuns: 25, seed: 20250301 },
    );
  });

  test('an existing database without delivery_events gets it on open', async () => {
    const options = await driver.newDatabase();
    const old = await openStore(options);
    await old.ledger.reserve(key('old'));
    await old.driver.query('DROP TABLE delivery_events');
    await old.driver.query('UPDATE herald_schema SET version = 1');
    await old.close();
    const reopened = await openStore(options);
    try {
      assert.equal(await schemaVersion(reopened.driver), SCHEMA_VERSION);
      assert.equal((await reopened.deliveryStatus.record([event(key('old'), 'delivered')])).recorded, 1);
      assert.equal((await reopened.deliveryStatus.get(key('old')))?.state, 'delivered');
    } finally {
      await reopened.close();
    }
  });
});
