/**
 * The data-leak procedure's operator actions (acknowledge, approve, reject, override), each a
 * Signal and an Update through the shared handlers, and its queries.
 */
import { setHandler } from '@temporalio/workflow';
import type { ActionName } from '../domain/operator-actions.ts';
import type {
  AcknowledgeAction,
  ApproveAction,
  OverrideAction,
  RejectAction,
  RetryAction,
} from '../domain/operator-actions.ts';
import type { ProcedureContext } from './context.ts';
import {
  acknowledgeSignal,
  acknowledgeUpdate,
  approveSignal,
  approveUpdate,
  overrideSignal,
  overrideUpdate,
  rejectSignal,
  noticeDraftQuery,
  rejectUpdate,
  recordDeterminationSignal,
  recordDeterminationUpdate,
  recordSubmissionSignal,
  recordSubmissionUpdate,
  retrySignal,
  retryUpdate,
  statusQuery,
} from './messages.ts';
import { applyDetermination, applySubmission } from '../procedure/record-actions.ts';
import type { RecordDeterminationAction, RecordSubmissionAction } from '../domain/regulatory-record.ts';
import { refreshLegalClocks } from './legal-clocks.ts';
import { applyRetry } from '../procedure/retry-action.ts';
import { identityHooks } from '../procedure/identity.ts';
import { milestone, refreshDerived, skipMilestone } from './state.ts';
import { dataLeakStateProblem } from './validate-action.ts';
import { installActionHandlers } from '../procedure/action-handlers.ts';
import type { ActionDefinition } from '../procedure/action-handlers.ts';
import { ACTION_ROLES, ACTION_SCHEMAS } from '../domain/operator-actions.ts';
import type { ProcedureStatus } from '../domain/status.ts';

export function installOperatorHandlers(ctx: ProcedureContext): void {
  const definition = <N extends ActionName>(name: N, signal: unknown, update: unknown) => ({
    signal: signal as ActionDefinition<ProcedureStatus>['signal'],
    update: update as ActionDefinition<ProcedureStatus>['update'],
    schema: ACTION_SCHEMAS[name],
    roles: ACTION_ROLES[name],
  });
  installActionHandlers<ActionName, ProcedureStatus>({
    definitions: {
      acknowledge: definition('acknowledge', acknowledgeSignal, acknowledgeUpdate),
      approve: definition('approve', approveSignal, approveUpdate),
      reject: definition('reject', rejectSignal, rejectUpdate),
      override: definition('override', overrideSignal, overrideUpdate),
      retry: definition('retry', retrySignal, retryUpdate),
      recordDetermination: definition('recordDetermination', recordDeterminationSignal, recordDeterminationUpdate),
      recordSubmission: definition('recordSubmission', recordSubmissionSignal, recordSubmissionUpdate),
    },
    stateProblem: (name, action) => dataLeakStateProblem(ctx.state, name, action),
    apply: (name, action) => apply(ctx, name, action as AnyAction),
    result: () => ctx.state.status,
    auditRefused: (name, actorId, error) =>
      ctx.audit('operator.action-refused', actorId, { action: name, via: 'signal', error }),
    ...identityHooks(ctx, 'data-leak'),
  });
  setHandler(statusQuery, () => ctx.state.status);
  setHandler(noticeDraftQuery, () => {
    const { draft } = ctx.state.status.authorityNotice;
    return draft === null || ctx.state.draftText === undefined ? null : { ...draft, text: ctx.state.draftText };
  });
}

/** Applies a validated action: state first (synchronously), then the audit entry. */
type AnyAction =
  | AcknowledgeAction
  | ApproveAction
  | RejectAction
  | OverrideAction
  | RetryAction
  | RecordDeterminationAction
  | RecordSubmissionAction;

async function apply(ctx: ProcedureContext, name: ActionName, action: AnyAction): Promise<void> {
  const { state } = ctx;
  const at = ctx.nowIso();
  const actor = action.actor.id;
  let data: Record<string, unknown> = { role: action.actor.role };
  switch (name) {
    case 'acknowledge': {
      const a = action as AcknowledgeAction;
      state.status.acknowledgement = { by: a.actor, at };
      data = { ...data, note: a.note, escalationLevel: state.status.escalationLevel };
      break;
    }
    case 'approve': {
      const a = action as ApproveAction;
      const draft = state.status.authorityNotice.draft;
      if (draft) draft.state = 'approved';
      data = { ...data, version: a.version, sha256: a.sha256 };
      break;
    }
    case 'reject': {
      const a = action as RejectAction;
      const draft = state.status.authorityNotice.draft;
      if (draft) draft.state = 'rejected';
      state.status.authorityNotice.rejections.push({ by: actor, reason: a.reason, at, version: a.version });
      state.pendingReplacementText = a.replacementText ?? null;
      data = { ...data, version: a.version, reason: a.reason, replacementText: a.replacementText !== undefined };
      break;
    }
    case 'override':
      data = { ...data, ...applyOverride(ctx, action as OverrideAction, at) };
      break;
    case 'retry':
      data = { ...data, ...(await applyRetry(ctx, action)) };
      break;
    case 'recordDetermination': {
      const refresh = () => refreshLegalClocks(state);
      data = { ...data, ...applyDetermination(state, action as RecordDeterminationAction, at, refresh) };
      break;
    }
    case 'recordSubmission': {
      const refresh = () => refreshLegalClocks(state);
      data = { ...data, ...applySubmission(state, action as RecordSubmissionAction, at, refresh) };
      break;
    }
  }
  ctx.publish();
  await ctx.audit(`operator.${name}`, actor, data);
}

function applyOverride(ctx: ProcedureContext, action: OverrideAction, at: string): Record<string, unknown> {
  const { state } = ctx;
  const { status } = state;
  switch (action.kind) {
    case 'pause':
      status.phase = 'paused';
      state.pauses.push({ by: action.actor.id, at, reason: action.reason });
      break;
    case 'resume':
      status.phase = 'active';
      break;
    case 'send-now':
      if (action.milestone) state.sendNow.push(action.milestone);
      break;
    case 'skip':
      if (action.milestone) skipMilestone(state, action.milestone, `skipped by ${action.actor.id}: ${action.reason}`);
      break;
    case 'close-false-positive':
      status.phase = 'closed';
      status.closedReason = `closed as false positive by ${action.actor.id}: ${action.reason}`;
      for (const m of status.milestones) {
        if (m.state === 'pending' || (m.state === 'missed' && !m.completedAt)) {
          skipMilestone(state, m.id, 'procedure closed as false positive');
        }
      }
      refreshDerived(state);
      break;
  }
  return {
    kind: action.kind,
    milestone: action.milestone,
    reason: action.reason,
    milestoneState: action.milestone ? milestone(state, action.milestone).state : undefined,
  };
}
