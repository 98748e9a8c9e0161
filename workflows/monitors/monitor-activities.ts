/** Activity stubs of the scheduled monitors: bounded retries, so one run ends and the next tries again. */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import { NON_RETRYABLE } from '../procedure/activity-proxies.ts';

/** One check of one credential: a few quick attempts; a check that keeps failing is "unreachable". */
export const checks = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** Warnings, lockout openings, audit appends: retried for a few minutes; the ledger dedupes. */
export const actions = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** The CRM read of the contact snapshot: long, heartbeating. */
export const crmReads = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 5,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** The innermost message of an activity failure, for reports (never contains addresses). */
export function failureMessage(err: ActivityFailure): string {
  let cause: Error | undefined = err;
  while (cause?.cause instanceof Error) cause = cause.cause;
  return cause?.message ?? err.message;
}

export { ActivityFailure };
