import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DeliveryKey } from '../../../activities/ports.ts';
import { SqlDeliveryLedger } from '../../../activities/store/delivery-ledger.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  let store: HeraldStore;
  let ledger: SqlDeliveryLedger;
  let clock = new Date('2025-03-01T10:00:00.000Z');
  const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  before(async () => {
    store = await driver.openStore();
    ledger = new SqlDeliveryLedger(store.driver, { now: () => clock });
  });
  after(() => store?.close());

  const key = (recipientId: string, overrides: Partial<DeliveryKey> = {}): DeliveryKey => ({
    incidentId: 'inc-ledger',
    milestone: 'ops-alert:L1',
    recipientId,
    channel: 'email',
    ...overrides,
  });

  test('reserve: null when new, then the previous entry, attempts incremented', async () => {
    const k = key('r1');
    assert.equal(await ledger.reserve(k), null);
    tick(5);
    assert.deepEqual(await ledger.reserve(k), {
      key: k,
      state: 'reserved',
      reservedAt: '2025-03-01T10:00:00.000Z',
      attempts: 1,
    });
    const now = await ledger.get(k);
    assert.equal(now?.attempts, 2);
    assert.equal(now?.reservedAt, '2025-03-01T10:00:00.000Z', 'reservedAt stays the first reservation');
  });

  test('confirm makes it sent; reserving again returns it and changes nothing', async () => {
    const k = key('r2');
    await ledger.reserve(k);
    await ledger.confirm(k, { providerMessageId: 'sg-1', acceptedAt: '2025-03-01T10:00:01Z' });
    const sent = await ledger.reserve(k);
    assert.deepEqual(sent, {
      key: k,
      state: 'sent',
      reservedAt: clock.toISOString(),
      attempts: 1,
      providerMessageId: 'sg-1',
      acceptedAt: '2025-03-01T10:00:01.000Z',
    });
    assert.deepEqual(await ledger.get(k), sent);
    await ledger.fail(k, 'late failure');
    await ledger.confirm(k, { providerMessageId: 'sg-2', acceptedAt: '2025-03-01T10:00:09Z' });
    assert.deepEqual(await ledger.get(k), sent, 'a sent entry is final');
  });

  test('fail records the error; a failed entry is final: reserving again returns it unchanged', async () => {
    const k = key('r3', { channel: 'sms' });
    await ledger.reserve(k);
    await ledger.fail(k, 'InvalidRecipient: bad number');
    const failed = await ledger.reserve(k);
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.error, 'InvalidRecipient: bad number');
    assert.equal(failed?.attempts, 1);
    assert.deepEqual(await ledger.get(k), failed, 'a refused recipient is never reserved again');
  });

  test('confirm and fail on a never-reserved key still record the outcome', async () => {
    await ledger.confirm(key('r4'), { providerMessageId: 'x', acceptedAt: clock.toISOString() });
    assert.equal((await ledger.get(key('r4')))?.state, 'sent');
    await ledger.fail(key('r5'), 'boom');
    assert.equal((await ledger.get(key('r5')))?.state, 'failed');
    assert.equal(await ledger.get(key('nobody')), null);
  });

  test('concurrent reserves of one key: exactly one sees null, attempts count every call', async () => {
    const k = key('r6');
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.reserve(k)));
    assert.equal(results.filter((r) => r === null).length, 1);
    assert.equal((await ledger.get(k))?.attempts, 10);
  });

  test('summarize counts per channel and state, zeros included', async () => {
    const other = { incidentId: 'inc-summary' };
    assert.deepEqual(await ledger.summarize('inc-summary'), {
      email: { reserved: 0, sent: 0, failed: 0 },
      sms: { reserved: 0, sent: 0, failed: 0 },
    });
    await ledger.reserve(key('a', other));
    await ledger.reserve(key('b', other));
    await ledger.confirm(key('b', other), { providerMessageId: 'p', acceptedAt: clock.toISOString() });
    await ledger.reserve(key('c', { ...other, channel: 'sms' }));
    await ledger.fail(key('c', { ...other, channel: 'sms' }), 'no');
    await ledger.reserve(key('a', { ...other, milestone: 'internal' }));
    assert.deepEqual(await ledger.summarize('inc-summary'), {
      email: { reserved: 2, sent: 1, failed: 0 },
      sms: { reserved: 0, sent: 0, failed: 1 },
    });
  });
});
