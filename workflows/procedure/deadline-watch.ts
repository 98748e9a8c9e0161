/** Watches one milestone's deadline: still pending when it passes → missed, audited, escalated. */
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

export async function watchDeadline(
  ctx: ProcedureContextBase<CoreState, 'deadline-missed'>,
  id: string,
): Promise<void> {
  const dueAt = ctx.milestone(id).dueAt;
  if (dueAt === null) return;
  const done = await ctx.waitUntil(() => ctx.milestone(id).state !== 'pending', Date.parse(dueAt));
  if (done || !ctx.markMissed(id)) return;
  ctx.publish();
  await ctx.audit('milestone.missed', 'herald', { milestone: id, dueAt });
  await ctx.gate(id);
  const summary = await ctx.notify(`${id}:deadline-missed`, 'deadline-escalation', 'deadline-missed', {
    params: { milestone: id, title: ctx.milestone(id).title, dueAt },
  });
  await ctx.audit('escalation.deadline-missed', 'herald', { milestone: id, dueAt, ...summary });
}
