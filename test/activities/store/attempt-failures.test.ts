/** The failed-attempt log on both drivers: one row per recipient, counted in all, listed oldest first up to a limit. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { recordFailedAttempt } from '../../../activities/delivery-attempts.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  let store: HeraldStore;
  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  const group = (channel: 'email' | 'sms') => ({ incidentId: 'drill-1', milestone: 'affected-people', channel });

  test('each recipient of a failed request gets its row; the list is oldest first, bounded, with the total', async () => {
    const log = store.attemptFailures;
    await log.record(group('email'), ['S-2', 'S-3'], {
      provider: 'SendGrid',
      failureType: 'ResponseError',
      status: 503,
      at: '2026-12-03T06:00:02Z',
    });
    await log.record(group('sms'), ['S-1'], {
      provider: 'Twilio',
      failureType: 'InvalidRecipient',
      status: 400,
      code: '21610',
      at: '2026-12-03T06:00:01Z',
    });
    await log.record({ ...group('sms'), milestone: 'ops-alert:L0' }, ['staff-1'], {
      provider: 'Twilio',
      failureType: 'ResponseError',
      at: '2026-12-03T06:00:00Z',
    });
    await log.record(group('sms'), [], { provider: 'Twilio', failureType: 'X', at: '2026-12-03T06:00:03Z' });

    const page = await log.list('drill-1', 'affected-people', 2);
    assert.equal(page.total, 3, 'every row of the milestone, past the limit too');
    assert.deepEqual(page.rows, [
      {
        recipientId: 'S-1',
        channel: 'sms',
        provider: 'Twilio',
        failureType: 'InvalidRecipient',
        status: 400,
        code: '21610',
        at: '2026-12-03T06:00:01.000Z',
      },
      {
        recipientId: 'S-2',
        channel: 'email',
        provider: 'SendGrid',
        failureType: 'ResponseError',
        status: 503,
        at: '2026-12-03T06:00:02.000Z',
      },
    ]);
    assert.deepEqual(await log.list('drill-2', 'affected-people', 50), { total: 0, rows: [] });
  });

  test("recordFailedAttempt keeps a classified failure's provider, status and code, never its message", async () => {
    const deps = { attemptFailures: store.attemptFailures };
    const refused = ApplicationFailure.create({
      message: 'Twilio refused the recipient +4915100000001',
      type: 'InvalidRecipient',
      nonRetryable: true,
      details: [{ provider: 'Twilio', kind: 'recipient', rule: 'x', status: 400, code: 21610, source: 'y' }],
    });
    const at = '2026-12-03T07:00:00.000Z';
    await recordFailedAttempt(deps, { ...group('sms'), incidentId: 'drill-3' }, ['S-9'], refused, at);
    // A transient SDK error carries its HTTP status itself; the provider comes from the channel.
    const outage = Object.assign(new Error('Service Unavailable'), { name: 'ResponseError', code: 503 });
    await recordFailedAttempt(deps, { ...group('email'), incidentId: 'drill-3' }, ['S-9'], outage, at);
    const { rows } = await store.attemptFailures.list('drill-3', 'affected-people', 50);
    assert.deepEqual(
      rows.map((r) => [r.channel, r.provider, r.failureType, r.status, r.code]),
      [
        ['sms', 'Twilio', 'InvalidRecipient', 400, '21610'],
        ['email', 'SendGrid', 'ResponseError', 503, undefined],
      ],
    );
    assert.ok(!JSON.stringify(rows).includes('+49'), 'no number from the message');
  });
});
