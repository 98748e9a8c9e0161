/**
 * Quiet hours for the follow-up SMS, on the time-skipping server over the real SendGrid and Twilio
 * adapters against the sandbox: a person's email bounces and the follow-up that texts them instead
 * comes at 23:30 their time. With slack before the notice's target the text waits on a durable
 * timer and goes at 08:00 their time (the sandbox has no text for them while the workflow clock
 * reads 07:59, one after), once; without slack it goes at once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WorkflowHandle } from '@temporalio/client';
import { getStatus } from '../../client/data-leak-client.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { DEFAULT_QUIET_HOURS } from '../../activities/mass-notification/sms-quiet-hours.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { ListCrm } from '../support/fake-providers.ts';
import { sandboxPageDeps } from '../support/page-sandbox.ts';
import { bouncedAtLateEvening, HOUR, localTime as wallTime, MINUTE } from '../support/late-evening-bounce.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';
import type { Scenario } from '../support/workflow-harness.ts';

const harness = useHarness();
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ seed: { count: 1 } });
});
after(async () => {
  await sandbox?.close();
});

const ZONE = 'America/New_York';

/** The person's wall clock at `ms`: "2026-12-03 23:30". */
const localTime = (ms: number) => wallTime(ms, ZONE);

/** The harness's activities with the sandbox's providers, quiet hours and delivery reports, and `person` affected. */
function sandboxDeps(person: AffectedPerson) {
  return (deps: ActivityDeps): ActivityDeps => {
    const { email, sms, fanout } = sandboxPageDeps(sandbox, harness().store, {
      smsPerSecond: 100,
      emailRequestsPerSecond: 10,
      deliveryReports: true,
      quietHours: DEFAULT_QUIET_HOURS,
    });
    return { ...deps, email, sms, ...(fanout ? { fanout } : {}), crm: new ListCrm([person]) };
  };
}

const textsTo = (person: AffectedPerson) => sandbox.log.acceptedSms().filter((m) => m.to === person.phone);

/** When each run of the follow-up activity was scheduled, on the workflow clock (the server's history). */
async function followUpRuns(handle: WorkflowHandle): Promise<number[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? [])
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'followUpAffectedDeliveries')
    .map((e) => Number(e.eventTime?.seconds?.toString() ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6));
}

/** An affected person in New York with an email and a number no other test here uses. */
function newYorker(n: number, name: string): AffectedPerson & { timeZone: string } {
  return {
    id: `FQ${n}-ny`,
    name,
    email: `${name.toLowerCase()}@fq${n}.test`,
    phone: `+1212555010${n}`,
    timeZone: ZONE,
    locale: 'en',
  };
}

/** The procedure for `person` with their email bounced and the follow-up due at 23:30 their time (not texted yet). */
async function bounced(s: Scenario, incidentId: string, person: AffectedPerson & { timeZone: string }, target: number) {
  const emailed = () => sandbox.log.acceptedEmails().some((m) => m.to === person.email);
  const run = await bouncedAtLateEvening(harness(), s, { incidentId, person, targetAfterLateEvening: target, emailed });
  assert.equal(textsTo(person).length, 0, 'email first: not texted with the notice');
  return run;
}

/** Skips the workflow clock to `ms` (timers due by then fire; none after). */
async function skipTo(ms: number): Promise<void> {
  const left = ms - (await harness().env.currentTimeMs());
  assert.ok(left > 0, `the clock is before ${new Date(ms).toISOString()}`);
  await harness().env.sleep(left);
}

test('quiet hours: a bounced email’s follow-up SMS due at 23:30 local waits for 08:00 there, then goes once', async () => {
  const person = newYorker(1, 'Nora');
  await runScenario(
    harness(),
    async (s) => {
      const { handle, lateEvening, morning } = await bounced(s, 'FQ-1', person, 3 * 24 * HOUR);

      await skipTo(morning - MINUTE);
      const [first, ...later] = await followUpRuns(handle);
      assert.ok(first !== undefined && later.length === 0, 'one follow-up so far');
      assert.equal(localTime(first).slice(11), '23:30', 'the follow-up ran at 23:30 on the person’s clock');
      assert.equal(textsTo(person).length, 0, 'not texted at 07:59 their time');
      const waiting: ProcedureStatus = await getStatus(handle);
      assert.deepEqual(waiting.affectedPeople.followUp?.waiting, {
        people: 1,
        resumeAt: new Date(morning).toISOString(),
      });
      assert.equal(waiting.affectedPeople.followUp?.resent.sms, 0);

      const final = await handle.result();
      assert.equal(textsTo(person).length, 1, 'texted once');
      const runs = await followUpRuns(handle);
      assert.equal(runs.length, 2, 'the follow-up ran again after the wait');
      assert.ok((runs[1] as number) >= morning, 'and not before 08:00 their time');
      assert.equal(localTime(runs[1] as number), localTime(morning), 'at 08:00 their time');
      assert.ok(morning - lateEvening < 9 * HOUR);
      assert.equal(final.affectedPeople.followUp?.resent.sms, 1);
      assert.equal(final.affectedPeople.followUp?.failed.email, 1);
      assert.equal(final.affectedPeople.followUp?.waiting, undefined);
      const followUps = (await harness().store.audit.list('FQ-1')).filter((e) => e.type === 'affected.follow-up');
      assert.deepEqual(
        followUps.map((e) => e.data.waitingRecipients),
        [[[person.id, new Date(morning).toISOString()]], undefined],
        'the first run names who waits until when (by id), the second sends them',
      );
      assert.ok(!JSON.stringify(followUps).includes(person.phone as string), 'no phone number in the audit trail');
    },
    sandboxDeps(person),
  );
});

test('quiet hours: without slack before the notice’s target, the follow-up SMS at 23:30 local goes at once', async () => {
  const person = newYorker(2, 'Ned');
  await runScenario(
    harness(),
    async (s) => {
      // The target one hour after the 23:30: 08:00 would miss it.
      const { handle, morning } = await bounced(s, 'FQ-2', person, HOUR);
      await skipTo(morning - MINUTE);
      assert.equal(textsTo(person).length, 1, 'texted before 08:00 their time');
      const final = await handle.result();
      assert.equal(textsTo(person).length, 1, 'once');
      const runs = await followUpRuns(handle);
      assert.equal(runs.length, 1, 'nothing waited');
      assert.equal(localTime(runs[0] as number).slice(11), '23:30');
      assert.equal(final.affectedPeople.followUp?.resent.sms, 1);
      assert.equal(final.affectedPeople.followUp?.waiting, undefined);
    },
    sandboxDeps(person),
  );
});
