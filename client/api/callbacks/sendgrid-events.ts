/**
 * SendGrid's signed Event Webhook: a JSON array of events, signed with ECDSA P-256 / SHA-256 over
 * the timestamp header followed by the raw body. Custom args (our `herald_delivery_key`) arrive as
 * top-level fields of each event.
 */
import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryEvent, DeliveryState } from '../../../activities/store/delivery-status.ts';
import { deliveryKeyField, ledgerKey } from './delivery-key-field.ts';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** Largest clock difference accepted between the signed timestamp and now: older is a replay. */
export const SENDGRID_MAX_SKEW_SECONDS = 600;

/**
 * Checks a signed batch: `forged` when the signature does not verify under `publicKey` over exactly
 * these bytes, `stale` when it does but the timestamp is more than {@link SENDGRID_MAX_SKEW_SECONDS}
 * from `now`.
 */
export function verifySendgridSignature(
  publicKey: KeyObject,
  rawBody: Uint8Array,
  signature: string,
  timestamp: string,
  now: Date,
): 'ok' | 'forged' | 'stale' {
  let valid = false;
  try {
    const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
    valid = verify('sha256', signed, { key: publicKey, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    // A signature that is not even DER: forged.
  }
  if (!valid) return 'forged';
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  return /^\d{1,12}$/.test(timestamp) && skew <= SENDGRID_MAX_SKEW_SECONDS ? 'ok' : 'stale';
}

const sendgridEventSchema = z.looseObject({
  event: z.string().min(1),
  sg_event_id: z.string().min(1),
  /** Unix seconds (at most the year 9999). */
  timestamp: z.number().int().nonnegative().max(253_402_300_799),
  sg_message_id: z.string().optional(),
  herald_delivery_key: deliveryKeyField('email').optional(),
  email: z.string().optional(),
  /** Bounce and drop reason. */
  reason: z.string().optional(),
  /** SMTP enhanced status code of a bounce, e.g. 5.1.1. */
  status: z.string().optional(),
  /** The receiving server's answer to a deferred or delivered message. */
  response: z.string().optional(),
  /** Bounce type: bounce or blocked. */
  type: z.string().optional(),
});

/** The Event Webhook body; events without a delivery key are someone else's mail. */
export const sendgridEventsSchema = z
  .array(sendgridEventSchema)
  .max(10_000)
  .meta({ id: 'SendgridEvents', description: 'SendGrid Event Webhook batch' });
export type SendgridEvents = z.infer<typeof sendgridEventsSchema>;

/** Delivery events of the batch; engagement events (open, click, unsubscribe, …) are not delivery states. */
const STATES: Readonly<Record<string, DeliveryState>> = {
  processed: 'accepted',
  deferred: 'deferred',
  delivered: 'delivered',
  bounce: 'bounced',
  blocked: 'bounced',
  // SendGrid refused to send it (suppression list, invalid address): it never left.
  dropped: 'undelivered',
};

/** The batch's delivery events for Herald's keys, and how many events were ignored. */
export function sendgridDeliveryEvents(batch: SendgridEvents): { events: DeliveryEvent[]; ignored: number } {
  const events: DeliveryEvent[] = [];
  for (const e of batch) {
    const state = STATES[e.event];
    if (state === undefined || e.herald_delivery_key === undefined) continue;
    const detail = [e.status, e.reason ?? e.response].filter((part) => part !== undefined && part !== '').join(' ');
    events.push({
      key: ledgerKey(e.herald_delivery_key),
      provider: 'sendgrid',
      eventId: e.sg_event_id,
      state,
      providerStatus: e.event === 'bounce' && e.type === 'blocked' ? 'blocked' : e.event,
      occurredAt: new Date(e.timestamp * 1000).toISOString(),
      // sg_message_id is the X-Message-Id the ledger holds, followed by routing suffixes.
      ...(e.sg_message_id ? { providerMessageId: e.sg_message_id.split('.')[0] } : {}),
      ...(detail ? { detail } : {}),
    });
  }
  return { events, ignored: batch.length - events.length };
}
