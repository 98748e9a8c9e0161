/**
 * Quiet hours on the next-channel follow-up, over the real SendGrid and Twilio adapters against the
 * sandbox and the PGlite store: at 23:30 in Los Angeles (08:30 in Berlin) two emails bounced and one
 * SMS went undelivered. Berlin's follow-up SMS goes, Los Angeles' waits until 08:00 there (named in
 * the audit entry by id), the email replacing the undelivered SMS goes at once (email never waits);
 * the next run sends the one who waited and nobody twice.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/index.ts';
import type { FollowUpInput, FollowUpResult } from '../../../activities/index.ts';
import { DEFAULT_QUIET_HOURS } from '../../../activities/mass-notification/sms-quiet-hours.ts';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import { pageOf, sandboxPageDeps, useSandboxAndStore } from '../../support/page-sandbox.ts';

// 23:30 on 10 February 2026 in Los Angeles (PST) is 08:30 on the 11th in Berlin.
const DECIDED_AT = '2026-02-11T07:30:00.000Z';
const LA_MORNING = '2026-02-11T16:00:00.000Z';

const started = useSandboxAndStore();

/** One run of the follow-up activity. */
function followUpOn(run: ReturnType<typeof createActivities>, input: FollowUpInput): Promise<FollowUpResult> {
  return new MockActivityEnvironment().run<[FollowUpInput], FollowUpResult, typeof run.followUpAffectedDeliveries>(
    run.followUpAffectedDeliveries,
    input,
  );
}

const people: AffectedPerson[] = [
  { id: 'FU-la', name: 'Lou', email: 'lou@fu.test', phone: '+12135550301', country: 'US', state: 'CA', locale: 'en' },
  { id: 'FU-be', name: 'Bea', email: 'bea@fu.test', phone: '+4917055030302', country: 'DE', locale: 'de' },
  { id: 'FU-la2', name: 'Lee', email: 'lee@fu.test', phone: '+12135550303', country: 'US', state: 'CA', locale: 'en' },
];

test('the follow-up SMS waits for the recipient’s morning where the bounds allow; its email never waits', async () => {
  const { sandbox, store } = started();
  const deps = sandboxPageDeps(sandbox, store, { quietHours: DEFAULT_QUIET_HOURS });
  const run = createActivities(deps);
  const page = await pageOf(store, 'FU-1', people);
  // The notice: email for the first two, SMS for the third.
  const env = new MockActivityEnvironment();
  await env.run(run.sendAffectedEmailPage, { ...page, limit: 2 });
  await env.run(run.sendAffectedSmsPage, { ...page, offset: 2, limit: 1, perSecond: 100 });
  const failed = (recipientId: string, channel: 'email' | 'sms', state: 'bounced' | 'undelivered') => ({
    key: { incidentId: 'FU-1', milestone: 'affected-people', recipientId, channel },
    provider: channel === 'email' ? ('sendgrid' as const) : ('twilio' as const),
    eventId: `evt-${recipientId}-${channel}`,
    state,
    providerStatus: state,
    occurredAt: DECIDED_AT,
  });
  const outcome = await store.deliveryStatus.record([
    failed('FU-la', 'email', 'bounced'),
    failed('FU-be', 'email', 'bounced'),
    failed('FU-la2', 'sms', 'undelivered'),
  ]);
  assert.equal(outcome.recorded, 3);
  const textsTo = (p: AffectedPerson) => sandbox.log.acceptedSms().filter((m) => m.to === p.phone).length;
  const emailsTo = (p: AffectedPerson) => sandbox.log.acceptedEmails().filter((m) => m.to === p.email).length;
  const [la, be, la2] = people as [AffectedPerson, AffectedPerson, AffectedPerson];
  const followUp = (input: FollowUpInput) => followUpOn(run, input);
  const bounds = { internalTargetAt: '2026-02-12T07:30:00Z', legalDeadlines: ['2026-02-14T07:30:00Z'] };

  const first = await followUp({
    incidentId: 'FU-1',
    incident: page.incident,
    quiet: { ...bounds, decidedAt: DECIDED_AT },
  });
  assert.deepEqual(first, {
    failed: { email: 2, sms: 1 },
    resent: { email: 1, sms: 1 },
    unreachable: 0,
    waiting: { people: 1, resumeAt: LA_MORNING },
  });
  assert.equal(textsTo(la), 0, 'Los Angeles sleeps');
  assert.equal(textsTo(be), 1, 'Berlin is up');
  assert.equal(emailsTo(la2), 1, 'the email replacing the undelivered SMS went at 23:30 their time');
  const [entry] = (await store.audit.list('FU-1')).filter((e) => e.type === 'affected.follow-up');
  assert.deepEqual(entry?.data.waitingRecipients, [['FU-la', LA_MORNING]]);

  const second = await followUp({
    incidentId: 'FU-1',
    incident: page.incident,
    quiet: { ...bounds, decidedAt: LA_MORNING },
    round: 1,
  });
  assert.deepEqual(second, { failed: { email: 2, sms: 1 }, resent: { email: 0, sms: 1 }, unreachable: 0 });
  assert.equal(textsTo(la), 1, 'texted in the morning');
  assert.equal(textsTo(be), 1, 'not texted again');
  assert.equal(emailsTo(la2), 1, 'not emailed again');
  const entries = (await store.audit.list('FU-1')).filter((e) => e.type === 'affected.follow-up');
  assert.deepEqual(
    entries.map((e) => e.entryId),
    ['affected.follow-up:FU-1', 'affected.follow-up:FU-1/r1'],
    'each run audited',
  );
});

test('…and goes at once when waiting would pass the internal target', async () => {
  const { sandbox, store } = started();
  const person = { ...people[0], id: 'FU2-la', email: 'lou2@fu.test', phone: '+12135550304' } as AffectedPerson;
  const run = createActivities(sandboxPageDeps(sandbox, store, { quietHours: DEFAULT_QUIET_HOURS }));
  const page = await pageOf(store, 'FU-2', [person]);
  const env = new MockActivityEnvironment();
  await env.run(run.sendAffectedEmailPage, page);
  await store.deliveryStatus.record([
    {
      key: { incidentId: 'FU-2', milestone: 'affected-people', recipientId: 'FU2-la', channel: 'email' },
      provider: 'sendgrid',
      eventId: 'evt-FU2-la-email',
      state: 'bounced',
      providerStatus: 'bounce',
      occurredAt: DECIDED_AT,
    },
  ]);
  const quiet = { decidedAt: DECIDED_AT, internalTargetAt: '2026-02-11T12:00:00Z', legalDeadlines: [] };
  const result = await followUpOn(run, { incidentId: 'FU-2', incident: page.incident, quiet });
  assert.equal(result.resent.sms, 1);
  assert.equal(result.waiting, undefined);
  assert.equal(sandbox.log.acceptedSms().filter((m) => m.to === person.phone).length, 1);
});
