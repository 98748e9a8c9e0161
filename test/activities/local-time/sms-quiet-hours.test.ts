/**
 * Quiet hours on the SMS page, over the real Twilio adapter against the sandbox and the PGlite
 * store: a text due at 23:30 in Los Angeles waits until 08:00 there when the bounds allow (and is
 * sent by the page's next run), and goes at once when they do not; Berlin's morning text goes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import type { SmsPageResult } from '../../../activities/mass-notification/sms-page.ts';
import { DEFAULT_QUIET_HOURS } from '../../../activities/mass-notification/sms-quiet-hours.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/index.ts';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import { pageOf, sandboxPageDeps } from '../../support/page-sandbox.ts';

// 23:30 on 10 February 2026 in Los Angeles (PST) is 08:30 on the 11th in Berlin.
const DECIDED_AT = '2026-02-11T07:30:00.000Z';
const LA_MORNING = '2026-02-11T16:00:00.000Z';

let sandbox: Sandbox;
let store: HeraldStore;
before(async () => {
  sandbox = await startSandbox({
    seed: { count: 1 },
    ports: { salesforce: 25211, sendgrid: 25212, twilio: 25213, chat: 25214 },
  });
  store = await openStore({});
});
after(async () => {
  await store?.close();
  await sandbox?.close();
});

function audience(tag: string): AffectedPerson[] {
  return [
    { id: `${tag}-la`, name: 'Lou', phone: `+1213555${tag}01`, country: 'US', state: 'CA', locale: 'en' },
    { id: `${tag}-be`, name: 'Bea', phone: `+4917055${tag}02`, country: 'DE', locale: 'de' },
  ];
}

async function runPage(input: Parameters<ReturnType<typeof createActivities>['sendAffectedSmsPage']>[0]) {
  const activities = createActivities(sandboxPageDeps(sandbox, store, { quietHours: DEFAULT_QUIET_HOURS }));
  return new MockActivityEnvironment().run<[typeof input], SmsPageResult, typeof activities.sendAffectedSmsPage>(
    activities.sendAffectedSmsPage,
    input,
  );
}

const textsTo = (phone: string | undefined) => sandbox.log.acceptedSms().filter((s) => s.to === phone).length;

test('an SMS due at 23:30 local waits until 08:00 when slack allows; the next run sends it, nobody twice', async () => {
  const people = audience('11');
  const page = await pageOf(store, 'QH-1', people);
  const quiet = {
    decidedAt: DECIDED_AT,
    internalTargetAt: '2026-02-12T07:30:00Z',
    legalDeadlines: ['2026-02-14T07:30:00Z'],
  };
  const first = await runPage({ ...page, perSecond: 100, quiet });
  assert.deepEqual(
    { accepted: first.accepted, deferred: first.deferred, resumeAt: first.resumeAt },
    { accepted: 1, deferred: 1, resumeAt: LA_MORNING },
  );
  assert.equal(textsTo(people[0]?.phone), 0, 'Los Angeles sleeps');
  assert.equal(textsTo(people[1]?.phone), 1, 'Berlin is up');
  const [entry] = (await store.audit.list('QH-1')).filter((e) => e.type === 'delivery.batch');
  assert.deepEqual(entry?.data.waiting, [['11-la', LA_MORNING]]);

  const second = await runPage({ ...page, perSecond: 100, round: 1, quiet: { ...quiet, decidedAt: LA_MORNING } });
  assert.equal(second.deferred, undefined);
  assert.equal(textsTo(people[0]?.phone), 1, 'texted in the morning');
  assert.equal(textsTo(people[1]?.phone), 1, 'not texted again');
  assert.equal(
    (await store.audit.list('QH-1')).filter((e) => e.type === 'delivery.batch').length,
    2,
    'each run audited',
  );
});

test('…and goes at once when waiting would pass the internal target or a legal deadline', async () => {
  for (const [tag, bounds] of [
    ['12', { internalTargetAt: '2026-02-11T12:00:00Z', legalDeadlines: ['2026-02-14T07:30:00Z'] }],
    ['13', { internalTargetAt: '2026-02-12T07:30:00Z', legalDeadlines: ['2026-02-11T15:59:00Z'] }],
  ] as const) {
    const people = audience(tag);
    const page = await pageOf(store, `QH-${tag}`, people);
    const result = await runPage({ ...page, perSecond: 100, quiet: { decidedAt: DECIDED_AT, ...bounds } });
    assert.equal(result.accepted, 2, tag);
    assert.equal(result.deferred, undefined, tag);
    assert.equal(textsTo(people[0]?.phone), 1, `${tag}: Los Angeles texted now`);
  }
});

test('without quiet-hours input (procedures started before them) nobody waits', async () => {
  const people = audience('14');
  const page = await pageOf(store, 'QH-14', people);
  const result = await runPage({ ...page, perSecond: 100 });
  assert.equal(result.accepted, 2);
  assert.equal(result.deferred, undefined);
});

test('with quiet hours off in the deployment (HERALD_SMS_QUIET_HOURS=off) nobody waits', async () => {
  const people = audience('15');
  const page = await pageOf(store, 'QH-15', people);
  const off = createActivities(sandboxPageDeps(sandbox, store, { quietHours: { default: null, byJurisdiction: {} } }));
  const input = { ...page, perSecond: 100, quiet: { decidedAt: DECIDED_AT, legalDeadlines: [] } };
  const result = await new MockActivityEnvironment().run<[typeof input], SmsPageResult, typeof off.sendAffectedSmsPage>(
    off.sendAffectedSmsPage,
    input,
  );
  assert.equal(result.accepted, 2);
  assert.equal(result.deferred, undefined);
});
