/**
 * A failed provider attempt, in the audit trail: a short outage that the activity's retries ride
 * out leaves a trace (the drill report counts these), where otherwise only the final outcome would.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityDeps } from './deps.ts';
import type { DeliveryKey } from './ports.ts';

/** The current activity's attempt, or 1 outside an activity (direct calls in tests). */
function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

/** The failure's class and HTTP status, never its message: a provider may echo the address back. */
function failureFacts(err: unknown): { failureType: string; status?: number } {
  const failureType =
    err instanceof ApplicationFailure
      ? (err.type ?? 'ApplicationFailure')
      : err instanceof Error
        ? err.name
        : typeof err;
  const raw = err as { code?: unknown; status?: unknown; statusCode?: unknown };
  const status = [raw.code, raw.status, raw.statusCode].find((v): v is number => typeof v === 'number');
  return { failureType, ...(status === undefined ? {} : { status }) };
}

/**
 * Audits that this attempt's send for `key` failed (`delivery.attempt-failed`), once per attempt.
 * Never throws: the send's own error is what the caller rethrows.
 */
export async function auditFailedAttempt(deps: ActivityDeps, key: DeliveryKey, err: unknown): Promise<void> {
  if (err instanceof CancelledFailure) return; // the procedure stopped the step: no provider failed
  const attempt = currentAttempt();
  await deps.audit
    .append({
      entryId: `delivery:${key.incidentId}/${key.milestone}/${key.recipientId}/${key.channel}:attempt-${attempt}:failed`,
      incidentId: key.incidentId,
      type: 'delivery.attempt-failed',
      actor: 'herald',
      at: new Date().toISOString(),
      data: {
        milestone: key.milestone,
        recipientId: key.recipientId,
        channel: key.channel,
        attempt,
        ...failureFacts(err),
      },
    })
    .catch(() => undefined);
}
