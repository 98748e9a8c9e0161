/**
 * Ops alert (≤ 15 min): page the on-call ladder's first level by SMS and email, then move one
 * level up every unacknowledged interval. At the top of the ladder it re-pages a bounded number of
 * times, then records that escalation is exhausted.
 */
import { condition } from '@temporalio/workflow';
import type { ProcedureContext } from './context.ts';
import { activities } from './context.ts';
import { completeMilestone, milestone } from './state.ts';

const TOP_LEVEL_REPAGES = 3;

export async function runOpsAlert(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const skipped = () => milestone(state, 'ops-alert').state === 'skipped';
  const acknowledged = () => state.status.acknowledgement !== null;

  await ctx.gate('ops-alert');
  if (skipped()) return;
  const { onCallLevels } = await activities.describeDirectory();
  const first = await ctx.notify('ops-alert:L0', 'on-call', 'ops-alert', { level: 0 });
  if (first.reached > 0) completeMilestone(state, 'ops-alert', Date.now());
  await ctx.audit('milestone.ops-alert.sent', 'herald', { level: 0, ...first });
  ctx.publish();

  let repagesAtTop = 0;
  for (let page = 1; ; page++) {
    const escalateNow = () => state.sendNow.includes('ops-alert');
    await condition(() => acknowledged() || skipped() || escalateNow(), state.timing.ackEscalationIntervalMs);
    if (acknowledged() || skipped()) return;
    state.sendNow = state.sendNow.filter((id) => id !== 'ops-alert');
    const nextLevel = state.status.escalationLevel + 1;
    if (nextLevel < onCallLevels) {
      state.status.escalationLevel = nextLevel;
    } else if (++repagesAtTop > TOP_LEVEL_REPAGES) {
      await ctx.audit('escalation.exhausted', 'herald', { level: state.status.escalationLevel });
      return;
    }
    ctx.publish();
    await ctx.gate('ops-alert');
    if (acknowledged() || skipped()) return;
    const level = state.status.escalationLevel;
    const summary = await ctx.notify(`ops-alert:L${level}:p${page}`, 'on-call', 'ops-escalation', {
      level,
      params: {
        level: String(level),
        unacknowledgedSince: milestone(state, 'ops-alert').completedAt ?? state.incident.detectedAt,
      },
    });
    if (summary.reached > 0 && milestone(state, 'ops-alert').state === 'pending') {
      completeMilestone(state, 'ops-alert', Date.now());
    }
    await ctx.audit('escalation.raised', 'herald', { level, page, ...summary });
  }
}
