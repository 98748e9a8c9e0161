/** Operator actions: reject/approve, overrides, and invalid input that must change nothing. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { act, dataLeakHandle, getStatus, InvalidInputError, startDataLeak } from '../../client/data-leak-client.ts';
import { approveSignal, overrideSignal } from '../../workflows/data-leak/messages.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';
import { closeAtRest } from '../support/close-at-rest.ts';

const harness = useHarness();

const stateOf = (s: ProcedureStatus, id: string) => s.milestones.find((m) => m.id === id)?.state;

test('legal rejects with a corrected text, then approves the corrected draft', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('REJECT-1') }, taskQueue);
    await harness().env.sleep('1 minute');
    const v1 = (await getStatus(handle)).authorityNotice.draft;
    assert.ok(v1);
    const corrected = 'Corrected notification text for REJECT-1, as reviewed by legal counsel.';
    await act(handle, 'reject', {
      actor: legal,
      version: 1,
      reason: 'wrong affected count',
      replacementText: corrected,
    });
    await harness().env.sleep('1 minute');
    const status = await getStatus(handle);
    const v2 = status.authorityNotice.draft;
    assert.equal(v2?.version, 2);
    assert.equal(v2?.sha256, createHash('sha256').update(`${corrected}\n`).digest('hex'));
    assert.deepEqual(
      status.authorityNotice.rejections.map((r) => r.reason),
      ['wrong affected count'],
    );
    await assert.rejects(act(handle, 'approve', { actor: legal, version: 1, sha256: v1.sha256 }), /not current/);
    await act(handle, 'approve', { actor: legal, version: 2, sha256: v2?.sha256 ?? '' });
    await harness().env.sleep('1 minute');
    const sent = email.to('breach@authority.test');
    assert.equal(sent.length, 1);
    assert.match(sent[0]?.text ?? '', /Corrected notification text for REJECT-1/);
    await closeAtRest(handle);
  });
});

test('pause holds every send until resume; send-now releases one milestone', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('PAUSE-1') }, taskQueue);
    await handle.signal(overrideSignal, { actor: responder, kind: 'pause', reason: 'verifying the report' });
    await harness().env.sleep('20 minutes');
    let status = await getStatus(handle);
    assert.equal(status.phase, 'paused');
    const sentWhilePaused = email.sent.length;
    await harness().env.sleep('30 minutes');
    assert.equal(email.sent.length, sentWhilePaused, 'nothing goes out while paused');

    await act(handle, 'override', {
      actor: responder,
      kind: 'send-now',
      milestone: 'compliance-report',
      reason: 'regulator asked',
    });
    await harness().env.sleep('1 minute');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'compliance-report'), 'met', 'report released while paused');

    await act(handle, 'override', { actor: responder, kind: 'resume', reason: 'verified' });
    await harness().env.sleep('1 minute');
    status = await getStatus(handle);
    assert.equal(status.phase, 'active');
    assert.ok(status.milestones.find((m) => m.id === 'stakeholder-notice')?.completedAt, 'held notice sent on resume');
    await closeAtRest(handle);
  });
});

test('skip a milestone with a reason; close as false positive skips the rest', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, incident }) => {
    // A pause sent with the trigger may come after the first notices: they wait only for the
    // template pins (first-page-first.ts). The compliance report waits for an acknowledgement (or
    // its lead time before the deadline), so it is still to come when the pause is taken.
    const { handle } = await startDataLeak(client, { incident: incident('SKIP-1') }, taskQueue);
    await handle.signal(overrideSignal, { actor: responder, kind: 'pause', reason: 'triage' });
    await harness().env.sleep('1 minute');
    await act(handle, 'override', {
      actor: responder,
      kind: 'skip',
      milestone: 'compliance-report',
      reason: 'compliance briefed in person',
    });
    await act(handle, 'override', { actor: responder, kind: 'resume', reason: 'triage done' });
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('2 minutes');
    let status = await getStatus(handle);
    assert.equal(stateOf(status, 'compliance-report'), 'skipped');
    assert.match(status.milestones.find((m) => m.id === 'compliance-report')?.note ?? '', /briefed in person/);
    assert.equal(email.to('compliance@uni.test').length, 0);

    status = await act(handle, 'override', {
      actor: responder,
      kind: 'close-false-positive',
      reason: 'no data left the bucket',
    });
    const final = await handle.result();
    assert.equal(final.phase, 'closed');
    assert.match(final.closedReason ?? '', /no data left the bucket/);
    assert.equal(stateOf(final, 'authority-notice'), 'skipped');
    assert.equal(email.to('breach@authority.test').length, 0);
  });
});

test('invalid updates are rejected with the reason and change nothing; invalid signals are audited as refused', async () => {
  await runScenario(harness(), async ({ client, taskQueue, deps, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('INVALID-1') }, taskQueue);
    await harness().env.sleep('1 minute');
    const before = await getStatus(handle);
    const draft = before.authorityNotice.draft;
    assert.ok(draft);

    await assert.rejects(
      act(handle, 'approve', { actor: responder, version: 1, sha256: draft.sha256 }),
      /requires role legal/,
    );
    await assert.rejects(
      act(handle, 'approve', { actor: legal, version: 1, sha256: 'a'.repeat(64) }),
      /sha256 does not match/,
    );
    await assert.rejects(
      act(handle, 'override', { actor: responder, kind: 'skip', milestone: 'ops-alert', reason: 'x' } as never),
      /reason/,
    );
    await assert.rejects(
      act(handle, 'override', {
        actor: responder,
        kind: 'send-now',
        milestone: 'authority-notice',
        reason: 'hurry up',
      }),
      /only after legal approval/,
    );
    await handle.signal(approveSignal, {
      actor: { id: 'mallory', role: 'responder' },
      version: 1,
      sha256: draft.sha256,
    });
    await handle.signal(approveSignal, { nonsense: true } as never);
    await harness().env.sleep('10 seconds');

    const after = await getStatus(handle);
    assert.deepEqual(after.authorityNotice, before.authorityNotice);
    assert.equal(after.phase, before.phase);
    const refused = (await deps.audit.list('INVALID-1')).filter((e) => e.type === 'operator.action-refused');
    assert.equal(refused.length, 2);
    assert.equal(refused[0]?.actor, 'mallory');
    await closeAtRest(handle);
  });
});

test('bad trigger input is refused with the field named, and starts nothing', async () => {
  await runScenario(harness(), async ({ client, taskQueue, incident }) => {
    const bad = { incident: { ...incident('BAD-1'), detectedAt: 'yesterday', jurisdictions: ['Germany'] } };
    await assert.rejects(startDataLeak(client, bad, taskQueue), (err: unknown) => {
      assert.ok(err instanceof InvalidInputError);
      assert.match(err.message, /incident\.detectedAt/);
      assert.match(err.message, /incident\.jurisdictions\.0/);
      return true;
    });
    const sqlInjection = {
      incident: {
        ...incident('BAD-2'),
        crmScope: { kind: 'filter', conditions: [{ field: 'Name; DELETE', op: 'eq', value: 'x' }] },
      },
    };
    await assert.rejects(startDataLeak(client, sqlInjection, taskQueue), /crmScope\.conditions\.0\.field/);
    await assert.rejects(dataLeakHandle(client, 'BAD-1').describe(), WorkflowNotFoundError);
  });
});

test('legal role rules: only legal skips a GDPR duty, a skip or a close says why; each refusal names its rule', async () => {
  await runScenario(harness(), async ({ client, taskQueue, deps, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('RULES-1') }, taskQueue);
    await harness().env.sleep('1 minute');
    const phoned = 'filed with the authority by phone, reference 42';
    await assert.rejects(
      act(handle, 'override', { actor: responder, kind: 'skip', milestone: 'authority-notice', reason: phoned }),
      /rule legal-milestone: only legal may skip authority-notice \(the GDPR Art. 33 notice/,
    );
    await handle.signal(overrideSignal, {
      actor: responder,
      kind: 'skip',
      milestone: 'affected-people',
      reason: 'the DPO tells every student in person',
    });
    await assert.rejects(
      act(handle, 'override', { actor: legal, kind: 'skip', milestone: 'authority-notice', reason: 'by phone' }),
      /rule decisive-reason: skip ends a duty/,
    );
    await assert.rejects(
      act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'no leak' }),
      /rule decisive-reason: close-false-positive/,
    );
    let status = await getStatus(handle);
    assert.equal(stateOf(status, 'authority-notice'), 'pending');
    assert.equal(stateOf(status, 'affected-people'), 'pending');
    const refused = (await deps.audit.list('RULES-1')).filter((e) => e.type === 'operator.action-refused');
    assert.match(String(refused[0]?.data.error), /rule legal-milestone: only legal may skip affected-people/);

    status = await act(handle, 'override', {
      actor: legal,
      kind: 'skip',
      milestone: 'authority-notice',
      reason: phoned,
    });
    assert.equal(stateOf(status, 'authority-notice'), 'skipped', 'legal may, with a reason');
    await act(handle, 'override', { actor: legal, kind: 'close-false-positive', reason: 'end of this test' });
    assert.equal((await handle.result()).phase, 'closed');
  });
});
