/**
 * A procedure's first page (the ops alert, the technical alert) waits for nothing the law does
 * not need before it: the start's audit entry and the worker's keys for verifying actions go
 * beside it (patched 'first-page-first-2'). Two things keep that safe:
 *
 * - The chain's order. The page's activity appends its own `delivery.sent` entries, so it carries
 *   the outbox's entries not yet confirmed written (the start's entry first) and appends them
 *   before its own; appending is idempotent on the entry id, so whichever of the page and the
 *   outbox's writer gets there first, the start's entry stays the procedure's first in the chain.
 * - Closing in the procedure's first moments. A first page is abandoned, not cancelled, when the
 *   procedure closes: the workflow never asks the server to cancel it. Asking raced with the page
 *   completing in the same workflow task, which the time-skipping test server refuses
 *   (ACTIVITY_UNKNOWN, temporalio/sdk-typescript#1058) and hung tests on; the real server takes
 *   it. Abandoning loses nothing: the send does not heed cancellation anyway (it finishes the
 *   contacts it started), and the delivery ledger keeps it to one message per person and channel.
 */
import { ActivityCancellationType, patched } from '@temporalio/workflow';
import type { ActivityFunctionWithOptions } from '@temporalio/workflow';
import { activities } from './activity-proxies.ts';
import { inBackground } from './background.ts';
import { loadIdentity } from './identity.ts';
import type { CoreState } from './procedure-context.ts';

/**
 * Added after the first release. A new name: 'first-page-first' was shipped once (3f55eb4) and
 * withdrawn (75acdc8), so procedures started then may carry its marker with the first page's
 * audit entries unordered and its cancellation sent.
 */
export const FIRST_PAGE_FIRST_PATCH = 'first-page-first-2';

type StartCtx = Parameters<typeof loadIdentity>[0] & { state: Pick<CoreState, 'firstPageFirst'> };

/** The start's audit entry written and the keys loaded: awaited (before the patch) or beside the tracks. */
export async function afterStartEntry(ctx: StartCtx, started: Promise<void>): Promise<void> {
  // Read once here: a later first call on a procedure begun before the patch would answer true.
  ctx.state.firstPageFirst = patched(FIRST_PAGE_FIRST_PATCH);
  if (ctx.state.firstPageFirst) {
    inBackground(started);
    if (ctx.state.identity) inBackground(activities.actorKeys().then((keys) => loadIdentity(ctx, keys)));
    return;
  }
  if (ctx.state.identity) {
    // The worker's keys beside the start's audit entry, so the first page waits for nothing more.
    const [, keys] = await Promise.all([started, activities.actorKeys()]);
    await loadIdentity(ctx, keys);
  } else {
    await started;
  }
}

/** The audit entries a first page appends before its own: those its procedure has not seen written. */
export function entriesBeforeFirstPage(
  state: Pick<CoreState, 'auditOutbox'>,
): NonNullable<CoreState['auditOutbox']>['pending'] {
  return [...(state.auditOutbox?.pending ?? [])];
}

/** Calls a send activity; a first page's (it carries `auditFirst`) is abandoned when the procedure closes. */
export function callSend<I extends { auditFirst?: unknown[] }, R>(
  send: ActivityFunctionWithOptions<(input: I) => Promise<R>>,
  input: I,
): Promise<R> {
  if (input.auditFirst === undefined) return send(input);
  return send.executeWithOptions({ cancellationType: ActivityCancellationType.ABANDON }, [input]);
}
