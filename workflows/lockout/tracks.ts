/**
 * The lockout's communication tracks: technical alert (≤ 15 min, escalating until acknowledged),
 * stakeholder notice (≤ 60 min), compliance report (≤ 4 h), status updates at a cadence until
 * resolution, then the resolution notice and the post-incident report.
 */
import { condition } from '@temporalio/workflow';
import { runAckEscalation } from '../procedure/ack-escalation.ts';
import { activities } from '../procedure/activity-proxies.ts';
import { isSettled } from '../procedure/milestones.ts';
import type { LockoutMilestoneId } from '../domain/lockout-policy.ts';
import type { LockoutReportKind } from '../domain/lockout-status.ts';
import type { LockoutContext } from './context.ts';
import { lockoutMilestone } from './state.ts';

export function runTechnicalAlert(ctx: LockoutContext): Promise<void> {
  return runAckEscalation(ctx, {
    milestone: 'technical-alert',
    group: 'on-call',
    alertTemplate: 'lockout-alert',
    escalationTemplate: 'lockout-escalation',
    alsoAlert: ['compliance'],
    stopWhen: () => ctx.state.status.resolution !== null,
  });
}

export async function runStakeholderNotice(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  await ctx.gate('stakeholder-notice');
  if (lockoutMilestone(state, 'stakeholder-notice').state === 'skipped') return;
  const summary = await ctx.notify('stakeholder-notice', 'stakeholders', 'lockout-stakeholder-notice', {
    params: { cadence: cadenceWords(state.timing.statusUpdateIntervalMs / state.timeScale) },
  });
  if (summary.reached > 0) ctx.complete('stakeholder-notice', Date.now());
  await ctx.audit('milestone.stakeholder-notice.sent', 'herald', { ...summary });
  ctx.publish();
}

export async function runComplianceReport(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  const ready = () => state.status.acknowledgement !== null && isSettled(lockoutMilestone(state, 'stakeholder-notice'));
  await ctx.waitUntil(
    () =>
      ready() ||
      state.sendNow.includes('compliance-report') ||
      lockoutMilestone(state, 'compliance-report').state === 'skipped',
    ctx.dueMs('compliance-report') - state.timing.reportLeadMs,
  );
  await ctx.gate('compliance-report');
  await sendReport(ctx, 'compliance-report', 'compliance-report');
}

/** Status updates every interval from the stakeholder notice until the lockout is resolved. */
export async function runStatusUpdates(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  const { statusUpdates } = state.status;
  const resolved = () => state.status.resolution !== null;
  await condition(() => isSettled(lockoutMilestone(state, 'stakeholder-notice')) || resolved());
  while (!resolved()) {
    const nextAtMs = Date.now() + state.timing.statusUpdateIntervalMs;
    statusUpdates.nextAt = new Date(nextAtMs).toISOString();
    ctx.publish();
    if (await ctx.waitUntil(resolved, nextAtMs)) break;
    await ctx.gate('status-update');
    if (resolved()) break;
    const sequence = statusUpdates.sent + 1;
    const summary = await ctx.notify(`status-update:${sequence}`, 'stakeholders', 'lockout-status-update', {
      params: {
        sequence: String(sequence),
        nextAt: new Date(Date.now() + state.timing.statusUpdateIntervalMs).toISOString(),
        ...(statusUpdates.approvedText ? { approvedText: statusUpdates.approvedText.text } : {}),
      },
    });
    statusUpdates.sent = sequence;
    await ctx.audit('status-update.sent', 'herald', { sequence, ...summary });
  }
  statusUpdates.nextAt = null;
  ctx.publish();
}

/** After resolution: the resolution notice to stakeholders and on-call, then the post-incident report. */
export async function runResolution(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  await condition(() => state.status.resolution !== null);
  const resolution = state.status.resolution;
  if (resolution === null) return;
  await ctx.gate('resolution-notice');
  const params = { rootCause: resolution.rootCause, resolvedAt: resolution.at };
  const toStakeholders = await ctx.notify('resolution-notice', 'stakeholders', 'lockout-resolution', { params });
  const toOnCall = await ctx.notify('resolution-notice:on-call', 'on-call', 'lockout-resolution', { params });
  if (toStakeholders.reached + toOnCall.reached > 0) ctx.complete('resolution-notice', Date.now());
  await ctx.audit('milestone.resolution-notice.sent', 'herald', { stakeholders: toStakeholders, onCall: toOnCall });
  ctx.publish();
  await sendReport(ctx, 'post-incident-report', 'post-incident-report');
}

async function sendReport(ctx: LockoutContext, id: LockoutMilestoneId, kind: LockoutReportKind): Promise<void> {
  const { state } = ctx;
  if (lockoutMilestone(state, id).state === 'skipped') return;
  const result = await activities.generateLockoutReport({
    kind,
    incident: state.incident,
    status: state.status,
    generatedAt: ctx.nowIso(),
  });
  ctx.addDeliveries(result.delivery);
  if (result.delivery.reached > 0) ctx.complete(id, Date.now());
  await ctx.audit(`milestone.${id}.sent`, 'herald', { sha256: result.sha256, ...result.delivery });
  ctx.publish();
}

export function cadenceWords(ms: number): string {
  const hours = ms / 3_600_000;
  return hours === 1 ? 'hour' : hours >= 1 ? `${hours} hours` : `${Math.round(ms / 60_000)} minutes`;
}
