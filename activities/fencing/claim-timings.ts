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
 * Timings for calls with `providerTimeoutMs` deadlines: the lease is two calls long (24 s for the
 * adapters' 10 s), and no shorter. A call starts only with a call's budget of lease left, so when a
 * dead attempt's lease runs out every call it started has passed its deadline and margin, with a
 * call's length to spare for renewals. Nobody looks its people up or sends to them before then
 * (a page leaves them to a later run), so the lease is what a worker's death costs them: it was
 * three calls (36 s) while a page's heartbeat time-out was 30 s, to outlast the retry's start.
 */
export function claimTimings(providerTimeoutMs = DEFAULT_PROVIDER_TIMEOUT_MS, leaseMs?: number): ClaimTimings {
  const callBudgetMs = providerTimeoutMs + Math.max(250, providerTimeoutMs / 5);
  const lease = Math.max(leaseMs ?? 2 * callBudgetMs, 2 * callBudgetMs);
  return { leaseMs: lease, callBudgetMs, renewEveryMs: Math.min(1_000, lease / 4) };
}
