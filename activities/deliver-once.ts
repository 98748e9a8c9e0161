/**
 * The exactly-once send: reserve the delivery key in the ledger, call the provider, confirm with
 * its message id. A reservation left by an attempt that crashed or timed out after the provider
 * may have accepted the message is reconciled with the provider before anything is resent.
 */
import { ApplicationFailure } from '@temporalio/common';
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
}

export async function deliverOnce(
  ledger: DeliveryLedger,
  key: DeliveryKey,
  op: SendOperation,
): Promise<DeliveryOutcome> {
  const before = await ledger.reserve(key);
  if (before?.state === 'sent') return 'already-sent';
  if (before?.state === 'failed') return 'failed';
  if (before?.state === 'reserved') {
    const earlier = await op.findSent(before.reservedAt);
    if (earlier) {
      await ledger.confirm(key, earlier);
      return 'already-sent';
    }
  }
  try {
    const receipt = await op.send();
    await ledger.confirm(key, receipt);
    return 'sent';
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === 'InvalidRecipient') {
      await ledger.fail(key, err.message);
      return 'failed';
    }
    throw err;
  }
}
