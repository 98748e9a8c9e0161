/**
 * The operator's `retry`: the steps a failing service holds up try again now, instead of at the
 * next re-check (after a key was rotated, an address fixed, a quota raised). One rule for both
 * procedures, as a Signal and as an Update.
 */
import type { Service } from '../domain/blocked.ts';
import type { RetryAction } from '../domain/operator-actions.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

/**
 * Why `retry` has nothing to do, or null. `waiting` names services something waits on besides
 * the blocked list (e.g. a notice every address refused, waiting to be sent again).
 */
export function retryProblem(state: CoreState, action: RetryAction, waiting: readonly Service[] = []): string | null {
  if (!state.resilient) return 'this procedure began before failing services could be retried; nothing waits on one';
  const held = [...new Set([...(state.status.blocked ?? []).map((b) => b.service), ...waiting])];
  if (held.length === 0) return 'nothing is blocked or waiting to be sent again';
  if (action.service !== undefined && !held.includes(action.service)) {
    return `nothing waits on ${action.service}; waiting: ${held.join(', ')}`;
  }
  return null;
}

/** Releases the service (or all), so its steps try again now; returns the audit entry's data. */
export async function applyRetry(
  ctx: ProcedureContextBase<CoreState, string>,
  action: RetryAction,
): Promise<Record<string, unknown>> {
  const released = await ctx.blockages.unblock(action.service, action.actor.id, action.note ?? 'operator retry');
  return { service: action.service ?? 'all', released, note: action.note };
}
