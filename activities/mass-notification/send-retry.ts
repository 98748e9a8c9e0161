/**
 * What a failed provider call means for the next attempt inside a batch activity. A batch cannot
 * leave its whole page to Temporal's retry for every failed call (20 % of calls failing would
 * retry a 1,000-recipient page hundreds of times), so calls are retried in place, a few times:
 * - refused for good (invalid recipient) → recorded as failed, never retried;
 * - rate limited → wait until the provider's reset, then again (not sent: nothing to reconcile);
 * - anything else (5xx, time-out, dropped socket) → ambiguous: the provider may have accepted the
 *   message, so it is looked up before it is sent again.
 * Configuration problems (bad key, rejected request) fail the activity at once.
 */
import { ApplicationFailure } from '@temporalio/common';
import { PROVIDER_FAILURE_TYPES } from '../providers/errors.ts';

/** Ambiguous failures of one call before the activity gives up and Temporal retries it. */
export const MAX_AMBIGUOUS_ATTEMPTS = 6;
/** Rate-limit answers of one call before the activity gives up. */
export const MAX_RATE_LIMITED_ATTEMPTS = 30;

export type FailureKind =
  | { kind: 'invalid-recipient'; message: string }
  | { kind: 'rate-limited'; delayMs: number }
  | { kind: 'ambiguous' }
  | { kind: 'fatal' };

export function classifyFailure(err: unknown): FailureKind {
  if (!(err instanceof ApplicationFailure)) return { kind: 'ambiguous' };
  if (err.type === PROVIDER_FAILURE_TYPES.invalidRecipient) return { kind: 'invalid-recipient', message: err.message };
  if (err.type === PROVIDER_FAILURE_TYPES.rateLimited) {
    const delay: unknown = err.nextRetryDelay;
    return { kind: 'rate-limited', delayMs: typeof delay === 'number' ? delay : 1_000 };
  }
  return err.nonRetryable ? { kind: 'fatal' } : { kind: 'ambiguous' };
}

/**
 * Backoff before the n-th retry of an ambiguous failure: 250 ms doubling, at most 8 s, and never
 * less than the provider call's own deadline, so the lookup that follows does not run ahead of a
 * request that timed out on our side but is still being served (seen under load: a duplicate).
 */
export function ambiguousBackoffMs(attempt: number, providerTimeoutMs = 0): number {
  return Math.max(providerTimeoutMs, Math.min(8_000, 250 * 2 ** (attempt - 1)));
}
