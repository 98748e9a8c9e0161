/**
 * What a fault-matrix cell that stopped progressing was waiting on, from the server alone (describe
 * and history, no query: a query could leak a time lock, see time-skipping.ts).
 */
import type { WorkflowHandle } from '@temporalio/client';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The activities the workflow has in flight, in words, for a cell that stopped progressing. */
export async function pendingWork(handle: WorkflowHandle): Promise<string> {
  try {
    const { raw } = await handle.describe();
    const activities = (raw.pendingActivities ?? []).map(
      (a) =>
        `${a.activityType?.name ?? '?'} (attempt ${a.attempt ?? 0}${a.lastFailure?.message ? `, last failure: ${a.lastFailure.message.slice(0, 120)}` : ''})`,
    );
    const children = (raw.pendingChildren ?? []).map((c) => `child ${c.workflowTypeName ?? '?'}`);
    const task = raw.pendingWorkflowTask;
    const failedTask =
      task && (task.attempt ?? 0) > 1
        ? [`a workflow task failing (attempt ${task.attempt}): ${await lastTaskFailure(handle)}`]
        : [];
    const history = await handle.fetchHistory();
    const last = (history.events ?? [])
      .slice(-8)
      .map((e) => Object.keys(e).find((k) => k.endsWith('Attributes')) ?? '?');
    return `${[...failedTask, ...activities, ...children].join('; ') || 'no activity or child (timers only)'}; last events: ${last.join(', ')}`;
  } catch (err) {
    return `describe failed: ${message(err)}`;
  }
}

/** The message of the workflow's last failed workflow task (a bug in workflow code, not the world). */
async function lastTaskFailure(handle: WorkflowHandle): Promise<string> {
  const history = await handle.fetchHistory();
  const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).at(-1);
  return failed?.workflowTaskFailedEventAttributes?.failure?.message?.slice(0, 300) ?? 'unknown';
}
