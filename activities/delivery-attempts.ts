/**
 * A failed provider attempt, in the audit trail: a short outage that the activity's retries ride
 * out leaves a trace (the drill report counts these), where otherwise only the final outcome would.
 * Each attempt per recipient is also kept in the store's attempt-failure log (the drill report
 * lists the affected people's one by one).
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityDeps } from './deps.ts';
import type { AttemptFailureFacts } from './store/attempt-failures.ts';
import type { ProviderFailureDetails } from './providers/errors.ts';
import type { DeliveryGroup, DeliveryKey } from './ports.ts';

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

/** The provider a channel's sends go to, when the failure does not say (a transient SDK error). */
const PROVIDER_OF_CHANNEL: Record<string, string> = { email: 'SendGrid', sms: 'Twilio', chat: 'ChatWebhook' };

/** The failure's facts with the provider and its code from a classified failure's details. */
function attemptFacts(err: unknown, channel: string): Omit<AttemptFailureFacts, 'at'> {
  const { failureType, status } = failureFacts(err);
  const details = (err instanceof ApplicationFailure ? err.details?.[0] : undefined) as
    Partial<ProviderFailureDetails> | undefined;
  const code = details?.code;
  const detailStatus = typeof details?.status === 'number' ? details.status : undefined;
  const anyStatus = status ?? detailStatus;
  return {
    provider: typeof details?.provider === 'string' ? details.provider : (PROVIDER_OF_CHANNEL[channel] ?? channel),
    failureType,
    ...(anyStatus === undefined ? {} : { status: anyStatus }),
    ...(code === undefined ? {} : { code: String(code) }),
  };
}

/**
 * Keeps, per recipient, that the attempt made at `at` for `recipientIds` of `group` failed with
 * `err` (class, status and provider code; never the message). Never throws: the send's own
 * outcome is what counts, this is its record.
 */
export async function recordFailedAttempt(
  deps: Pick<ActivityDeps, 'attemptFailures'>,
  group: DeliveryGroup,
  recipientIds: readonly string[],
  err: unknown,
  at: string,
): Promise<void> {
  if (err instanceof CancelledFailure || !deps.attemptFailures) return;
  await deps.attemptFailures
    .record(group, recipientIds, { ...attemptFacts(err, group.channel), at })
    .catch(() => undefined);
}
