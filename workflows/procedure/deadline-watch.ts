/**
 * Watches one milestone's deadline, and is the one place a miss is recorded: still pending when it
 * passes → missed; or completed after it (by the provider's acceptance time) → missed too. Either
 * way the miss is audited and escalated.
 */
import { deliveryCounts } from '../domain/delivery.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

export async function watchDeadline(
  ctx: ProcedureContextBase<CoreState, 'deadline-missed'>,
  id: string,
): Promise<void> {
  const dueAt = ctx.milestone(id).dueAt;
  if (dueAt === null) return;
  const done = await ctx.waitUntil(() => ctx.milestone(id).state !== 'pending', Date.parse(dueAt));
  if (ctx.state.resilient) {
    if (!done) ctx.markMissed(id);
    if (ctx.milestone(id).state !== 'missed') return;
  } else if (done || !ctx.markMissed(id)) return;
  ctx.publish();
  const completedAt = ctx.milestone(id).completedAt;
  await ctx.audit('milestone.missed', 'herald', { milestone: id, dueAt, ...(completedAt ? { completedAt } : {}) });
  await ctx.gate(id);
  const escalation = { milestone: id, dueAt };
  const send = () =>
    ctx.notify(`${id}:deadline-missed`, 'deadline-escalation', 'deadline-missed', {
      params: { ...escalation, title: ctx.milestone(id).title },
    });
  if (!ctx.state.resilient) {
    const summary = await send();
    await ctx.audit('escalation.deadline-missed', 'herald', { ...escalation, ...deliveryCounts(summary) });
    return;
  }
  // Recorded when raised: its deliveries are audited one by one, however long a channel takes.
  await ctx.audit('escalation.deadline-missed', 'herald', { ...escalation, ledgerMilestone: `${id}:deadline-missed` });
  await send();
}
