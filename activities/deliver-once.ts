/**
 * The exactly-once send: claim the delivery key in the ledger, call the provider, confirm with its
 * message id. A key left reserved by an attempt that crashed or timed out after the provider may
 * have accepted the message is reconciled with the provider before anything is resent; a retried
 * attempt waits out the earlier one's lease first, and the earlier one, fenced out, sends nothing.
 */
import { ApplicationFailure } from '@temporalio/common';
import { attemptClaim } from './fencing/attempt-claim.ts';
import { activityWaits } from './fencing/cancellable-wait.ts';
import type { ActivityWaits } from './fencing/cancellable-wait.ts';
import { ClaimKeeper } from './fencing/claim-keeper.ts';
import { claimTimings } from './fencing/claim-timings.ts';
import type { ClaimTimings } from './fencing/claim-timings.ts';
import type { DeliveryKey, DeliveryLedger, SendReceipt } from './ports.ts';

export type DeliveryOutcome =
  /** Accepted by the provider in this attempt. */
  | 'sent'
  /** Accepted earlier (ledger or provider lookup): not sent again. */
  | 'already-sent'
  /** Refused permanently (invalid recipient); recorded, never retried. */
  | 'failed';

export interface SendOperation {
  send(): Promise<SendReceipt>;
  /** Looks the message up at the provider; `since` is when the earlier attempt reserved the key. */
  findSent(since: string): Promise<SendReceipt | null>;
  /**
   * Whether a failed send certainly sent nothing (the provider answered with a refusal): its key
   * is then let go instead of left for reconciling. Without it every failure counts as maybe sent.
   */
  sentNothing?(err: unknown): boolean;
}

/** Overrides for tests and callers with other deadlines; defaults: the adapters' time-out, the current activity. */
export interface DeliverOnceOptions {
  timings?: ClaimTimings;
  waits?: ActivityWaits;
}

/** Sends `op` for `key` at most once across attempts and activities; see the file comment. */
export async function deliverOnce(
  ledger: DeliveryLedger,
  key: DeliveryKey,
  op: SendOperation,
  options: DeliverOnceOptions = {},
): Promise<DeliveryOutcome> {
  const timings = options.timings ?? claimTimings();
  const group = { incidentId: key.incidentId, milestone: key.milestone, channel: key.channel };
  const keeper = new ClaimKeeper(
    ledger,
    group,
    attemptClaim(timings.leaseMs),
    timings,
    options.waits ?? activityWaits(),
  );
  try {
    const [claimed] = await keeper.claimAll([key.recipientId]);
    const before = claimed?.previous ?? null;
    if (before?.state === 'sent') return 'already-sent';
    if (before?.state === 'failed') return 'failed';
    if (claimed && before?.state === 'reserved') {
      await keeper.ready(claimed);
      const earlier = await op.findSent(before.reservedAt);
      if (earlier) {
        await keeper.confirm([{ recipientId: key.recipientId, ...earlier }]);
        return 'already-sent';
      }
    }
    await keeper.beforeSend([key.recipientId]);
    let receipt: SendReceipt;
    try {
      receipt = await op.send();
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === 'InvalidRecipient') {
        await keeper.fail([{ recipientId: key.recipientId, error: err.message }]);
        return 'failed';
      }
      if (op.sentNothing?.(err)) keeper.sentNothing([key.recipientId]);
      throw err;
    }
    await keeper.confirm([{ recipientId: key.recipientId, ...receipt }]);
    return 'sent';
  } finally {
    // A release that fails changes nothing for correctness: the lease runs out instead.
    await keeper.release().catch(() => undefined);
  }
}
