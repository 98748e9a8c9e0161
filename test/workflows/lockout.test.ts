/**
 * The compliance-lockout procedure on the time-skipping server, over the real activities with
 * in-memory providers: every phase, the status-update cadence, resolution, escalation, and
 * operator actions that are refused. The GDPR child runs on the dev server (test/e2e/).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actOnLockout, getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { InvalidInputError } from '../../client/procedure-client.ts';
import type { LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
const responder = { id: 'erin', role: 'responder' as const };
const compliance = { id: 'cora', role: 'compliance' as const };

const stateOf = (s: LockoutStatus, id: string) => s.milestones.find((m) => m.id === id)?.state;

test('every phase on time; hourly status updates until resolution; resolution notice and post-incident report', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, detectedAt }) => {
    const { handle } = await startLockout(client, { incident: lockout('LO-1', detectedAt) }, taskQueue);
    await harness().env.sleep('2 minutes');
    let status = await actOnLockout(handle, 'acknowledge', { actor: responder, note: 'on it' });
    assert.equal(status.acknowledgement?.by.id, 'erin');

    await harness().env.sleep('270 minutes');
    status = await getLockoutStatus(handle);
    for (const id of ['technical-alert', 'stakeholder-notice', 'compliance-report']) {
      assert.equal(stateOf(status, id), 'met', id);
    }
    assert.equal(status.statusUpdates.sent, 4, 'critical: one update an hour');
    assert.ok(status.statusUpdates.nextAt);
    assert.equal(email.to('compliance@uni.test').filter((m) => /Compliance status report/.test(m.subject)).length, 1);
    assert.ok(email.to('oncall1@uni.test').some((m) => /Compliance lockout LO-1/.test(m.subject)));
    assert.ok(
      email.to('compliance@uni.test').some((m) => /Compliance lockout LO-1/.test(m.subject)),
      'compliance on-call alerted',
    );

    await actOnLockout(handle, 'approveStatusText', {
      actor: compliance,
      text: 'Checkout is degraded in US and UK; orders are queued and will be processed once sync resumes.',
    });
    await harness().env.sleep('1 hour');
    const updates = email.to('ciso@uni.test').filter((m) => /Status update/.test(m.subject));
    assert.equal(updates.length, 5, 'each stakeholder got each update exactly once');
    assert.match(updates.at(-1)?.text ?? '', /orders are queued/);

    await actOnLockout(handle, 'resolve', {
      actor: responder,
      rootCause: 'Audit-log retention job misconfigured after upgrade.',
    });
    const final = await handle.result();
    assert.equal(final.phase, 'completed');
    assert.equal(stateOf(final, 'resolution-notice'), 'met');
    assert.equal(stateOf(final, 'post-incident-report'), 'met');
    assert.equal(final.statusUpdates.sent, 5, 'no update after resolution');
    assert.equal(final.statusUpdates.nextAt, null);
    const report = email.to('compliance@uni.test').find((m) => /Post-incident report/.test(m.subject));
    assert.match(report?.text ?? '', /Root cause: Audit-log retention job misconfigured/);
    assert.match(report?.text ?? '', /Status updates sent: 5/);
    assert.ok(email.to('oncall1@uni.test').some((m) => /Resolved: compliance lockout LO-1/.test(m.subject)));
  });
});

test('an unacknowledged alert climbs the ladder; a missed stakeholder notice escalates', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, email, outage, detectedAt }) => {
    outage.failing = (key) => key.includes('/stakeholder-notice/');
    const { handle } = await startLockout(client, { incident: lockout('LO-2', detectedAt) }, taskQueue);
    await harness().env.sleep('11 minutes');
    let status = await getLockoutStatus(handle);
    assert.equal(status.escalationLevel, 2);
    assert.equal(sms.sent.filter((m) => m.to === '+4930000013').length, 1, 'top of the ladder paged at 10 min');
    await actOnLockout(handle, 'acknowledge', { actor: compliance });

    await harness().env.sleep('1 hour');
    status = await getLockoutStatus(handle);
    assert.equal(stateOf(status, 'stakeholder-notice'), 'missed');
    assert.equal(email.to('ciso@uni.test').filter((m) => /DEADLINE MISSED/.test(m.subject)).length, 1);
    await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
    assert.equal((await handle.result()).phase, 'closed');
  });
});

test('refused actions change nothing; bad trigger input starts nothing', async () => {
  await runScenario(harness(), async ({ client, taskQueue, detectedAt }) => {
    await assert.rejects(
      startLockout(client, { incident: { ...lockout('LO-BAD', detectedAt), cause: 'gremlins' } }, taskQueue),
      (err: Error) => err instanceof InvalidInputError && /incident\.cause/.test(err.message),
    );
    const { handle } = await startLockout(client, { incident: lockout('LO-5', detectedAt) }, taskQueue);
    // Let the first sends settle: the time-skipping server (unlike the real one) fails a workflow
    // task that cancels an activity in the same task where it completed (sdk-java#2391).
    await harness().env.sleep('1 minute');
    await assert.rejects(
      actOnLockout(handle, 'resolve', { actor: { id: 'lee', role: 'legal' }, rootCause: 'not for legal to say' }),
      /resolve requires role responder; lee has role legal/,
    );
    await assert.rejects(
      actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'short' }),
      /rootCause: state the root cause/,
    );
    await handle.signal('resolve', { actor: { id: 'mallory', role: 'integration' }, rootCause: 'signal from nowhere' });
    const again = await startLockout(client, { incident: lockout('LO-5', detectedAt) }, taskQueue);
    assert.equal(again.started, false, 're-trigger reaches the running procedure');
    const status = await getLockoutStatus(handle);
    assert.equal(status.resolution, null);
    assert.equal(status.phase, 'active');
    await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
    await handle.result();
  });
});

test('email keeps failing: SMS goes out on its own; whoever SMS cannot reach gets the chat webhook; ops told email fails', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, chat, outage, deps, detectedAt }) => {
    outage.failing = (key) => key.endsWith('/email');
    const { handle } = await startLockout(client, { incident: lockout('LO-6', detectedAt) }, taskQueue);
    await harness().env.sleep('4 minutes');
    await actOnLockout(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('20 minutes');
    const status = await getLockoutStatus(handle);
    assert.equal(stateOf(status, 'technical-alert'), 'met', 'the on-call engineer got the SMS');
    const onCall = sms.sent.filter((m) => m.to === '+4930000011');
    assert.equal(onCall.filter((m) => m.deliveryKey.includes('/technical-alert:L0/')).length, 1);
    assert.ok(
      onCall.some((m) => m.deliveryKey.includes('/service-alert:email:') && /email failing/.test(m.body)),
      'on-call told by SMS that email keeps failing',
    );
    // A post in the team channel is no acceptance for the stakeholders themselves.
    assert.equal(stateOf(status, 'stakeholder-notice'), 'pending', 'stakeholders (email only) not reached yet');
    assert.equal(status.blocked?.[0]?.service, 'email');
    // The alert's own email keeps trying after the acknowledgement; the compliance copy stops there.
    assert.deepEqual(status.blocked?.[0]?.steps.sort(), ['stakeholder-notice/email', 'technical-alert:L0/email']);
    assert.deepEqual(
      chat.posts.map((p) => p.deliveryKey.split('/')[1]).sort(),
      ['stakeholder-notice', 'technical-alert:compliance'],
      'compliance and stakeholders have no phone: one chat post each',
    );
    const fallbacks = (await deps.audit.list('lockout:LO-6')).filter((e) => e.type === 'delivery.fallback');
    assert.deepEqual(
      fallbacks.map((e) => `${String(e.data.ledgerMilestone)}: ${String(e.data.from)} → ${String(e.data.to)}`).sort(),
      ['stakeholder-notice: email+sms → chat', 'technical-alert:compliance: email+sms → chat'],
    );
    await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
    await handle.result();
  });
});

test('resolution at each phase: before acknowledgement the ladder stops; before the report it is superseded', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, detectedAt }) => {
    const early = (await startLockout(client, { incident: lockout('LO-7', detectedAt) }, taskQueue)).handle;
    const beforeReport = (await startLockout(client, { incident: lockout('LO-8', detectedAt) }, taskQueue)).handle;
    await harness().env.sleep('2 minutes');
    await actOnLockout(early, 'resolve', { actor: responder, rootCause: 'False trip of the audit-log control.' });
    await actOnLockout(beforeReport, 'acknowledge', { actor: responder });
    await harness().env.sleep('28 minutes');
    await actOnLockout(beforeReport, 'resolve', { actor: responder, rootCause: 'Integration token rotated.' });

    const first = await early.result();
    assert.equal(first.phase, 'completed');
    assert.equal(first.acknowledgement, null);
    assert.equal(first.escalationLevel, 0, 'no escalation after resolution');
    assert.equal(sms.sent.filter((m) => m.to === '+4930000012' && m.deliveryKey.startsWith('lockout:LO-7/')).length, 0);
    assert.equal(stateOf(first, 'stakeholder-notice'), 'met');
    assert.equal(stateOf(first, 'compliance-report'), 'skipped');
    assert.equal(stateOf(first, 'post-incident-report'), 'met');

    const second = await beforeReport.result();
    assert.equal(
      stateOf(second, 'compliance-report'),
      'met',
      'acknowledged and stakeholders told: the report went out early',
    );
    assert.equal(stateOf(second, 'resolution-notice'), 'met');
    assert.equal(second.statusUpdates.sent, 0, 'resolved before the first hourly update');
  });
});

test('a scope change mid-flight adds legal clocks without a restart: NIS2 once the lockout is found significant', async () => {
  await runScenario(harness(), async ({ client, taskQueue, deps, detectedAt }) => {
    const incident = lockout('LO-R1', detectedAt, { regulatory: { nis2Entity: 'important' } });
    const { handle } = await startLockout(client, { incident }, taskQueue);
    await harness().env.sleep('2 minutes');
    assert.deepEqual((await getLockoutStatus(handle)).legalClocks, [], 'an important entity, not yet significant');

    await harness().env.sleep('1 hour');
    const significantAt = new Date(await harness().env.currentTimeMs()).toISOString();
    const status = await actOnLockout(handle, 'scopeChange', {
      actor: compliance,
      regulatory: { nis2SignificantAt: significantAt },
      reason: 'checkout outage across two member states is significant',
    });
    const nis2 = status.legalClocks.filter((c) => c.regime === 'NIS2');
    assert.equal(nis2.length, 2, 'early warning and incident notification');
    const due = (hours: number) => new Date(Date.parse(significantAt) + hours * 3_600_000).toISOString();
    assert.deepEqual(nis2.map((c) => c.dueAt).sort(), [due(24), due(72)]);
    assert.ok(
      nis2.every((c) => /2022\/2555/.test(c.source)),
      'each clock cites the directive',
    );
    assert.equal(status.phase, 'active', 'same procedure, no restart');

    await assert.rejects(
      actOnLockout(handle, 'scopeChange', {
        actor: compliance,
        regulatory: { nis2SignificantAt: detectedAt },
        reason: 'trying to move the clock',
      }),
      /nis2SignificantAt is already recorded/,
    );
    const change = (await deps.audit.list('lockout:LO-R1')).find((e) => e.type === 'operator.scopeChange');
    assert.equal((change?.data.legalClocksAdded as unknown[]).length, 2);
    // The NIS2 reports are owed: only legal closes now (role rules).
    await actOnLockout(handle, 'close', {
      actor: { id: 'lee', role: 'legal' },
      reason: 'end of test: filed elsewhere',
    });
    const final = await handle.result();
    assert.equal(final.legalClocks.length, 2);
  });
});
