/**
 * The worker's SMS send slots: first come first served, never more in use than there are, a
 * cancelled page's waits ended with its cancellation; and two SMS pages running side by side over
 * Twilio's SDK to the sandbox keep no more requests in flight together than the worker's slots.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { CancelledFailure } from '@temporalio/common';
import type { SmsPort } from '../../../activities/ports.ts';
import { SendSlots } from '../../../activities/mass-notification/send-slots.ts';
import { incident } from '../../support/workflow-harness.ts';
import {
  pageActivities,
  perRecipient,
  sandboxPageDeps,
  uniqueAudience,
  useSandboxAndStore,
} from '../../support/page-sandbox.ts';

const started = useSandboxAndStore();
const live = () => new AbortController().signal;

test('slots go first come first served and never more are in use than there are', async () => {
  const slots = new SendSlots(2);
  const page = slots.forPage(live());
  const first = await page.take();
  const second = await page.take();
  assert.equal(slots.inUse, 2);
  const order: string[] = [];
  const third = page.take().then((release) => (order.push('third'), release));
  const fourth = page.take().then((release) => (order.push('fourth'), release));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, [], 'nobody gets a slot while both are in use');
  first();
  first(); // a second release gives nothing back
  const releaseThird = await third;
  assert.deepEqual(order, ['third']);
  assert.equal(slots.inUse, 2);
  second();
  (await fourth)();
  releaseThird();
  assert.equal(slots.inUse, 0);
  assert.throws(() => new SendSlots(0), /positive integer/);
});

test("a cancelled page's waits end with its cancellation; the other page's wait goes on", async () => {
  const slots = new SendSlots(1);
  const cancelled = new AbortController();
  const other = slots.forPage(live());
  const held = await other.take();
  const waiting = slots.forPage(cancelled.signal).take();
  const otherWaiting = other.take();
  cancelled.abort(new CancelledFailure('CANCELLED'));
  await assert.rejects(waiting, CancelledFailure);
  held();
  (await otherWaiting)();
  assert.equal(slots.inUse, 0);
  await assert.rejects(slots.forPage(cancelled.signal).take(), CancelledFailure, 'a cancelled page takes no slot');
});

test('two SMS pages side by side keep no more texts in flight together than the worker has slots', async () => {
  const { sandbox, store } = started();
  const people = uniqueAudience(40);
  await store.recipients.addAll('SLOTS-1', people);
  let inFlight = 0;
  let most = 0;
  const base = sandboxPageDeps(sandbox, store, { smsConcurrency: 3 });
  // The real Twilio adapter, counted: how many of its sends are unanswered at once.
  const counted: SmsPort = {
    send: async (message) => {
      most = Math.max(most, ++inFlight);
      try {
        return await base.sms.send(message);
      } finally {
        inFlight--;
      }
    },
    findSent: (...args) => base.sms.findSent(...args),
  };
  const { sendAffectedSmsPage } = pageActivities({ ...base, sms: counted, smsSlots: new SendSlots(3) });
  const page = (offset: number) => ({
    incidentId: 'SLOTS-1',
    incident: incident('SLOTS-1', '2026-01-01T00:00:00Z'),
    offset,
    limit: 20,
    perSecond: 1000,
  });
  const run = (offset: number) =>
    new MockActivityEnvironment({ activityId: `sms-${offset}` }).run<
      [ReturnType<typeof page>],
      { accepted: number },
      typeof sendAffectedSmsPage
    >(sendAffectedSmsPage, page(offset));
  // Each answer takes a while, so the two pages' sends overlap.
  const texts = (method: string, path: string) => method === 'POST' && path.includes('/Messages.json');
  sandbox.faults.inject('twilio', { kind: 'slow', delayMs: 25 }, { times: Infinity, match: texts });
  const results = await Promise.all([run(0), run(20)]).finally(() => sandbox.faults.clear());

  assert.deepEqual(
    results.map((r) => r.accepted),
    [20, 20],
  );
  assert.equal(most, 3, 'each page has 3 lanes; together they hold the 3 slots, never 6');
  const received = perRecipient(sandbox).sms;
  for (const person of people) assert.equal(received.get(person.phone as string), 1, `${person.id}: one text`);
});
