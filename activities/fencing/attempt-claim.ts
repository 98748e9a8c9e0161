/**
 * The ledger claim of the running activity attempt: its activity (workflow, run, activity id) is
 * the lineage, Temporal's attempt number orders the attempts, and a fresh token tells this very
 * execution apart from any other (a reset activity starts again at attempt 1).
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { LedgerClaim } from '../ports.ts';

/** Failure type of an attempt that lost its claim to a later one (or to a lease that ran out). */
export const ATTEMPT_FENCED = 'AttemptFenced';

/** The claim of the current activity attempt; outside an activity, a one-off lineage. */
export function attemptClaim(leaseMs: number): LedgerClaim {
  const token = randomUUID();
  try {
    const { workflowExecution, activityId, attempt } = Context.current().info;
    return {
      token,
      lineage: `${workflowExecution?.workflowId ?? '-'}/${workflowExecution?.runId ?? '-'}/${activityId}`,
      attempt,
      leaseMs,
    };
  } catch {
    return { token, lineage: `process/${token}`, attempt: 1, leaseMs };
  }
}

/**
 * Ends an attempt that may no longer send: retryable, since a lease lost to a slow renewal is no
 * reason to give up the page; a superseded attempt's result is discarded by Temporal anyway.
 */
export function attemptFenced(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ATTEMPT_FENCED, message: `attempt fenced out: ${reason}` });
}
