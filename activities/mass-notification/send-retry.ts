/**
 * What a failed provider call means for the next attempt inside a batch activity. A batch cannot
 * leave its whole page to Temporal's retry for every failed call (20 % of calls failing would
 * retry a 1,000-recipient page hundreds of times), so calls are retried within the page, a few times:
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
  /** `answered`: the provider replied (a 5xx), so no request of ours is still on its way. */
  | { kind: 'ambiguous'; answered: boolean }
  | { kind: 'fatal' };

export function classifyFailure(err: unknown): FailureKind {
  if (!(err instanceof ApplicationFailure)) return { kind: 'ambiguous', answered: hasHttpStatus(err) };
  if (err.type === PROVIDER_FAILURE_TYPES.invalidRecipient) return { kind: 'invalid-recipient', message: err.message };
  if (err.type === PROVIDER_FAILURE_TYPES.rateLimited) {
    const delay: unknown = err.nextRetryDelay;
    return { kind: 'rate-limited', delayMs: typeof delay === 'number' ? delay : 1_000 };
  }
  return err.nonRetryable ? { kind: 'fatal' } : { kind: 'ambiguous', answered: false };
}

/** Twilio's RestException carries `status`, SendGrid's ResponseError `code`, both the HTTP status. */
function hasHttpStatus(err: unknown): boolean {
  const e = err as { status?: unknown; code?: unknown } | null;
  return typeof e?.status === 'number' || typeof e?.code === 'number';
}

/**
 * Backoff before the n-th retry of an ambiguous failure: 250 ms doubling, at most 8 s. When the
 * provider never answered (time-out, dropped socket), never less than the call's own deadline, so
 * the lookup that follows does not run ahead of a request still being served (seen under load: a
 * duplicate). A 5xx answer ends the request: no such wait.
 */
export function ambiguousBackoffMs(attempt: number, failure: FailureKind, providerTimeoutMs = 0): number {
  const backoff = Math.min(8_000, 250 * 2 ** (attempt - 1));
  return failure.kind === 'ambiguous' && !failure.answered ? Math.max(providerTimeoutMs, backoff) : backoff;
}

/** The short delay before a send the provider answered with a failure (a 5xx) goes again. */
export const ANSWERED_RETRY_MS = 100;

/**
 * When one SMS that failed ambiguously may go again: after a short fixed delay when the provider
 * answered, never before the call's own deadline when it did not (the lookup must not run ahead
 * of a request still being served). No per-message doubling: the person waits back in line
 * without holding a lane, and a provider in trouble is backed off as a whole by its pacer.
 */
export function retryDelayMs(failure: FailureKind, providerTimeoutMs = 0): number {
  return failure.kind === 'ambiguous' && !failure.answered
    ? Math.max(providerTimeoutMs, ANSWERED_RETRY_MS)
    : ANSWERED_RETRY_MS;
}
