/**
 * Operator actions arrive as Signals and as Updates; both run `validateAction` first. A refused
 * Signal changes nothing and is audited as refused; a refused Update is rejected to its caller
 * before anything is written to history.
 */
import { setHandler } from '@temporalio/workflow';
import type { ActionName } from '../domain/operator-actions.ts';
import type { AcknowledgeAction, ApproveAction, OverrideAction, RejectAction } from '../domain/operator-actions.ts';
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
  statusQuery,
} from './messages.ts';
import { milestone, refreshDerived, skipMilestone } from './state.ts';
import { validateAction } from './validate-action.ts';

export function installOperatorHandlers(ctx: ProcedureContext): void {
  const pairs = [
    ['acknowledge', acknowledgeSignal, acknowledgeUpdate],
    ['approve', approveSignal, approveUpdate],
    ['reject', rejectSignal, rejectUpdate],
    ['override', overrideSignal, overrideUpdate],
  ] as const;
  for (const [name, signal, update] of pairs) {
    setHandler(signal, async (raw: unknown) => {
      const result = validateAction(ctx.state, name, raw);
      if (!result.ok) {
        await ctx.audit('operator.action-refused', actorIdOf(raw), {
          action: name,
          via: 'signal',
          error: result.error,
        });
        return;
      }
      await apply(ctx, name, result.action);
    });
    setHandler(
      update,
      async (raw: unknown) => {
        const result = validateAction(ctx.state, name, raw);
        if (!result.ok) throw new Error(result.error); // state changed between validator and handler
        await apply(ctx, name, result.action);
        return ctx.state.status;
      },
      {
        validator: (raw: unknown) => {
          const result = validateAction(ctx.state, name, raw);
          if (!result.ok) throw new Error(result.error);
        },
      },
    );
  }
  setHandler(statusQuery, () => ctx.state.status);
  setHandler(noticeDraftQuery, () => {
    const { draft } = ctx.state.status.authorityNotice;
    return draft === null || ctx.state.draftText === undefined ? null : { ...draft, text: ctx.state.draftText };
  });
}

function actorIdOf(raw: unknown): string {
  const actor = (raw as { actor?: { id?: unknown } } | null)?.actor;
  return typeof actor?.id === 'string' ? actor.id.slice(0, 120) : 'unknown';
}

/** Applies a validated action: state first (synchronously), then the audit entry. */
async function apply(
  ctx: ProcedureContext,
  name: ActionName,
  action: AcknowledgeAction | ApproveAction | RejectAction | OverrideAction,
): Promise<void> {
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
