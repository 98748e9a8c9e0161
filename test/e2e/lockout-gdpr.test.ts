/**
 * The lockout's GDPR branch on the dev server (real server semantics for child workflows and
 * cancellation): the data-leak assessment starts as a child at trigger or when EU impact is
 * reported mid-flight, its 72-hour clock counted from the lockout's awareness, and it outlives
 * the lockout procedure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkflowHandle } from '@temporalio/client';
import { act, dataLeakHandle, getStatus } from '../../client/data-leak-client.ts';
import { actOnLockout, getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { ActionRejectedError } from '../../client/procedure-client.ts';
import type { LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { eventually } from '../support/eventually.ts';
import { lockout } from '../support/lockout-fixture.ts';

const stack = useDevServerWorker({ port: 17633, taskQueue: 'herald-lockout-gdpr' });
const responder = { id: 'erin', role: 'responder' as const };
const compliance = { id: 'cora', role: 'compliance' as const };
const HOUR = 3_600_000;

const assessmentStarted = (s: LockoutStatus) => s.gdprAssessment !== null;

async function authorityNoticeDue(child: WorkflowHandle): Promise<string | null | undefined> {
  return (await getStatus(child)).milestones.find((m) => m.id === 'authority-notice')?.dueAt;
}

test('EU processing interrupted at trigger: the assessment starts at once, 72 h from awareness, and outlives the lockout', async () => {
  const { env, taskQueue } = stack();
  const detectedAt = new Date(Date.now() - 2 * HOUR).toISOString(); // reported two hours after awareness
  const incident = lockout('GD-1', detectedAt, { euPersonalDataInterrupted: true, regions: ['EU', 'US'] });
  const { handle } = await startLockout(env.client, { incident }, taskQueue);
  const status = await eventually(() => getLockoutStatus(handle), assessmentStarted, 'the GDPR assessment');
  assert.equal(status.gdprAssessment?.trigger, 'at-start');
  assert.equal(status.gdprAssessment?.workflowId, 'data-leak:GD-1-gdpr');

  const child = dataLeakHandle(env.client, 'GD-1-gdpr');
  assert.equal(await authorityNoticeDue(child), new Date(Date.parse(detectedAt) + 72 * HOUR).toISOString());

  await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
  assert.equal((await handle.result()).phase, 'closed');
  assert.equal((await child.describe()).status.name, 'RUNNING', 'closing the lockout leaves the assessment running');
  await act(child, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
  await child.result();
});

test('EU impact reported mid-flight starts the assessment once; it cannot be taken back while it runs', async () => {
  const { env, taskQueue } = stack();
  const detectedAt = new Date(Date.now() - 3 * HOUR).toISOString();
  const { handle } = await startLockout(env.client, { incident: lockout('GD-2', detectedAt) }, taskQueue);
  assert.equal((await getLockoutStatus(handle)).gdprAssessment, null);

  await actOnLockout(handle, 'scopeChange', {
    actor: compliance,
    regions: ['EU', 'US', 'UK'],
    euPersonalDataInterrupted: true,
    reason: 'EU order processing found affected',
  });
  const status = await eventually(() => getLockoutStatus(handle), assessmentStarted, 'the GDPR assessment');
  assert.equal(status.gdprAssessment?.trigger, 'scope-change');
  assert.deepEqual(status.scope.regions, ['EU', 'US', 'UK']);
  const child = dataLeakHandle(env.client, 'GD-2-gdpr');
  assert.equal(
    await authorityNoticeDue(child),
    new Date(Date.parse(detectedAt) + 72 * HOUR).toISOString(),
    'counted from awareness, not from the scope change',
  );

  await assert.rejects(
    actOnLockout(handle, 'scopeChange', { actor: compliance, euPersonalDataInterrupted: false, reason: 'oops' }),
    (err: Error) => err instanceof ActionRejectedError && /GDPR assessment .* already running/.test(err.message),
  );
  await actOnLockout(handle, 'scopeChange', {
    actor: compliance,
    surfaces: ['checkout'],
    reason: 'accounts and sync recovered',
  });
  const again = await getLockoutStatus(handle);
  assert.equal(again.gdprAssessment?.workflowId, 'data-leak:GD-2-gdpr', 'still the one assessment');
  await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
  await handle.result();
  await act(child, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
  await child.result();
});
