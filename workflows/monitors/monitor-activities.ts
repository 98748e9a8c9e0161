/** Activity stubs of the scheduled monitors: bounded retries, so one run ends and the next tries again. */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import { BATCH_OPTIONS, failureMessage, NON_RETRYABLE } from '../procedure/activity-proxies.ts';

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

/** The CRM read of the contact snapshot: the batch options, giving up after a few attempts. */
export const crmReads = proxyActivities<HeraldActivities>({
  ...BATCH_OPTIONS,
  retry: { ...BATCH_OPTIONS.retry, maximumAttempts: 5 },
});

export { ActivityFailure, failureMessage };
