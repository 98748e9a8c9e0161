/** The legal clocks Herald meets itself, by its own accepted notice (see HERALD_SENT_CLOCKS). */
import { meetClock } from '../procedure/legal-clock-state.ts';
import type { ProcedureContext } from './context.ts';

/** Meets the clock at the acceptance time, when the procedure enforces clocks and has it. */
export async function meetHeraldClock(ctx: ProcedureContext, clockId: string, atMs: number): Promise<void> {
  const { state } = ctx;
  if (!state.enforcedClocks) return;
  const clocks = state.status.legalClocks ?? [];
  if (!meetClock(clocks, clockId, atMs)) return;
  ctx.publish();
  const clock = clocks.find((c) => c.id === clockId);
  await ctx.audit('legal-clock.met', 'herald', {
    clock: clockId,
    metAt: clock?.metAt,
    state: clock?.state,
    by: 'herald',
  });
}
