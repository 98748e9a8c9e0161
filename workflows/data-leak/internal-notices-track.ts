/**
 * Stakeholder notice (≤ 60 min) and the formal compliance status report (≤ 4 h). The report waits
 * until the alert is acknowledged and stakeholders are told, or until shortly before its deadline.
 */
import type { ProcedureContext } from './context.ts';
import { activities } from './context.ts';
import { completeMilestone, isSettled, milestone } from './state.ts';

export async function runStakeholderNotice(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  await ctx.gate('stakeholder-notice');
  if (milestone(state, 'stakeholder-notice').state === 'skipped') return;
  const { total } = state.status.affectedPeople;
  const summary = await ctx.notify('stakeholder-notice', 'stakeholders', 'stakeholder-notice', {
    params: {
      authorityNoticeDueAt: milestone(state, 'authority-notice').dueAt ?? '',
      ...(total !== null ? { affectedPeople: String(total) } : {}),
    },
  });
  if (summary.reached > 0) completeMilestone(state, 'stakeholder-notice', Date.now());
  await ctx.audit('milestone.stakeholder-notice.sent', 'herald', { ...summary });
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
  const result = await activities.generateComplianceReport({
    incidentId: ctx.incidentId,
    incident: state.incident,
    status: state.status,
    generatedAt: ctx.nowIso(),
    version: 1,
  });
  ctx.addDeliveries(result.delivery);
  if (result.delivery.reached > 0) completeMilestone(state, 'compliance-report', Date.now());
  await ctx.audit('milestone.compliance-report.sent', 'herald', {
    version: result.version,
    sha256: result.sha256,
    ...result.delivery,
  });
  ctx.publish();
}
