/**
 * A page attempt's claim on its recipients and its waits: the lease from the deployment's provider
 * deadline, the waits heartbeating with the page's own details and ending on cancellation.
 */
import { attemptClaim } from '../fencing/attempt-claim.ts';
import { activityWaits, WAIT_HEARTBEAT_MS } from '../fencing/cancellable-wait.ts';
import { ClaimKeeper } from '../fencing/claim-keeper.ts';
import type { LeftKeys } from '../fencing/claim-keeper.ts';
import { claimTimings } from '../fencing/claim-timings.ts';
import type { ActivityDeps } from '../deps.ts';
import type { DeliveryGroup } from '../ports.ts';

/** The claim keeper of the running page attempt on `group`; `beat` heartbeats its resume cursor. */
export function pageClaim(deps: ActivityDeps, group: DeliveryGroup, beat?: () => void): ClaimKeeper {
  const timings = claimTimings(deps.fanout?.providerTimeoutMs, deps.fanout?.claimLeaseMs);
  return new ClaimKeeper(deps.ledger, group, attemptClaim(timings.leaseMs), timings, activityWaits(beat));
}

/**
 * Runs a page attempt's sends under its claim and lets go after the last provider call. A page
 * that stops ends cancelled when it was cancelled (whatever its lanes met on the way), else with
 * its own error.
 *
 * While it runs, the page heartbeats every second whatever it is doing (a provider call can take
 * 10 s): the heartbeat says the worker is alive, so the page's heartbeat time-out can be short and
 * a killed worker's page is given to another within seconds. Keys in `left()` stay held when it
 * lets go, until the earlier attempt's lease on them ends (ClaimKeeper.release).
 */
export async function runClaimed<T>(
  keeper: ClaimKeeper,
  work: () => Promise<T>,
  left: () => LeftKeys | undefined = () => undefined,
): Promise<T> {
  let result: T;
  const alive = setInterval(() => keeper.waits.beat(), WAIT_HEARTBEAT_MS);
  try {
    result = await work();
  } catch (err) {
    // A release that fails changes nothing for correctness: the lease runs out instead.
    await keeper.release(left()).catch(() => undefined);
    keeper.waits.throwIfCancelled();
    throw err;
  } finally {
    clearInterval(alive);
  }
  await keeper.release(left());
  return result;
}
