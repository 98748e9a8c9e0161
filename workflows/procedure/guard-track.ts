/**
 * The safety net under every track (DESIGN convention 14): an activity or child-workflow failure
 * that escapes a track's own steps is audited as `track.failed`, paged to ops once, and the track
 * runs again once the re-check interval passes or an operator sends `retry` (tracks are safe to
 * rerun: every send goes through the delivery ledger). A bug in workflow code is not caught: it
 * fails the workflow task, which is retried after a fix, and never ends the run.
 */
import { condition } from '@temporalio/workflow';
import { classifyFailure } from './failures.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

export async function guardTrack(
  ctx: ProcedureContextBase<CoreState, string>,
  name: string,
  run: () => Promise<unknown>,
): Promise<void> {
  for (let failures = 0; ; failures++) {
    try {
      await run();
      if (failures > 0) await ctx.audit('track.resumed', 'herald', { track: name, after: failures });
      return;
    } catch (err) {
      const failure = classifyFailure(err);
      await ctx.audit('track.failed', 'herald', { track: name, failureType: failure.type, cause: failure.message });
      const step = `track:${name}`;
      await ctx.blockages.failed('procedure', step, { ...failure, permanent: true }, failures === 0);
      await condition(() => !ctx.blockages.isBlocked('procedure'));
      ctx.blockages.leave('procedure', step);
    }
  }
}
