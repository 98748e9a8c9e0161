/**
 * Wire names of the data-leak procedure's messages: the one source for client and workflow.
 * Every operator action is both a Signal (Temporal UI / `temporal workflow signal`) and an Update
 * (CLI / API get an immediate accept or a clear rejection); both go through one validation.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcknowledgeAction,
  ApproveAction,
  OverrideAction,
  RejectAction,
  RetryAction,
} from '../domain/operator-actions.ts';
import type { NoticeDraft, ProcedureStatus } from '../domain/status.ts';
import type { RecordDeterminationAction, RecordSubmissionAction } from '../domain/regulatory-record.ts';

export const acknowledgeSignal = defineSignal<[AcknowledgeAction]>('acknowledge');
export const approveSignal = defineSignal<[ApproveAction]>('approve');
export const rejectSignal = defineSignal<[RejectAction]>('reject');
export const overrideSignal = defineSignal<[OverrideAction]>('override');
export const retrySignal = defineSignal<[RetryAction]>('retry');
export const recordDeterminationSignal = defineSignal<[RecordDeterminationAction]>('recordDetermination');
export const recordSubmissionSignal = defineSignal<[RecordSubmissionAction]>('recordSubmission');

export const acknowledgeUpdate = defineUpdate<ProcedureStatus, [AcknowledgeAction]>('acknowledge');
export const approveUpdate = defineUpdate<ProcedureStatus, [ApproveAction]>('approve');
export const rejectUpdate = defineUpdate<ProcedureStatus, [RejectAction]>('reject');
export const overrideUpdate = defineUpdate<ProcedureStatus, [OverrideAction]>('override');
export const retryUpdate = defineUpdate<ProcedureStatus, [RetryAction]>('retry');
export const recordDeterminationUpdate = defineUpdate<ProcedureStatus, [RecordDeterminationAction]>(
  'recordDetermination',
);
export const recordSubmissionUpdate = defineUpdate<ProcedureStatus, [RecordSubmissionAction]>('recordSubmission');

export const statusQuery = defineQuery<ProcedureStatus>('status');

/** The current authority-notice draft with its exact text: what legal reads before approving. */
export interface NoticeDraftText extends NoticeDraft {
  text: string;
}
export const noticeDraftQuery = defineQuery<NoticeDraftText | null>('authorityNoticeDraft');
