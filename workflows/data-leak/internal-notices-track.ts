/**
 * Stakeholder notice (≤ 60 min) and the formal compliance status report (≤ 4 h). The report waits
 * until the alert is acknowledged and stakeholders are told, or until shortly before its deadline.
 * Each is met by the provider's acceptance for at least one of its recipients.
 */
import { deliveryCounts } from '../domain/delivery.ts';
import { sendNotice } from '../procedure/notice.ts';
import { stepActivities } from '../procedure/activity-proxies.ts';
import type { ProcedureContext } from './context.ts';
import { activities } from './context.ts';
import { completeMilestone, isSettled, milestone } from './state.ts';

export async function runStakeholderNotice(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const skipped = () => milestone(state, 'stakeholder-notice').state === 'skipped';
  await ctx.gate('stakeholder-notice');
  if (skipped()) return;
  const { total } = state.status.affectedPeople;
  const params = {
    authorityNoticeDueAt: milestone(state, 'authority-notice').dueAt ?? '',
    ...(total !== null ? { affectedPeople: String(total) } : {}),
  };
  if (state.resilient) {
    await ctx.notify('stakeholder-notice', 'stakeholders', 'stakeholder-notice', {
      params,
      completes: 'stakeholder-notice',
      stop: skipped,
    });
    return;
  }
  const summary = await ctx.notify('stakeholder-notice', 'stakeholders', 'stakeholder-notice', { params });
  if (summary.reached > 0) completeMilestone(state, 'stakeholder-notice', Date.now());
  await ctx.audit('milestone.stakeholder-notice.sent', 'herald', { ...deliveryCounts(summary) });
  ctx.publish();
}

export async function runComplianceReport(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const report = () => milestone(state, 'compliance-report');
  const ready = () =>
    (state.status.acknowledgement !== null || milestone(state, 'ops-alert').state === 'skipped') &&
    isSettled(milestone(state, 'stakeholder-notice'));
  const requested = () => state.sendNow.includes('compliance-report');
  await ctx.waitUntil(
    () => ready() || requested() || report().state === 'skipped',
    ctx.dueMs('compliance-report') - state.timing.reportLeadMs,
  );
  await ctx.gate('compliance-report');
  if (report().state === 'skipped') return;
  const input = { incidentId: ctx.incidentId, incident: state.incident, generatedAt: ctx.nowIso(), version: 1 };
  if (state.resilient) {
    // Each channel its own step; the first renders and stores the report, the other sends that text.
    const stored: { sha256?: string } = {};
    await sendNotice(ctx, {
      key: 'compliance-report:v1',
      audience: 'compliance',
      send: async (channel) => {
        const result = await stepActivities.generateComplianceReport({
          ...input,
          status: state.status,
          channels: [channel],
        });
        stored.sha256 ??= result.sha256;
        return result.delivery;
      },
      completes: 'compliance-report',
      stop: () => report().state === 'skipped',
    });
    await ctx.audit('compliance-report.stored', 'herald', { version: 1, sha256: stored.sha256 });
    return;
  }
  const result = await activities.generateComplianceReport({ ...input, status: state.status });
  ctx.addDeliveries(result.delivery);
  if (result.delivery.reached > 0) completeMilestone(state, 'compliance-report', Date.now());
  await ctx.audit('milestone.compliance-report.sent', 'herald', {
    version: result.version,
    sha256: result.sha256,
    ...deliveryCounts(result.delivery),
  });
  ctx.publish();
}
