/** How long a claim on delivery keys lasts, and how much of it a provider call needs. */
import { DEFAULT_PROVIDER_TIMEOUT_MS } from '../providers/timeout.ts';

/** The lease of a claim and what a provider call needs of it. */
export interface ClaimTimings {
  /** A claim's lease without renewal. */
  leaseMs: number;
  /**
   * Lease a provider call needs left when it starts: the call's own deadline and a margin, so a
   * call that starts on a valid claim has ended before anyone else may take the key over.
   */
  callBudgetMs: number;
  /** How often a working attempt renews its claim (and learns whether it was fenced out). */
  renewEveryMs: number;
}

/**
 * Timings for calls with `providerTimeoutMs` deadlines: by default the lease is three calls long
 * (36 s for the adapters' 10 s), longer than the page's heartbeat time-out, so a crashed attempt's
 * retry finds it about to run out; a shorter `leaseMs` (tests) is raised to two calls.
 */
export function claimTimings(providerTimeoutMs = DEFAULT_PROVIDER_TIMEOUT_MS, leaseMs?: number): ClaimTimings {
  const callBudgetMs = providerTimeoutMs + Math.max(250, providerTimeoutMs / 5);
  const lease = Math.max(leaseMs ?? 3 * callBudgetMs, 2 * callBudgetMs);
  return { leaseMs: lease, callBudgetMs, renewEveryMs: Math.min(1_000, lease / 4) };
}
