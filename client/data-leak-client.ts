/**
 * Typed helpers over the Temporal client for the data-leak procedure, shared by the CLI, the demo
 * and (later) the HTTP API. Input is validated here, at the edge: bad input starts nothing.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { executeAction, InvalidInputError, startOrReach } from './procedure-client.ts';
import type { StartResult } from './procedure-client.ts';
import { dataLeakWorkflowId } from '../workflows/domain/incident.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';
import type {
  ActionName,
  AcknowledgeAction,
  ApproveAction,
  OverrideAction,
  RejectAction,
  RetryAction,
} from '../workflows/domain/operator-actions.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../workflows/domain/search-attributes.ts';
import type { ProcedureStatus } from '../workflows/domain/status.ts';
import {
  acknowledgeUpdate,
  approveUpdate,
  noticeDraftQuery,
  overrideUpdate,
  rejectUpdate,
  recordDeterminationUpdate,
  recordSubmissionUpdate,
  retryUpdate,
  statusQuery,
} from '../workflows/data-leak/messages.ts';
import type { RecordDeterminationAction, RecordSubmissionAction } from '../workflows/domain/regulatory-record.ts';
import type { NoticeDraftText } from '../workflows/data-leak/messages.ts';
import { dataLeakStartSchema } from '../workflows/data-leak/start-input.ts';
import type { DataLeakStart } from '../workflows/data-leak/start-input.ts';
import type { dataLeakNotification } from '../workflows/index.ts';

export { ActionRejectedError, InvalidInputError } from './procedure-client.ts';
export type { StartResult } from './procedure-client.ts';

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
export async function startDataLeak(
  client: Client,
  raw: unknown,
  taskQueue: string,
): Promise<StartResult<typeof dataLeakNotification>> {
  const input = parseStartInput(raw);
  const { incident } = input;
  return startOrReach<typeof dataLeakNotification>(client, {
    workflowType: 'dataLeakNotification',
    workflowId: dataLeakWorkflowId(incident.incidentId),
    taskQueue,
    args: [input],
    searchAttributes: [
      { key: INCIDENT_ID, value: incident.incidentId },
      { key: SEVERITY, value: incident.severity },
      ...(input.drill ? [{ key: DRILL, value: input.drill.scenario }] : []),
    ],
    summary: `${input.drill ? 'Drill: data leak' : 'Data leak'} ${incident.incidentId} (${incident.severity}): ${incident.title}`,
    details: `Detected ${incident.detectedAt}. Jurisdictions: ${incident.jurisdictions.join(', ')}.`,
  });
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

/** Each action as sent: its fields, plus the actor claim privileged ones carry (workflows/domain/actor-claim.ts). */
type ActionOf = {
  acknowledge: AcknowledgeAction;
  approve: ApproveAction;
  reject: RejectAction;
  override: OverrideAction;
  retry: RetryAction;
  recordDetermination: RecordDeterminationAction;
  recordSubmission: RecordSubmissionAction;
} extends infer A
  ? { [K in keyof A]: A[K] & { claim?: string } }
  : never;

const UPDATES = {
  acknowledge: acknowledgeUpdate,
  approve: approveUpdate,
  reject: rejectUpdate,
  override: overrideUpdate,
  retry: retryUpdate,
  recordDetermination: recordDeterminationUpdate,
  recordSubmission: recordSubmissionUpdate,
} as const;

/** Sends an operator action as an Update: resolves with the new status or rejects with the reason. */
export function act<N extends ActionName>(
  handle: WorkflowHandle,
  name: N,
  action: ActionOf[N],
): Promise<ProcedureStatus> {
  return executeAction(handle, UPDATES[name] as UpdateDefinition<ProcedureStatus, [ActionOf[N]]>, action);
}
