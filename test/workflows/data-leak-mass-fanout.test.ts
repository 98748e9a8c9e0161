/**
 * The affected people's notice as a mass notification on the time-skipping server: the estimate
 * from the providers' rates escalates before the deadline is missed, the child workflow
 * continues as new without losing or repeating a page, and pages run again later for people
 * who waited (quiet hours, a dead attempt's lease).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { createActivities } from '../../activities/index.ts';
import { DEFAULT_QUIET_HOURS } from '../../activities/mass-notification/sms-quiet-hours.ts';
import {
  acknowledgedDraft,
  incident as incidentAt,
  legal,
  runScenario,
  useHarness,
} from '../support/workflow-harness.ts';
import type { Scenario } from '../support/workflow-harness.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import type { EmailPageInput } from '../../activities/mass-notification/email-page.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { FanoutProgress } from '../../workflows/data-leak/fanout-messages.ts';

const harness = useHarness();

test('a fan-out estimated to finish after its deadline escalates at once and shows the estimate', async () => {
  // Two SMS a second for three phones: 1.5 seconds, against a one-second target.
  const slow = { smsPerSecond: 2, emailRequestsPerSecond: 10, smsConcurrency: 1, pageSize: 1000 };
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, incident }) => {
      const { handle } = await startDataLeak(
        client,
        { incident: incident('FANOUT-RISK-1'), timing: { affectedPeopleTargetMs: 1_000 } },
        taskQueue,
      );
      const draft = await acknowledgedDraft(harness(), handle);
      await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
      const final = await handle.result();

      const estimate = final.affectedPeople.estimate;
      assert.ok(estimate, 'the status carries the estimate');
      assert.equal(estimate.atRisk, true);
      assert.match(estimate.basis, /planned: 3 SMS at 2\/s/);
      const warned = email.sent.filter((m) => m.deliveryKey.includes('/affected-people:deadline-at-risk/'));
      assert.ok(warned.length > 0, 'the deadline escalation group was told');
      assert.match(warned[0]?.subject ?? '', /DEADLINE AT RISK/);
      const audit = await harness().store.audit.list('FANOUT-RISK-1');
      const types = audit.map((e) => e.type);
      assert.ok(types.includes('milestone.at-risk'));
      assert.ok(types.includes('escalation.deadline-at-risk'));
      assert.ok(
        types.indexOf('escalation.deadline-at-risk') < types.indexOf('milestone.affected-people.notified'),
        'escalated while the notice was still going out',
      );
      assert.equal(final.affectedPeople.notified, 4);
    },
    (deps) => ({ ...deps, fanout: slow }),
  );
});

test('a fan-out within its deadline is not escalated', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('FANOUT-OK-1') }, taskQueue);
    const draft = await acknowledgedDraft(harness(), handle);
    await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
    const final = await handle.result();
    assert.equal(final.affectedPeople.estimate?.atRisk, false);
    assert.equal(final.milestones.find((m) => m.id === 'affected-people')?.state, 'met');
    assert.equal(email.sent.filter((m) => m.deliveryKey.includes('deadline-at-risk')).length, 0);
  });
});

test('once pages report, the estimate goes by the rate they achieve, not the plan', async () => {
  // Pages of one person: the two channels' eight pages report progress after five.
  const paged = { smsPerSecond: 1000, emailRequestsPerSecond: 100, smsConcurrency: 1, pageSize: 1 };
  await runScenario(
    harness(),
    async ({ client, taskQueue, incident }) => {
      const { handle } = await startDataLeak(client, { incident: incident('FANOUT-PACE-1') }, taskQueue);
      const draft = await acknowledgedDraft(harness(), handle);
      await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
      const final = await handle.result();
      assert.equal(final.affectedPeople.notified, 4);
      assert.match(final.affectedPeople.estimate?.basis ?? '', /^recent rate: .*recipients\/s/);
    },
    (deps) => ({ ...deps, fanout: paged }),
  );
});

test('the child continues as new every few pages and sends each page exactly once', async () => {
  const audience = Array.from({ length: 23 }, (_, i) => ({
    id: `CAN${String(i).padStart(3, '0')}`,
    name: `Student ${i}`,
    email: `s${i}@can.test`,
    phone: `+3160000${String(i).padStart(4, '0')}`,
  }));
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, sms, deps }) => {
      await deps.recipients.addAll('CAN-1', audience);
      const plan = await createActivities(deps).planAffectedFanout({ incidentId: 'CAN-1' });
      assert.equal(plan.pageSize, 3);
      const handle = await client.workflow.start('affectedPeopleFanout', {
        taskQueue,
        workflowId: 'CAN-1/affected-people',
        args: [
          {
            incidentId: 'CAN-1',
            incident: incidentAt('CAN-1', new Date().toISOString()),
            parentWorkflowId: 'no-such-procedure',
            plan,
            pagesPerRun: 4,
          },
        ],
      });
      const result = (await handle.result()) as FanoutProgress;
      assert.equal(result.email.accepted, 23);
      for (const channel of ['email', 'sms'] as const) {
        const pace = result[channel].pace;
        assert.equal(pace?.first.processed, 3, `${channel}: its first page's mark, kept across continue-as-new`);
        assert.ok(Date.parse(pace.at) >= Date.parse(pace.first.at));
      }
      assert.equal(result.sms.accepted, 23);
      const described = await client.workflow.getHandle('CAN-1/affected-people').describe();
      assert.notEqual(described.runId, handle.firstExecutionRunId, 'continued as new');
      const emailed = new Set(email.sent.map((m) => m.to));
      assert.equal(email.sent.length, 23);
      assert.equal(emailed.size, 23);
      assert.equal(new Set(sms.sent.map((m) => m.to)).size, 23);
      assert.equal(sms.sent.length, 23);
    },
    (deps) => ({
      ...deps,
      fanout: { smsPerSecond: 1000, emailRequestsPerSecond: 100, smsConcurrency: 2, pageSize: 3 },
    }),
  );
});

test('email first: a bounced email goes out as SMS after the delivery reports; nobody else is texted', async () => {
  const reporting = {
    smsPerSecond: 100,
    emailRequestsPerSecond: 10,
    smsConcurrency: 2,
    pageSize: 1000,
    deliveryReports: true,
  };
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, sms, incident, deps }) => {
      const { handle } = await startDataLeak(
        client,
        { incident: incident('FANOUT-NEXT-1'), affectedChannels: 'email-first' },
        taskQueue,
      );
      const draft = await acknowledgedDraft(harness(), handle);
      const textedBefore = sms.sent.length;
      await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
      // Wait (in real time) for the emails; the report window is a timer the server skips later.
      for (let i = 0; i < 100 && (await getStatus(handle)).milestones.at(-1)?.state === 'pending'; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const bounced = email.sent.find((m) => m.deliveryKey.includes('/affected-people/'));
      assert.ok(bounced, 'an affected person was emailed');
      const recipientId = bounced.deliveryKey.split('/')[2] as string;
      const outcome = await deps.deliveryStatus?.record([
        {
          key: { incidentId: 'FANOUT-NEXT-1', milestone: 'affected-people', recipientId, channel: 'email' },
          provider: 'sendgrid',
          eventId: 'evt-bounce-1',
          state: 'bounced',
          providerStatus: 'bounce',
          occurredAt: new Date().toISOString(),
          detail: '550 5.1.1 mailbox unknown',
        },
      ]);
      assert.equal(outcome?.recorded, 1);
      const final = await handle.result();
      const affectedSms = sms.sent.slice(textedBefore).filter((m) => m.deliveryKey.includes('/affected-people/'));
      // Email first: SMS only for the phone-only student and the one whose email bounced.
      const texted = affectedSms.map((m) => m.deliveryKey.split('/')[2]);
      assert.ok(texted.includes(recipientId), 'the bounced person was texted');
      assert.equal(new Set(texted).size, texted.length, 'nobody texted twice');
      assert.equal(final.affectedPeople.followUp?.failed.email, 1);
      assert.equal(final.affectedPeople.followUp?.resent.sms, 1);
      const types = (await harness().store.audit.list('FANOUT-NEXT-1')).map((e) => e.type);
      assert.ok(types.includes('affected.next-channel'));
      assert.ok(types.includes('affected.follow-up'));
    },
    (deps) => ({ ...deps, fanout: reporting }),
  );
});

/** A zone where it is night (local hour `from` to `to`) or day at `nowMs`, from a spread of zones. */
function zoneWhere(nowMs: number, from: number, to: number): string {
  const zones = ['Pacific/Honolulu', 'America/Los_Angeles', 'America/New_York', 'America/Sao_Paulo', 'Europe/London'];
  zones.push('Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland');
  const hourIn = (zone: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(nowMs));
  const zone = zones.find((z) =>
    from < to ? hourIn(z) >= from && hourIn(z) < to : hourIn(z) >= from || hourIn(z) < to,
  );
  assert.ok(zone, `a zone between ${from}:00 and ${to}:00`);
  return zone;
}

/** The SMS fan-out of `people` for `incidentId`, with quiet hours bounded by `internalTargetAt`. */
async function quietFanout(
  s: Scenario,
  incidentId: string,
  people: AffectedPerson[],
  nowMs: number,
  internalTargetAt: string,
): Promise<{ result: { sms: { accepted: number } }; timers: number }> {
  await s.deps.recipients.addAll(incidentId, people);
  const plan = await createActivities(s.deps).planAffectedFanout({ incidentId });
  const handle = await s.client.workflow.start('affectedPeopleFanout', {
    taskQueue: s.taskQueue,
    workflowId: `${incidentId}/affected-people`,
    args: [
      {
        incidentId,
        incident: incidentAt(incidentId, new Date(nowMs).toISOString()),
        parentWorkflowId: 'no-such-procedure',
        plan,
        smsBounds: { internalTargetAt, legalDeadlines: [] },
      },
    ],
  });
  const result = (await handle.result()) as { sms: { accepted: number } };
  const timers = ((await handle.fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes).length;
  return { result, timers };
}

const quietSettings = (deps: ActivityDeps): ActivityDeps => ({
  ...deps,
  fanout: {
    smsPerSecond: 1000,
    emailRequestsPerSecond: 100,
    smsConcurrency: 1,
    pageSize: 10,
    quietHours: DEFAULT_QUIET_HOURS,
  },
});

test('quiet hours: a text due in its recipient’s night waits for their morning on a durable timer, then goes once', async () => {
  await runScenario(
    harness(),
    async (s) => {
      const nowMs = await harness().env.currentTimeMs();
      const { result, timers } = await quietFanout(
        s,
        'QUIET-1',
        [
          { id: 'Q-night', name: 'Nia', phone: '+3161000001', timeZone: zoneWhere(nowMs, 22, 6) },
          { id: 'Q-day', name: 'Dan', phone: '+3161000002', timeZone: zoneWhere(nowMs, 10, 19) },
        ],
        nowMs,
        new Date(nowMs + 3 * 86_400_000).toISOString(),
      );
      assert.equal(result.sms.accepted, 2, 'each counted once');
      assert.deepEqual(
        s.sms.sent.map((m) => m.to),
        ['+3161000002', '+3161000001'],
        'the day recipient first, the night one after the timer, nobody twice',
      );
      assert.equal(timers, 1, 'one durable timer until morning');
      const batches = (await harness().store.audit.list('QUIET-1')).filter((e) => e.type === 'delivery.batch');
      assert.deepEqual(
        batches.map((e) => (e.data.waiting as unknown[] | undefined)?.length ?? 0),
        [1, 0],
        'the first run names who waits; the second run sends them',
      );
    },
    quietSettings,
  );
});

test('quiet hours: with no slack before the target, the night text goes at once', async () => {
  await runScenario(
    harness(),
    async (s) => {
      const nowMs = await harness().env.currentTimeMs();
      const { result, timers } = await quietFanout(
        s,
        'QUIET-2',
        [{ id: 'Q2-night', name: 'Nia', phone: '+3161000003', timeZone: zoneWhere(nowMs, 22, 6) }],
        nowMs,
        new Date(nowMs + 3_600_000).toISOString(),
      );
      assert.equal(result.sms.accepted, 1);
      assert.equal(s.sms.sent.length, 1);
      assert.equal(timers, 0, 'nothing waited');
    },
    quietSettings,
  );
});

test("email: a page that left a dead attempt's people to a later run sends them at the lease's end, each once", async () => {
  const audience = Array.from({ length: 6 }, (_, i) => ({
    id: `ELR${i}`,
    name: `Student ${i}`,
    email: `s${i}@later.test`,
  }));
  const inputs: EmailPageInput[] = [];
  let scripted = false;
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, deps }) => {
      await deps.recipients.addAll('ELR-1', audience);
      const plan = await createActivities(deps).planAffectedFanout({ incidentId: 'ELR-1' });
      const handle = await client.workflow.start('affectedPeopleFanout', {
        taskQueue,
        workflowId: 'ELR-1/affected-people',
        args: [
          {
            incidentId: 'ELR-1',
            incident: incidentAt('ELR-1', new Date().toISOString()),
            parentWorkflowId: 'no-such-procedure',
            plan,
          },
        ],
      });
      const result = (await handle.result()) as FanoutProgress;
      assert.equal(result.email.accepted, 6, 'the later run counted its three once');
      assert.equal(result.waiting, undefined, 'nobody waits at the end (and email never shows as SMS waiting)');
      assert.deepEqual(
        email.sent.map((m) => m.to).sort(),
        audience.map((p) => p.email).sort(),
        'each person emailed once',
      );
      const timers = ((await handle.fetchHistory()).events ?? []).filter((e) => e.timerStartedEventAttributes);
      assert.equal(timers.length, 1, "one durable timer until the dead attempt's lease ends");
      assert.ok(
        inputs.every((i) => i.laterRun === true),
        'every email page may leave people to a later run',
      );
      assert.deepEqual(
        inputs.map((i) => [i.offset, i.round ?? 0]),
        [
          [0, 0],
          [3, 0],
          [0, 1],
        ],
        'the next page did not wait; the first page ran again after it',
      );
      const batches = (await harness().store.audit.list('ELR-1')).filter((e) => e.type === 'delivery.batch');
      assert.ok(
        batches.some((e) => e.entryId.endsWith('/email/0/r1')),
        'the later run has its own audit entry',
      );
    },
    (deps) => ({
      ...deps,
      fanout: { smsPerSecond: 1000, emailRequestsPerSecond: 100, smsConcurrency: 1, pageSize: 3 },
    }),
    (activities) => ({
      ...activities,
      // The first page's retried attempt as it finds a dead worker's claim: all three held for 40 s more.
      async sendAffectedEmailPage(input) {
        inputs.push(input);
        if (input.offset !== 0 || scripted) return activities.sendAffectedEmailPage(input);
        scripted = true;
        const resumeAt = new Date((await harness().env.currentTimeMs()) + 40_000).toISOString();
        return { addressed: 3, accepted: 0, failed: 0, duplicatesSkipped: 0, deferred: 3, held: 3, resumeAt };
      },
    }),
  );
});
