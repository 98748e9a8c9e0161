/** The activity stubs every procedure uses, with one retry policy for each kind of call. */
import { proxyActivities } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import { PERMANENT_FAILURE_TYPES } from '../domain/blocked.ts';

/** Errors no retry can fix: configuration or input problems the activity reports. */
export const NON_RETRYABLE = ['InvalidRecipient', ...PERMANENT_FAILURE_TYPES];

/** Sends and audit appends: short calls, retried until they succeed or a deadline watch notices. */
export const activities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** Long, heartbeating calls: retried with a slow backoff, resumable from their heartbeat cursor. */
export const BATCH_OPTIONS = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
} as const satisfies ActivityOptions;

/** CRM snapshots and fan-out batches. */
export const batchActivities = proxyActivities<HeraldActivities>(BATCH_OPTIONS);

/**
 * The same short calls, giving up after a few attempts: for procedures that fall back to another
 * channel when a provider keeps failing, rather than waiting for it to recover.
 */
export const boundedActivities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '20 seconds',
    maximumAttempts: 4,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/**
 * One channel of a notice (DESIGN convention 17): a few quick attempts, then the step owns the
 * failure (workflows/procedure/step.ts) — retried with backoff, or blocked — while the other
 * channels and every deadline watch run on.
 */
export const stepActivities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** The innermost message of a failure (an activity's cause), at most 300 characters, for audits and reports. */
export function failureMessage(err: unknown): string {
  let inner: unknown = err;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return (inner instanceof Error ? inner.message : String(inner)).slice(0, 300);
}

/**
 * A send without the ledger while the store is down (notice.ts): one attempt only, so Temporal
 * runs it at most once; the procedure never schedules it again.
 */
export const directActivities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 1 },
});
