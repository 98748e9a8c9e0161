/**
 * Every legal clock enforced from the incident's complete facts (issue 19), on the time-skipping
 * server over the real activities: clocks from US states and the organisation's profile, at risk
 * and missed with escalations to legal and the DPO, met by a recorded filing (legal only), added by
 * a determination mid-flight; the record never shrinks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { actOnLockout, getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { organisationProfileSchema } from '../../workflows/domain/organisation-profile.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { ListCrm } from '../support/fake-providers.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';
import { closeAtRest } from '../support/close-at-rest.ts';
import type { ActivityDeps } from '../../activities/index.ts';

const harness = useHarness();
const clock = (s: ProcedureStatus, id: string) => s.legalClocks?.find((c) => c.id === id);
const compliance = { id: 'cora', role: 'compliance' as const };

function people(count: number, country: string, state?: string): AffectedPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `003${country}${state ?? ''}${String(i).padStart(8, '0')}`,
    name: `Student ${country} ${i}`,
    email: `s${i}.${country.toLowerCase()}${state?.toLowerCase() ?? ''}@student.test`,
    locale: 'en',
    country,
    ...(state ? { state } : {}),
  }));
}

const withPeople =
  (list: AffectedPerson[], profile: unknown = {}) =>
  (deps: ActivityDeps): ActivityDeps => ({
    ...deps,
    crm: new ListCrm(list, 1000),
    organisation: organisationProfileSchema.parse(profile),
  });

test('a Title IV university breach touching 300 Texans: FTC, FSA and Texas clocks shown, enforced and met by filings', async () => {
  const list = [...people(300, 'US', 'TX'), ...people(250, 'US', 'OH')];
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, deps, incident }) => {
      const start = { incident: { ...incident('CLK-1'), dataCategories: ['name', 'Social Security number'] } };
      const { handle } = await startDataLeak(client, start, taskQueue);
      await act(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep('10 minutes');
      let status = await getStatus(handle);
      for (const id of [
        'glba:314.4(j):ftc',
        'fsa:title-iv:breach-report',
        'us-tx:attorney-general',
        'us-tx:individuals',
      ]) {
        assert.equal(clock(status, id)?.meansOfMeeting, 'operator-files', `${id} tracked as a filing`);
      }
      assert.equal(clock(status, 'us-tx:attorney-general')?.state, 'pending');
      const nextClock = (status.legalClocks ?? [])
        .filter((c) => c.state === 'pending' && c.dueAt)
        .map((c) => c.dueAt ?? '')
        .sort()[0];
      assert.ok(status.nextDeadline && nextClock && status.nextDeadline <= nextClock, 'next deadline counts clocks');

      const filing = {
        clockId: 'us-tx:attorney-general',
        at: new Date(Date.parse(status.detectedAt) + 3_600_000).toISOString(),
        reference: 'TX-AG-2026-0042',
        filedBy: 'Lee Legal',
      };
      await assert.rejects(
        act(handle, 'recordSubmission', { actor: responder, ...filing }),
        /requires role legal or compliance/,
      );
      status = await act(handle, 'recordSubmission', { actor: legal, ...filing });
      assert.equal(clock(status, 'us-tx:attorney-general')?.state, 'met');
      assert.equal(clock(status, 'us-tx:attorney-general')?.submission?.reference, 'TX-AG-2026-0042');
      await assert.rejects(act(handle, 'recordSubmission', { actor: legal, ...filing }), /already met/);

      await harness().env.sleep('31 days');
      status = await getStatus(handle);
      assert.equal(clock(status, 'glba:314.4(j):ftc')?.state, 'missed');
      assert.ok(clock(status, 'glba:314.4(j):ftc')?.warnedAt, 'warned before it passed');
      assert.equal(clock(status, 'us-tx:attorney-general')?.state, 'met', 'a met clock stays met');
      const audit = await deps.audit.list('CLK-1');
      assert.ok(audit.some((e) => e.type === 'legal-clock.at-risk' && e.data.clock === 'glba:314.4(j):ftc'));
      assert.ok(audit.some((e) => e.type === 'legal-clock.missed' && e.data.clock === 'glba:314.4(j):ftc'));
      assert.ok(
        audit.some((e) => e.type === 'operator.recordSubmission' && e.data.clockId === 'us-tx:attorney-general'),
      );
      assert.ok(
        email.to('gc@uni.test').some((m) => /LEGAL CLOCK MISSED\] GLBA/.test(m.subject)),
        'legal told',
      );
      assert.ok(
        email.to('dpo@uni.test').some((m) => /LEGAL CLOCK MISSED\] GLBA/.test(m.subject)),
        'the DPO told',
      );
      await closeAtRest(handle);
    },
    withPeople(list, { sector: { titleIvInstitution: true } }),
  );
});

test('a CERT-In 6-hour clock that passes unmet escalates to legal and the DPO, audited', async () => {
  await runScenario(
    harness(),
    async ({ client, taskQueue, sms, deps, incident }) => {
      const { handle } = await startDataLeak(client, { incident: incident('CLK-2') }, taskQueue);
      await act(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep('7 hours');
      const status = await getStatus(handle);
      assert.equal(clock(status, 'cert-in:direction-ii:report')?.state, 'missed');
      const missed = (await deps.audit.list('CLK-2')).filter((e) => e.type === 'legal-clock.missed');
      assert.deepEqual(
        missed.map((e) => e.data.clock),
        ['cert-in:direction-ii:report'],
      );
      assert.ok(
        sms.sent.some((m) => m.to === '+4930000021' && /LEGAL CLOCK MISSED/.test(m.body)),
        'legal paged',
      );
      assert.ok(
        sms.sent.some((m) => m.to === '+4930000001' && /LEGAL CLOCK MISSED/.test(m.body)),
        'the DPO paged',
      );
      await closeAtRest(handle);
    },
    withPeople(people(40, 'IN')),
  );
});

test('a high-risk determination mid-flight adds the Art. 34 duty; a recorded fact is never changed, only corrected', async () => {
  await runScenario(harness(), async ({ client, taskQueue, deps, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('CLK-3') }, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('10 minutes');
    let status = await getStatus(handle);
    assert.equal(clock(status, 'gdpr:art33:supervisory-authority')?.meansOfMeeting, 'herald-sends');
    assert.equal(clock(status, 'gdpr:art34:individuals'), undefined);
    const at = new Date(Date.parse(status.detectedAt) + 5 * 60_000).toISOString();
    const determination = {
      determination: 'high-risk-assessed' as const,
      at,
      reason: 'grades and student IDs of minors exposed',
    };
    status = await act(handle, 'recordDetermination', { actor: compliance, ...determination });
    assert.equal(clock(status, 'gdpr:art34:individuals')?.meansOfMeeting, 'herald-sends', 'Art. 34 added');
    await assert.rejects(
      act(handle, 'recordDetermination', { actor: legal, ...determination }),
      /already recorded .* send a correction/,
    );
    status = await act(handle, 'recordDetermination', {
      actor: legal,
      ...determination,
      at: new Date(Date.parse(at) - 60_000).toISOString(),
      correction: true,
      reason: 'the assessment was signed a minute earlier',
    });
    assert.ok(clock(status, 'gdpr:art34:individuals'), 'a correction never removes a clock');
    const audit = await deps.audit.list('CLK-3');
    const recorded = audit.filter((e) => e.type === 'operator.recordDetermination');
    assert.equal(recorded.length, 2, 'both entries audited');
    assert.deepEqual(recorded[0]?.data.clocksAdded, ['gdpr:art34:individuals']);
    await closeAtRest(handle);
  });
});

test('the lockout: UK customers interrupted start the ICO clock; compliance records the filing and meets it', async () => {
  await runScenario(harness(), async ({ client, taskQueue, detectedAt }) => {
    const incident = { ...lockout('LO-CLK-1', detectedAt), ukPersonalDataInterrupted: true };
    const { handle } = await startLockout(client, { incident }, taskQueue);
    await harness().env.sleep('5 minutes');
    let status = await getLockoutStatus(handle);
    const ico = status.legalClocks.find((c) => c.id === 'uk-gdpr:art33:ico');
    assert.equal(ico?.state, 'pending');
    assert.equal(ico?.meansOfMeeting, 'operator-files');
    status = await actOnLockout(handle, 'recordSubmission', {
      actor: compliance,
      clockId: 'uk-gdpr:art33:ico',
      at: new Date(Date.parse(detectedAt) + 4 * 60_000).toISOString(),
      reference: 'ICO-BRN-123456',
      filedBy: 'Cora Compliance',
    });
    assert.equal(status.legalClocks.find((c) => c.id === 'uk-gdpr:art33:ico')?.state, 'met');
    await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
    await handle.result();
  });
});

test('the lockout: while a legal clock is owed only legal closes it, and a close gives its reason (role rules)', async () => {
  await runScenario(harness(), async ({ client, taskQueue, detectedAt, deps }) => {
    const incident = { ...lockout('LO-CLK-2', detectedAt), ukPersonalDataInterrupted: true };
    const { handle } = await startLockout(client, { incident }, taskQueue);
    await harness().env.sleep('5 minutes');
    await assert.rejects(
      actOnLockout(handle, 'close', { actor: responder, reason: 'customers can order again' }),
      /rule legal-clock: only legal may close the procedure while legal clocks are owed \(uk-gdpr:art33:ico\); olga has role responder/,
    );
    await assert.rejects(
      actOnLockout(handle, 'close', { actor: legal, reason: 'done' }),
      /rule decisive-reason: close ends a duty; give a reason of at least 10 characters/,
    );
    assert.equal((await getLockoutStatus(handle)).phase, 'active', 'refusals change nothing');
    const closed = await actOnLockout(handle, 'close', {
      actor: legal,
      reason: 'ICO notified by phone; the filing is tracked in the legal register',
    });
    assert.equal(closed.phase, 'closed');
    await handle.result();
    const closes = (await deps.audit.list('lockout:LO-CLK-2')).filter((e) => e.type === 'operator.close');
    assert.deepEqual(
      closes.map((e) => e.actor),
      ['lee'],
    );
  });
});
