/** A page's pacer on its provider account's shared schedule, when the store keeps one. */
import type { ActivityDeps } from '../deps.ts';
import { RatePacer } from './rate-pacer.ts';

/**
 * The pacer of a page sending through `channel`'s provider at `perSecond`: the account's rate is
 * shared with every other page of every procedure (deps.rates), so two mass notifications at once
 * send at the account's rate together, not each at all of it.
 */
export function accountPacer(
  deps: Pick<ActivityDeps, 'rates' | 'fanout'>,
  channel: 'email' | 'sms',
  perSecond: number,
  wait: (ms: number) => Promise<void>,
): RatePacer {
  const { rates } = deps;
  const account = deps.fanout?.rateAccounts?.[channel] ?? channel;
  return new RatePacer(perSecond, {
    wait,
    ...(rates
      ? { shared: { reserve: (n, ms) => rates.reserve(account, n, ms), pause: (ms) => rates.pause(account, ms) } }
      : {}),
  });
}
