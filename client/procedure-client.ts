/**
 * What every procedure's client needs: start it or reach the one already running under the same
 * business id, and send an operator action as an Update that answers with the new status or the
 * reason it was refused.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Client, WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import type { SearchAttributePair, UpdateDefinition, Workflow } from '@temporalio/common';

/** Raised for input that fails validation; nothing was started or changed. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** The procedure refused an operator action; the message says why. Nothing changed. */
export class ActionRejectedError extends Error {
  override readonly name = 'ActionRejectedError';
}

export interface StartResult<W extends Workflow> {
  workflowId: string;
  runId: string | undefined;
  /** False when the business id already had a procedure: the trigger reached that one. */
  started: boolean;
  handle: WorkflowHandle<W>;
}

export interface StartRequest<W extends Workflow> {
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  args: Parameters<W>;
  searchAttributes: SearchAttributePair[];
  summary: string;
  details: string;
}

/** Starts the procedure, or reaches the one that already exists for its id (running or finished). */
export async function startOrReach<W extends Workflow>(
  client: Client,
  request: StartRequest<W>,
): Promise<StartResult<W>> {
  const { workflowId } = request;
  const existing = client.workflow.getHandle<W>(workflowId);
  if (await exists(existing)) return { workflowId, runId: undefined, started: false, handle: existing };
  try {
    // USE_EXISTING closes the race between the check above and two concurrent triggers.
    const handle = await client.workflow.start<W>(request.workflowType, {
      taskQueue: request.taskQueue,
      workflowId,
      args: request.args,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: request.searchAttributes,
      staticSummary: request.summary,
      staticDetails: request.details,
    } as unknown as WorkflowStartOptions<W>); // args are Parameters<W>; the SDK type cannot see it through the generic
    return { workflowId, runId: handle.firstExecutionRunId, started: true, handle };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { workflowId, runId: undefined, started: false, handle: existing };
  }
}

async function exists(handle: WorkflowHandle): Promise<boolean> {
  try {
    await handle.describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** Sends an operator action as an Update: resolves with the result or rejects with the reason. */
export async function executeAction<Result, Action>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Result, [Action]>,
  action: Action,
): Promise<Result> {
  try {
    return await handle.executeUpdate(update, { args: [action] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof Error) {
      throw new ActionRejectedError(`${update.name} rejected: ${err.cause.message}`);
    }
    // A finished procedure takes no Updates; say so rather than "not found".
    if (err instanceof WorkflowNotFoundError && (await exists(handle))) {
      const { status } = await handle.describe();
      throw new ActionRejectedError(`${update.name} rejected: the procedure has ended (${status.name.toLowerCase()})`);
    }
    throw err;
  }
}
