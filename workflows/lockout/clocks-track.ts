/**
 * The lockout's legal clocks, enforced (issue 19): recomputed with the organisation's standing
 * facts once the profile is known, then every clock with a due time watched until the crisis plan
 * has run and each clock is met or missed.
 */
import { activities } from '../procedure/activity-proxies.ts';
import { watchLegalClocks } from '../procedure/legal-duties.ts';
import type { LockoutContext } from './context.ts';
import { refreshLockoutClocks } from './state.ts';

export async function runLockoutClocks(ctx: LockoutContext, finished: () => boolean): Promise<void> {
  const { state } = ctx;
  state.profile ??= await activities.organisationProfile();
  const added = refreshLockoutClocks(state);
  ctx.publish();
  if (added.length > 0)
    await ctx.audit('legal-clocks.added', 'herald', { clocks: added, from: 'organisation profile' });
  await watchLegalClocks(ctx, finished);
}
