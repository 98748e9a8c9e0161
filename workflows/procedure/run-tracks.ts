/**
 * Runs a procedure's tracks to the end: all of them completing ends it as `completed`; an operator
 * closing it cancels every track at once and ends it as `closed`. Either way the end is audited
 * and published, and open handlers finish before the workflow returns. Each track is guarded: a
 * failure of the world it meets is its own (see guard-track.ts), never the procedure's end.
 */
import { CancellationScope, allHandlersFinished, condition, isCancellation } from '@temporalio/workflow';
import { auditDrained } from './audit-outbox.ts';
import { guardTrack } from './guard-track.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

/** Runs one named track under the safety net. */
export type Guard = (name: string, run: () => Promise<unknown>) => Promise<void>;

export async function runTracks(
  ctx: ProcedureContextBase<CoreState & { status: { closedReason?: string } }, string>,
  tracks: (guard: Guard) => Promise<unknown>,
  completionSummary: () => Record<string, unknown>,
): Promise<void> {
  const { status } = ctx.state;
  const scope = new CancellationScope();
  const running: Promise<void>[] = [];
  const all = scope.run(() =>
    tracks((name, run) => {
      const track = guardTrack(ctx, name, run);
      running.push(track);
      return track;
    }),
  );
  await Promise.race([all, condition(() => status.phase === 'closed')]);
  if (status.phase === 'closed') {
    scope.cancel();
    // Every track winds down (a page in flight stops) before the procedure reports itself closed.
    await Promise.allSettled(running);
    await all.catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    await ctx.audit('procedure.closed', 'herald', { reason: status.closedReason });
  } else {
    status.phase = 'completed';
    await ctx.audit('procedure.completed', 'herald', completionSummary());
  }
  ctx.publish();
  await condition(allHandlersFinished);
  // Entries held while the store was down are written before the procedure ends.
  if (ctx.state.auditOutbox) await auditDrained(ctx.state.auditOutbox);
}
