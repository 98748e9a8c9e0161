/**
 * A procedure's first page (the ops alert, the technical alert) waits for nothing the law does
 * not need before it: the start's audit entry, the worker's keys for verifying actions and the
 * directory's ladder go beside it. The audit outbox keeps the start's entry first in the chain.
 */
import { patched } from '@temporalio/workflow';
import { activities } from './activity-proxies.ts';
import { inBackground } from './background.ts';
import { loadIdentity } from './identity.ts';

/** Added after the first release: procedures started before it wait for the audit write and the keys. */
export const FIRST_PAGE_FIRST_PATCH = 'first-page-first';

/** The start's audit entry written and the keys loaded: awaited (before the patch) or beside the tracks. */
export async function afterStartEntry(ctx: Parameters<typeof loadIdentity>[0], started: Promise<void>): Promise<void> {
  const identityLoaded = ctx.state.identity
    ? activities.actorKeys().then((keys) => loadIdentity(ctx, keys))
    : Promise.resolve();
  if (patched(FIRST_PAGE_FIRST_PATCH)) {
    inBackground(started);
    inBackground(identityLoaded);
    return;
  }
  await Promise.all([started, identityLoaded]);
}
