/**
 * The lockout's communication tracks: technical alert (≤ 15 min, escalating until acknowledged),
 * stakeholder notice (≤ 60 min), compliance report (≤ 4 h), status updates at a cadence until
 * resolution, then the resolution notice and the post-incident report.
 */
import { condition } from '@temporalio/workflow';
import { runAckEscalation } from '../procedure/ack-escalation.ts';
import { deliveryCounts } from '../domain/delivery.ts';
import { activities, stepActivities } from '../procedure/activity-proxies.ts';
import { inBackground } from '../procedure/background.ts';
import { sendNotice } from '../procedure/notice.ts';
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
  const skipped = () => lockoutMilestone(state, 'stakeholder-notice').state === 'skipped';
  await ctx.gate('stakeholder-notice');
  if (skipped()) return;
  const params = { cadence: cadenceWords(state.timing.statusUpdateIntervalMs / state.timeScale) };
  if (state.resilient) {
    await ctx.notify('stakeholder-notice', 'stakeholders', 'lockout-stakeholder-notice', {
      params,
      completes: 'stakeholder-notice',
      stop: skipped,
    });
    return;
  }
  const summary = await ctx.notify('stakeholder-notice', 'stakeholders', 'lockout-stakeholder-notice', { params });
  if (summary.reached > 0) ctx.complete('stakeholder-notice', Date.now());
  await ctx.audit('milestone.stakeholder-notice.sent', 'herald', { ...deliveryCounts(summary) });
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
    const params = {
      sequence: String(sequence),
      nextAt: new Date(Date.now() + state.timing.statusUpdateIntervalMs).toISOString(),
      ...(statusUpdates.approvedText ? { approvedText: statusUpdates.approvedText.text } : {}),
    };
    if (state.resilient) {
      // Each update in the background: one that cannot get out is dropped once the next one is due.
      statusUpdates.sent = sequence;
      await ctx.audit('status-update.sent', 'herald', { sequence, ledgerMilestone: `status-update:${sequence}` });
      const superseded = () => statusUpdates.sent > sequence || resolved();
      inBackground(
        ctx
          .notify(`status-update:${sequence}`, 'stakeholders', 'lockout-status-update', { params, stop: superseded })
          .then(() => undefined),
      );
      continue;
    }
    const summary = await ctx.notify(`status-update:${sequence}`, 'stakeholders', 'lockout-status-update', {
      params,
    });
    statusUpdates.sent = sequence;
    await ctx.audit('status-update.sent', 'herald', { sequence, ...deliveryCounts(summary) });
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
  if (state.resilient) {
    const extra = { params, completes: 'resolution-notice' };
    await Promise.all([
      ctx.notify('resolution-notice', 'stakeholders', 'lockout-resolution', extra),
      ctx.notify('resolution-notice:on-call', 'on-call', 'lockout-resolution', extra),
    ]);
    await sendReport(ctx, 'post-incident-report', 'post-incident-report');
    return;
  }
  const toStakeholders = await ctx.notify('resolution-notice', 'stakeholders', 'lockout-resolution', { params });
  const toOnCall = await ctx.notify('resolution-notice:on-call', 'on-call', 'lockout-resolution', { params });
  if (toStakeholders.reached + toOnCall.reached > 0) ctx.complete('resolution-notice', Date.now());
  await ctx.audit('milestone.resolution-notice.sent', 'herald', {
    stakeholders: deliveryCounts(toStakeholders),
    onCall: deliveryCounts(toOnCall),
  });
  ctx.publish();
  await sendReport(ctx, 'post-incident-report', 'post-incident-report');
}

async function sendReport(ctx: LockoutContext, id: LockoutMilestoneId, kind: LockoutReportKind): Promise<void> {
  const { state } = ctx;
  const skipped = () => lockoutMilestone(state, id).state === 'skipped';
  if (skipped()) return;
  const input = { kind, incident: state.incident, status: state.status, generatedAt: ctx.nowIso() };
  if (state.resilient) {
    // Each channel its own step; the first renders and stores the report, the other sends that text.
    const stored: { sha256?: string } = {};
    await sendNotice(ctx, {
      key: `${kind}:v1`,
      audience: 'compliance',
      send: async (channel) => {
        const result = await stepActivities.generateLockoutReport({ ...input, channels: [channel] });
        stored.sha256 ??= result.sha256;
        return result.delivery;
      },
      completes: id,
      stop: skipped,
    });
    await ctx.audit(`${kind}.stored`, 'herald', { sha256: stored.sha256 });
    return;
  }
  const result = await activities.generateLockoutReport(input);
  ctx.addDeliveries(result.delivery);
  if (result.delivery.reached > 0) ctx.complete(id, Date.now());
  await ctx.audit(`milestone.${id}.sent`, 'herald', { sha256: result.sha256, ...deliveryCounts(result.delivery) });
  ctx.publish();
}

export function cadenceWords(ms: number): string {
  const hours = ms / 3_600_000;
  return hours === 1 ? 'hour' : hours >= 1 ? `${hours} hours` : `${Math.round(ms / 60_000)} minutes`;
}
