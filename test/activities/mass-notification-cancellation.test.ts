/**
 * Every wait inside a page activity heartbeats and ends when the page is cancelled: a Twilio and a
 * SendGrid 429 with a ten-minute reset, the SMS and email pacers ten minutes apart, the delay
 * before looking up a send the provider accepted but never answered. Each runs the real adapters
 * against the sandbox on a real store; each asserts from the sandbox's log and the ledger that no
 * provider call started after the cancellation, what was in flight was settled or left to
 * reconcile, and a retried page then reaches everyone exactly once. The ten-minute waits make a
 * page that ignored the cancellation fail the test's time-out; nothing is timed.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ActivityDeps } from '../../activities/index.ts';
import type { FanoutSettings } from '../../activities/mass-notification/settings.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import {
  mailSends,
  pageActivities,
  pageOf,
  perRecipient,
  sandboxPageDeps,
  smsLookups,
  smsPosts,
  uniqueAudience,
  until,
  watchHeartbeats,
} from '../support/page-sandbox.ts';

const TEN_MINUTES = 600;
const TIMEOUT = { timeout: 60_000 };

let sandbox: Sandbox;
let store: HeraldStore;
before(async () => {
  [sandbox, store] = await Promise.all([startSandbox({ seed: { count: 1 } }), openStore()]);
});
after(async () => {
  await Promise.all([sandbox?.close(), store?.close()]);
});
afterEach(() => sandbox.faults.clear());

const messagesPost = (method: string, path: string) => method === 'POST' && path.includes('/Messages.json');
const mailSend = (method: string, path: string) => method === 'POST' && path === '/v3/mail/send';

/** Counts provider sends the page starts after `env` was cancelled. */
function sendsAfterCancel(deps: ActivityDeps, env: MockActivityEnvironment): () => number {
  let late = 0;
  const { sms, email } = deps;
  const note = () => {
    if (env.context.cancellationSignal.aborted) late++;
  };
  deps.sms = {
    send: (m) => {
      note();
      return sms.send(m);
    },
    findSent: (...a) => sms.findSent(...a),
  };
  deps.email = {
    send: (m) => email.send(m),
    findSent: (...a) => email.findSent(...a),
    sendBatch: (b) => {
      note();
      return email.sendBatch(b);
    },
    findSentBatch: (...a) => email.findSentBatch(...a),
  };
  return () => late;
}

/** Waits until the page has heartbeaten twice more (so it is inside a wait), then cancels it. */
async function cancelInWait(env: MockActivityEnvironment, beats: { count: () => number }): Promise<void> {
  const seen = beats.count();
  await until(() => beats.count() >= seen + 2);
  env.cancel();
}

/** Ledger states of `people` on a channel. */
async function states(incidentId: string, people: AffectedPerson[], channel: 'sms' | 'email') {
  const entries = await store.ledger.getBatch(
    { incidentId, milestone: 'affected-people', channel },
    people.map((p) => p.id),
  );
  const count = (state: string | null) => entries.filter((e) => (e?.state ?? null) === state).length;
  return { sent: count('sent'), reserved: count('reserved'), none: count(null) };
}

type Channel = 'sms' | 'email';
type PageInput = Awaited<ReturnType<typeof pageOf>>;

/** Runs the channel's page activity in `env`; `perSecond` paces it (SMS default: unpaced in effect). */
function runPage(
  channel: Channel,
  deps: ActivityDeps,
  env: MockActivityEnvironment,
  page: PageInput,
  perSecond?: number,
) {
  const { sendAffectedEmailPage, sendAffectedSmsPage } = pageActivities(deps);
  return channel === 'sms'
    ? env.run(sendAffectedSmsPage, { ...page, perSecond: perSecond ?? 1000 })
    : env.run(sendAffectedEmailPage, perSecond === undefined ? page : { ...page, perSecond });
}

/**
 * A page's activities pacing on their own, without the store's shared schedule: these tests are
 * about one page's waits, and the ten-minute resets they provoke would otherwise hold the retry.
 */
function ownPacedDeps(fanout: Partial<FanoutSettings>): ActivityDeps {
  const deps = sandboxPageDeps(sandbox, store, fanout);
  delete deps.rates;
  return deps;
}

/** Attempt 1 of a page, started: its environment, heartbeats, and the sends it starts after a cancellation. */
function startPage(
  channel: Channel,
  activityId: string,
  page: PageInput,
  fanout: Partial<FanoutSettings>,
  perSecond?: number,
) {
  const deps = ownPacedDeps(fanout);
  const env = new MockActivityEnvironment({ activityId });
  const late = sendsAfterCancel(deps, env);
  const beats = watchHeartbeats(env);
  return { env, late, beats, running: runPage(channel, deps, env, page, perSecond) };
}

/** Runs the page again as Temporal's next attempt would, without faults: everyone exactly once. */
async function retryReachesEveryoneOnce(
  channel: Channel,
  page: PageInput,
  people: AffectedPerson[],
  activityId: string,
): Promise<void> {
  sandbox.faults.clear();
  const env = new MockActivityEnvironment({ activityId, attempt: 2 });
  await runPage(channel, ownPacedDeps({}), env, page);
  const got = perRecipient(sandbox)[channel];
  for (const p of people) assert.equal(got.get((channel === 'sms' ? p.phone : p.email) as string), 1, `${p.id} once`);
}

test('SMS: waiting out a Twilio 429 reset heartbeats and ends the moment the page is cancelled', TIMEOUT, async () => {
  const people = uniqueAudience(12);
  const page = await pageOf(store, 'ZC-SMS-429', people);
  sandbox.faults.inject('twilio', { kind: 'rate-limit', retryAfterSeconds: TEN_MINUTES }, { match: messagesPost });
  const { env, late, beats, running } = startPage('sms', 'zc-sms-429', page, { smsConcurrency: 2 });
  await until(() => sandbox.log.requests('twilio').some((r) => r.status === 429));
  await cancelInWait(env, beats);

  await assert.rejects(running, CancelledFailure);
  assert.equal(late(), 0, 'no SMS requested after the cancellation');
  const ledger = await states('ZC-SMS-429', people, 'sms');
  assert.equal(ledger.sent, sandbox.log.acceptedSms().length, 'every SMS Twilio accepted is confirmed');
  assert.equal(ledger.reserved, 1, 'only the rate-limited one is left to reconcile');
  assert.equal(ledger.none, people.length - ledger.sent - 1, 'people never tried are not reserved');

  const lookups = smsLookups(sandbox);
  await retryReachesEveryoneOnce('sms', page, people, 'zc-sms-429');
  assert.equal(smsLookups(sandbox) - lookups, 1, 'the retry looked up only the one left reserved');
});

test(
  'SMS: a pacer ten minutes between sends is cancelled in its wait; the next person is never texted',
  TIMEOUT,
  async () => {
    const people = uniqueAudience(6);
    const page = await pageOf(store, 'ZC-SMS-PACE', people);
    const { env, late, beats, running } = startPage('sms', 'zc-sms-pace', page, { smsConcurrency: 2 }, 1 / TEN_MINUTES);
    await until(() => sandbox.log.acceptedSms().some((s) => s.to === people[0]?.phone));
    await cancelInWait(env, beats);

    await assert.rejects(running, CancelledFailure);
    assert.equal(late(), 0);
    assert.deepEqual(await states('ZC-SMS-PACE', people, 'sms'), { sent: 1, reserved: 0, none: 5 });
    await retryReachesEveryoneOnce('sms', page, people, 'zc-sms-pace');
  },
);

test(
  'SMS: an unanswered send waits its lookup back in line (the lane texts the others); the wait is cancelled, the send left to reconcile',
  TIMEOUT,
  async () => {
    const people = uniqueAudience(3);
    const page = await pageOf(store, 'ZC-SMS-LOOKUP', people);
    sandbox.faults.inject('twilio', { kind: 'accept-then-timeout', holdMs: 1_500 }, { match: messagesPost });
    const [postsBefore, lookupsBefore] = [smsPosts(sandbox), smsLookups(sandbox)];
    // The adapter gives up after 400 ms; the lookup waits the configured provider deadline (ten minutes).
    const fanout = { smsConcurrency: 1, providerTimeoutMs: TEN_MINUTES * 1000 };
    const { env, late, beats, running } = startPage('sms', 'zc-sms-lookup', page, fanout);
    // One lane: the unanswered first person goes back in line, the lane texts the other two meanwhile.
    await until(() => sandbox.log.acceptedSms().filter((m) => people.some((p) => p.phone === m.to)).length === 3);
    await cancelInWait(env, beats);

    await assert.rejects(running, CancelledFailure);
    assert.equal(late(), 0);
    assert.equal(smsPosts(sandbox), postsBefore + 3, 'each texted once, the unanswered one not again');
    assert.equal(smsLookups(sandbox), lookupsBefore, 'no lookup before its delay was up');
    assert.deepEqual(await states('ZC-SMS-LOOKUP', people, 'sms'), { sent: 2, reserved: 1, none: 0 });
    await until(() => sandbox.log.inFlight() === 0);
    await retryReachesEveryoneOnce('sms', page, people, 'zc-sms-lookup');
    assert.equal(smsLookups(sandbox) - lookupsBefore, 1, 'the retry found the unanswered send instead of resending it');
  },
);

test(
  'email: waiting out a SendGrid 429 reset heartbeats and ends the moment the page is cancelled',
  TIMEOUT,
  async () => {
    const people = uniqueAudience(8, ['de', 'fr']);
    const page = await pageOf(store, 'ZC-MAIL-429', people);
    sandbox.faults.inject('sendgrid', { kind: 'rate-limit', retryAfterSeconds: TEN_MINUTES }, { match: mailSend });
    const requestsBefore = mailSends(sandbox);
    const { env, late, beats, running } = startPage('email', 'zc-mail-429', page, {});
    await until(() => sandbox.log.requests('sendgrid').some((r) => r.status === 429));
    await cancelInWait(env, beats);

    await assert.rejects(running, CancelledFailure);
    assert.equal(late(), 0);
    assert.equal(mailSends(sandbox), requestsBefore + 1, 'the second rendering group was never requested');
    assert.deepEqual(await states('ZC-MAIL-429', people, 'email'), { sent: 0, reserved: 4, none: 4 });
    await retryReachesEveryoneOnce('email', page, people, 'zc-mail-429');
  },
);

test('email: a pacer ten minutes between requests is cancelled in its wait', TIMEOUT, async () => {
  const people = uniqueAudience(8, ['de', 'fr']);
  const page = await pageOf(store, 'ZC-MAIL-PACE', people);
  const requestsBefore = mailSends(sandbox);
  const { env, late, beats, running } = startPage('email', 'zc-mail-pace', page, {}, 1 / TEN_MINUTES);
  await until(() => mailSends(sandbox) === requestsBefore + 1 && sandbox.log.inFlight() === 0);
  await cancelInWait(env, beats);

  await assert.rejects(running, CancelledFailure);
  assert.equal(late(), 0);
  assert.deepEqual(await states('ZC-MAIL-PACE', people, 'email'), { sent: 4, reserved: 0, none: 4 });
  await retryReachesEveryoneOnce('email', page, people, 'zc-mail-pace');
});
