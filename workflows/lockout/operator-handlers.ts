/**
 * The lockout procedure's operator actions, each a Signal and an Update through the shared
 * handlers: acknowledge, approve the status-update text, change the scope, escalate now, resolve,
 * close. And its status query.
 */
import { setHandler } from '@temporalio/workflow';
import { LOCKOUT_ACTION_ROLES, LOCKOUT_ACTION_SCHEMAS } from '../domain/lockout-actions.ts';
import type { LockoutAction, LockoutActionName } from '../domain/lockout-actions.ts';
import type { LockoutStatus } from '../domain/lockout-status.ts';
import { installActionHandlers } from '../procedure/action-handlers.ts';
import type { ActionDefinition } from '../procedure/action-handlers.ts';
import type { LockoutContext } from './context.ts';
import { lockoutActions, lockoutStatusQuery } from './messages.ts';
import type { LockoutState } from './state.ts';
import { lockoutMilestone, refreshLockoutClocks } from './state.ts';
import {
  applyDetermination,
  applySubmission,
  recordDeterminationProblem,
  recordSubmissionProblem,
} from '../procedure/record-actions.ts';
import { skipOn } from '../procedure/milestones.ts';
import { applyRetry, retryProblem } from '../procedure/retry-action.ts';
import { identityHooks } from '../procedure/identity.ts';
import { inBackground } from '../procedure/background.ts';
import { deliveryCounts } from '../domain/delivery.ts';
import { closeRuleProblem } from './close-rules.ts';
import { lockoutLegalClocks, regulatoryConflict } from './legal-clocks.ts';

export function installLockoutHandlers(ctx: LockoutContext): void {
  const definitions = {} as Record<LockoutActionName, ActionDefinition<LockoutStatus>>;
  for (const name of Object.keys(lockoutActions) as LockoutActionName[]) {
    definitions[name] = {
      signal: lockoutActions[name].signal as ActionDefinition<LockoutStatus>['signal'],
      update: lockoutActions[name].update as ActionDefinition<LockoutStatus>['update'],
      schema: LOCKOUT_ACTION_SCHEMAS[name],
      roles: LOCKOUT_ACTION_ROLES[name],
    };
  }
  installActionHandlers<LockoutActionName, LockoutStatus>({
    definitions,
    stateProblem: (name, action) => lockoutStateProblem(ctx.state, name, action),
    apply: (name, action) => apply(ctx, name, action),
    result: () => ctx.state.status,
    auditRefused: (name, actorId, error) =>
      ctx.audit('operator.action-refused', actorId, { action: name, via: 'signal', error }),
    ...identityHooks(ctx, 'lockout'),
  });
  setHandler(lockoutStatusQuery, () => ctx.state.status);
}

/** Why the lockout's state refuses a well-formed, authorised action, or null. */
export function lockoutStateProblem(state: LockoutState, name: LockoutActionName, raw: unknown): string | null {
  const { status } = state;
  if (status.phase === 'closed' || status.phase === 'completed') {
    return `the procedure is ${status.phase}; no further actions are accepted`;
  }
  switch (name) {
    case 'acknowledge':
      return status.acknowledgement
        ? `already acknowledged by ${status.acknowledgement.by.id} at ${status.acknowledgement.at}`
        : null;
    case 'approveStatusText':
      return status.resolution ? 'the lockout is resolved; no further status updates go out' : null;
    case 'scopeChange': {
      const action = raw as LockoutAction<'scopeChange'>;
      if (status.resolution) return 'the lockout is resolved; its scope is final';
      if (action.euPersonalDataInterrupted === false && status.gdprAssessment) {
        return `the GDPR assessment ${status.gdprAssessment.workflowId} is already running; close it there if it is not needed`;
      }
      return action.regulatory ? regulatoryConflict(status.regulatory, action.regulatory) : null;
    }
    case 'escalateNow':
    case 'resolve':
      return status.resolution ? `already resolved by ${status.resolution.by} at ${status.resolution.at}` : null;
    case 'close':
      return state.legalRoleRules ? closeRuleProblem(status, raw as LockoutAction<'close'>) : null;
    case 'procurementContacted': {
      const { accountId } = raw as LockoutAction<'procurementContacted'>;
      const account = status.procurement.find((p) => p.accountId === accountId);
      if (!account) return `account ${accountId} is not on this procedure's procurement track`;
      return account.acknowledgement
        ? `account ${accountId} already confirmed by ${account.acknowledgement.by} at ${account.acknowledgement.at}`
        : null;
    }
    case 'retry':
      return retryProblem(state, raw as LockoutAction<'retry'>);
    case 'recordDetermination':
      return recordDeterminationProblem(state, raw as LockoutAction<'recordDetermination'>);
    case 'recordSubmission':
      return recordSubmissionProblem(state, raw as LockoutAction<'recordSubmission'>);
  }
}

/** Applies a validated action: state first (synchronously), then the audit entry. */
async function apply(ctx: LockoutContext, name: LockoutActionName, raw: unknown): Promise<void> {
  const { state } = ctx;
  const { status } = state;
  const at = ctx.nowIso();
  const actor = (raw as { actor: { id: string; role: string } }).actor;
  let data: Record<string, unknown> = {};
  switch (name) {
    case 'acknowledge': {
      const action = raw as LockoutAction<'acknowledge'>;
      status.acknowledgement = { by: action.actor, at };
      data = { note: action.note, escalationLevel: status.escalationLevel };
      break;
    }
    case 'approveStatusText': {
      const action = raw as LockoutAction<'approveStatusText'>;
      status.statusUpdates.approvedText = { text: action.text, by: action.actor.id, at };
      data = { text: action.text };
      break;
    }
    case 'scopeChange': {
      const action = raw as LockoutAction<'scopeChange'>;
      const before = { ...status.scope };
      if (action.surfaces) status.scope.surfaces = action.surfaces;
      if (action.regions) status.scope.regions = action.regions;
      if (action.euPersonalDataInterrupted !== undefined) {
        status.scope.euPersonalDataInterrupted = action.euPersonalDataInterrupted;
      }
      if (action.ukPersonalDataInterrupted !== undefined) {
        status.scope.ukPersonalDataInterrupted = action.ukPersonalDataInterrupted;
      }
      if (action.regulatory) status.regulatory = { ...status.regulatory, ...action.regulatory };
      const clocksBefore = status.legalClocks.map((c) => c.id);
      if (state.enforcedClocks) refreshLockoutClocks(state);
      else status.legalClocks = lockoutLegalClocks(state.incident.detectedAt, status.scope, status.regulatory);
      data = {
        before,
        after: { ...status.scope },
        regulatory: action.regulatory,
        reason: action.reason,
        // Facts only grow, so clocks are only ever added: the audit names the new ones.
        legalClocksAdded: status.legalClocks
          .filter((c) => !clocksBefore.includes(c.id))
          .map((c) => ({ id: c.id, dueAt: c.dueAt, source: c.source })),
      };
      break;
    }
    case 'escalateNow': {
      const action = raw as LockoutAction<'escalateNow'>;
      if (status.acknowledgement === null) state.sendNow.push('technical-alert'); // the ladder moves up now
      data = { reason: action.reason, acknowledged: status.acknowledgement !== null };
      break;
    }
    case 'resolve': {
      const action = raw as LockoutAction<'resolve'>;
      status.resolution = { rootCause: action.rootCause, by: action.actor.id, at };
      // A formal status report not yet sent is superseded by the post-incident report.
      const report = lockoutMilestone(state, 'compliance-report');
      if (report.state === 'pending') {
        skipOn(report, 'resolved before the report was due; the post-incident report covers it');
      }
      data = { rootCause: action.rootCause, skipped: report.state === 'skipped' ? ['compliance-report'] : [] };
      break;
    }
    case 'close': {
      const action = raw as LockoutAction<'close'>;
      status.phase = 'closed';
      status.closedReason = `closed by ${action.actor.id}: ${action.reason}`;
      data = { reason: action.reason };
      break;
    }
    case 'procurementContacted': {
      const action = raw as LockoutAction<'procurementContacted'>;
      const account = status.procurement.find((p) => p.accountId === action.accountId);
      if (account) {
        data = { accountId: account.accountId, before: account.state, note: action.note };
        account.state = 'acknowledged';
        account.acknowledgement = { by: action.actor.id, at, ...(action.note ? { note: action.note } : {}) };
      }
      break;
    }
    case 'retry':
      data = await applyRetry(ctx, raw as LockoutAction<'retry'>);
      break;
    case 'recordDetermination':
      data = applyDetermination(state, raw as LockoutAction<'recordDetermination'>, at, () =>
        refreshLockoutClocks(state),
      );
      break;
    case 'recordSubmission':
      data = applySubmission(state, raw as LockoutAction<'recordSubmission'>, at, () => refreshLockoutClocks(state));
      break;
  }
  ctx.publish();
  await ctx.audit(`operator.${name}`, actor.id, { role: actor.role, ...data });
  if (name === 'escalateNow' && status.acknowledgement !== null) {
    // Acknowledged already: escalation means management, not the on-call ladder.
    const level = status.escalationLevel + 1;
    const reason = (raw as LockoutAction<'escalateNow'>).reason;
    const send = () =>
      ctx.notify(`escalate-now:${at}`, 'deadline-escalation', 'lockout-escalation', {
        params: { level: String(level), reason },
      });
    if (state.resilient) {
      // The caller gets its answer now; a channel that keeps failing must not hold the Update open.
      await ctx.audit('escalation.raised', actor.id, { manual: true, reason, ledgerMilestone: `escalate-now:${at}` });
      inBackground(send().then(() => undefined));
      return;
    }
    const summary = await send();
    await ctx.audit('escalation.raised', actor.id, { manual: true, reason, ...deliveryCounts(summary) });
  }
}
