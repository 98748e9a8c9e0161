/**
 * Typed helpers over the Temporal client for the data-leak procedure, shared by the CLI, the demo
 * and (later) the HTTP API. Input is validated here, at the edge: bad input starts nothing.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { dataLeakWorkflowId } from '../workflows/domain/incident.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';
import type {
  ActionName,
  AcknowledgeAction,
  ApproveAction,
  OverrideAction,
  RejectAction,
} from '../workflows/domain/operator-actions.ts';
import { INCIDENT_ID, SEVERITY } from '../workflows/domain/search-attributes.ts';
import type { ProcedureStatus } from '../workflows/domain/status.ts';
import {
  acknowledgeUpdate,
  approveUpdate,
  noticeDraftQuery,
  overrideUpdate,
  rejectUpdate,
  statusQuery,
} from '../workflows/data-leak/messages.ts';
import type { NoticeDraftText } from '../workflows/data-leak/messages.ts';
import { dataLeakStartSchema } from '../workflows/data-leak/start-input.ts';
import type { DataLeakStart } from '../workflows/data-leak/start-input.ts';
import type { dataLeakNotification } from '../workflows/index.ts';

/** Raised for input that fails validation; nothing was started or changed. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

export interface StartResult {
  workflowId: string;
  runId: string | undefined;
  /** False when the incident already had a procedure: the trigger reached that one. */
  started: boolean;
  handle: WorkflowHandle<typeof dataLeakNotification>;
}

/** Parses start input or throws InvalidInputError naming each bad field. */
export function parseStartInput(raw: unknown): DataLeakStart {
  const parsed = dataLeakStartSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`invalid incident: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * Starts the procedure for an incident, or reaches the one that already exists for it (running or
 * finished): the workflow id is the incident id, so a repeated trigger never starts a second one.
 */
export async function startDataLeak(client: Client, raw: unknown, taskQueue: string): Promise<StartResult> {
  const input = parseStartInput(raw);
  const workflowId = dataLeakWorkflowId(input.incident.incidentId);
  const existing = client.workflow.getHandle<typeof dataLeakNotification>(workflowId);
  if (await exists(existing)) return { workflowId, runId: undefined, started: false, handle: existing };
  try {
    // USE_EXISTING closes the race between the check above and two concurrent triggers.
    const handle = await client.workflow.start<typeof dataLeakNotification>('dataLeakNotification', {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: INCIDENT_ID, value: input.incident.incidentId },
        { key: SEVERITY, value: input.incident.severity },
      ],
      staticSummary: `Data leak ${input.incident.incidentId} (${input.incident.severity}): ${input.incident.title}`,
      staticDetails: `Detected ${input.incident.detectedAt}. Jurisdictions: ${input.incident.jurisdictions.join(', ')}.`,
    });
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

export function dataLeakHandle(client: Client, incidentId: string): WorkflowHandle<typeof dataLeakNotification> {
  return client.workflow.getHandle(dataLeakWorkflowId(incidentId));
}

export function getStatus(handle: WorkflowHandle): Promise<ProcedureStatus> {
  return handle.query(statusQuery);
}

/** The current authority-notice draft with its exact text, or null before the first draft. */
export function getNoticeDraft(handle: WorkflowHandle): Promise<NoticeDraftText | null> {
  return handle.query(noticeDraftQuery);
}

type ActionOf = {
  acknowledge: AcknowledgeAction;
  approve: ApproveAction;
  reject: RejectAction;
  override: OverrideAction;
};

const UPDATES = {
  acknowledge: acknowledgeUpdate,
  approve: approveUpdate,
  reject: rejectUpdate,
  override: overrideUpdate,
} as const;

/** The procedure refused an operator action; the message says why. Nothing changed. */
export class ActionRejectedError extends Error {
  override readonly name = 'ActionRejectedError';
}

/** Sends an operator action as an Update: resolves with the new status or rejects with the reason. */
export async function act<N extends ActionName>(
  handle: WorkflowHandle,
  name: N,
  action: ActionOf[N],
): Promise<ProcedureStatus> {
  try {
    return await handle.executeUpdate(UPDATES[name] as typeof acknowledgeUpdate, {
      args: [action as AcknowledgeAction],
    });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof Error) {
      throw new ActionRejectedError(`${name} rejected: ${err.cause.message}`);
    }
    throw err;
  }
}
