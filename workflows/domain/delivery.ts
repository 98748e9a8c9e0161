/**
 * What a send reports back to the procedure, in the procedure's own terms (DESIGN convention 18):
 * activities return these types, the workflow reasons about them. Plain JSON only.
 */
import type { LedgerChannel } from './contacts.ts';

/** Per-channel counts of one send. */
export interface ChannelCounts {
  accepted: number;
  failed: number;
  duplicatesSkipped: number;
}

/** A provider accepted the message for one recipient on one channel. */
export interface DeliveryReceipt {
  recipientId: string;
  channel: LedgerChannel;
  /** The provider's acceptance time (ISO), the original one for a send found already made. */
  acceptedAt: string;
}

/** A provider refused the message for one recipient on one channel, for good. */
export interface DeliveryRefusal {
  recipientId: string;
  channel: LedgerChannel;
  reason: string;
}

/** Counts of one notification to a group, and who has it. */
export interface DeliverySummary {
  email: ChannelCounts;
  sms: ChannelCounts;
  /** Recipients reached on at least one channel. */
  reached: number;
  /** Who accepted, when (absent from activities recorded before acceptance times were reported). */
  receipts?: DeliveryReceipt[];
  /** Who the provider refused, and why. */
  refusals?: DeliveryRefusal[];
}

export function emptySummary(): DeliverySummary {
  return {
    email: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
    sms: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
    reached: 0,
    receipts: [],
    refusals: [],
  };
}

/** The earliest acceptance among receipts (optionally only for some recipients), in ms; null if none. */
export function firstAcceptance(receipts: readonly DeliveryReceipt[], recipientIds?: readonly string[]): number | null {
  const times = receipts
    .filter((r) => recipientIds === undefined || recipientIds.includes(r.recipientId))
    .map((r) => Date.parse(r.acceptedAt))
    .filter((t) => Number.isFinite(t));
  return times.length === 0 ? null : Math.min(...times);
}

/** Adds `part` to `total`; a person reached on several channels or sends counts once. */
export function mergeSummary(total: DeliverySummary, part: DeliverySummary): void {
  for (const channel of ['email', 'sms'] as const) {
    total[channel].accepted += part[channel].accepted;
    total[channel].failed += part[channel].failed;
    total[channel].duplicatesSkipped += part[channel].duplicatesSkipped;
  }
  total.receipts = [...(total.receipts ?? []), ...(part.receipts ?? [])];
  total.refusals = [...(total.refusals ?? []), ...(part.refusals ?? [])];
  total.reached = part.receipts ? new Set(total.receipts.map((r) => r.recipientId)).size : total.reached + part.reached;
}

/** The counts of a notice, for its audit entry (each receipt is audited on its own already). */
export function deliveryCounts(summary: DeliverySummary): Pick<DeliverySummary, 'email' | 'sms' | 'reached'> {
  return { email: summary.email, sms: summary.sms, reached: summary.reached };
}
