/**
 * A send accepted before its deadline whose result reaches the procedure only after it: the
 * stakeholder email is accepted and its answer held while no workflow worker runs; the deadline
 * passes; then the answer arrives, and one workflow task holds both the deadline timer and the
 * activity's completion. The milestone must end `met` at the acceptance time, the miss recorded
 * by the watch corrected in the audit trail. Used by the test and to record the replay history.
 *
 * It runs on a dev server in real time with the policy compressed (the stakeholder notice due
 * 6 s after awareness): the time-skipping server does not move its clock while an activity runs.
 */
import { setTimeout as pause } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import type { AuditLog } from '../../activities/ports.ts';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import type { Harness } from './workflow-harness.ts';
import { incident, inMemoryProviders, responder } from './workflow-harness.ts';

/** temporal.api.enums.v1.EventType values, as fetchHistory returns them. */
const EventType = { EVENT_TYPE_ACTIVITY_TASK_COMPLETED: 12, EVENT_TYPE_TIMER_FIRED: 18 } as const;

/** One hour of policy in six seconds. */
const TIME_SCALE = 1 / 600;

export interface LateResult {
  handle: WorkflowHandle;
  status: ProcedureStatus;
  auditTypes: string[];
}

/** `harness.env` must be a dev server (real time). */
export async function runLateResultScenario(harness: Harness, incidentId: string): Promise<LateResult> {
  const { deps, outage } = inMemoryProviders(harness.store);
  let release = (): void => undefined;
  const answer = new Promise<void>((resolve) => (release = resolve));
  let accepted = (): void => undefined;
  const wasAccepted = new Promise<void>((resolve) => (accepted = resolve));
  outage.holding = (key) => {
    if (!key.includes('/stakeholder-notice/ciso/')) return undefined;
    accepted();
    return answer;
  };
  const taskQueue = `late-result-${incidentId}`;
  const connection = harness.env.nativeConnection;
  const activityWorker = await Worker.create({ connection, taskQueue, activities: createActivities(deps) });
  const workflowWorker = () => Worker.create({ connection, taskQueue, workflowBundle: harness.bundle });
  const activitiesRunning = activityWorker.run();
  let workflows = await workflowWorker();
  let workflowsRunning = workflows.run();
  try {
    const detectedAt = new Date().toISOString();
    const start = { incident: incident(incidentId, detectedAt), timeScale: TIME_SCALE };
    const { handle } = await startDataLeak(harness.env.client, start, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await wasAccepted;
    const dueAt = (await getStatus(handle)).milestones.find((m) => m.id === 'stakeholder-notice')?.dueAt;
    workflows.shutdown();
    await workflowsRunning;
    // The deadline passes while nobody processes the procedure; then the provider's answer arrives.
    await pause(Math.max(0, Date.parse(dueAt ?? detectedAt) - Date.now()) + 1500);
    release();
    await untilCompletedAfterTimer(handle);
    workflows = await workflowWorker();
    workflowsRunning = workflows.run();
    const status = await untilSettled(handle);
    const auditTypes = await untilAudited(deps.audit, incidentId, 'milestone.stakeholder-notice.sent');
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of scenario' });
    await handle.result();
    return { handle, status, auditTypes };
  } finally {
    release();
    if (workflows.getState() === 'RUNNING') workflows.shutdown();
    activityWorker.shutdown();
    await Promise.all([workflowsRunning, activitiesRunning]);
  }
}

/** The status once the stakeholder notice is settled one way or the other. */
async function untilSettled(handle: WorkflowHandle): Promise<ProcedureStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await getStatus(handle);
    if (status.milestones.find((m) => m.id === 'stakeholder-notice')?.completedAt) return status;
    await pause(100);
  }
  throw new Error('the stakeholder notice never settled');
}

/** The audit trail's entry types once `type` is among them. */
async function untilAudited(audit: AuditLog, incidentId: string, type: string): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const types = (await audit.list(incidentId)).map((e) => e.type);
    if (types.includes(type)) return types;
    await pause(100);
  }
  throw new Error(`no ${type} in the audit trail`);
}

/** Waits (real time) until the held activity's completion is in history after the deadline timer. */
async function untilCompletedAfterTimer(handle: WorkflowHandle): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { events } = await handle.fetchHistory();
    const types = (events ?? []).map((e) => e.eventType);
    const timer = types.lastIndexOf(EventType.EVENT_TYPE_TIMER_FIRED);
    const completed = types.lastIndexOf(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    if (timer >= 0 && completed > timer) return;
    await pause(100);
  }
  throw new Error('the held activity never completed after the deadline timer');
}
