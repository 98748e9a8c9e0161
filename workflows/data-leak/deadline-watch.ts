/** Watches one milestone's deadline: still pending when it passes → missed, audited, escalated. */
import type { MilestoneId } from '../domain/policy.ts';
import type { ProcedureContext } from './context.ts';
import { markMissed, milestone } from './state.ts';

export async function watchDeadline(ctx: ProcedureContext, id: MilestoneId): Promise<void> {
  const { state } = ctx;
  const dueAt = milestone(state, id).dueAt;
  if (dueAt === null) return;
  const done = await ctx.waitUntil(() => milestone(state, id).state !== 'pending', Date.parse(dueAt));
  if (done || !markMissed(state, id)) return;
  ctx.publish();
  await ctx.audit('milestone.missed', 'herald', { milestone: id, dueAt });
  await ctx.gate(id);
  const summary = await ctx.notify(`${id}:deadline-missed`, 'deadline-escalation', 'deadline-missed', {
    params: { milestone: id, title: milestone(state, id).title, dueAt },
  });
  await ctx.audit('escalation.deadline-missed', 'herald', { milestone: id, dueAt, ...summary });
}
