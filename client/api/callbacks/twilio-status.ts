/**
 * Twilio's status callbacks: a form-encoded POST per status change of a message, to the
 * StatusCallback URL given at create (ours carries `herald_delivery_key`), signed with
 * `X-Twilio-Signature` = base64 HMAC-SHA1 (auth token) of that URL followed by the sorted
 * parameters, each name then value.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DeliveryEvent, DeliveryState } from '../../../activities/store/delivery-status.ts';
import { DELIVERY_KEY_PARAM, deliveryKeyField, ledgerKey } from './delivery-key-field.ts';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** Twilio's expected signature for a request to `url` with form `params`. */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of params) values.set(name, [...(values.get(name) ?? []), value]);
  // A repeated parameter contributes each distinct value, sorted (as Twilio's own helpers do).
  const data = [...values.keys()]
    .sort()
    .map((name) =>
      [...new Set(values.get(name))]
        .sort()
        .map((value) => name + value)
        .join(''),
    )
    .join('');
  return createHmac('sha1', authToken)
    .update(url + data, 'utf8')
    .digest('base64');
}

/**
 * True when `signature` is Twilio's for `url` and `params`. Like Twilio's validateRequest, the URL
 * is also tried with its default port added and its port removed: Twilio may sign either spelling.
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams,
  signature: string,
): boolean {
  const given = Buffer.from(signature);
  return urlSpellings(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlSpellings(url: string): string[] {
  const m = /^(https?:\/\/)([^/?#]*?)(:\d+)?([/?#].*)?$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', host = '', , rest = ''] = m;
  const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return [...new Set([url, scheme + host + rest, scheme + host + defaultPort + rest])];
}

/** The query Herald put on the StatusCallback URL. */
export const twilioCallbackQuerySchema = z.object({ [DELIVERY_KEY_PARAM]: deliveryKeyField('sms') });

/** The status callback form (Twilio sends more fields; these are the ones Herald reads). */
export const twilioStatusSchema = z
  .looseObject({
    MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'must be a Twilio message SID'),
    MessageStatus: z.string().min(1),
    /** Set when the status is failed or undelivered, e.g. 30003 (unreachable handset). */
    ErrorCode: z
      .string()
      .regex(/^\d{0,6}$/, 'must be a Twilio error code')
      .optional(),
    AccountSid: z.string().optional(),
    To: z.string().optional(),
    From: z.string().optional(),
  })
  .meta({ id: 'TwilioStatusCallback', description: 'Twilio message status callback' });
export type TwilioStatus = z.infer<typeof twilioStatusSchema>;

const STATES: Readonly<Record<string, DeliveryState>> = {
  accepted: 'accepted',
  scheduled: 'accepted',
  queued: 'accepted',
  sending: 'accepted',
  // Handed to the carrier, not yet on the handset.
  sent: 'accepted',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  // Twilio could not send it at all.
  failed: 'undelivered',
  canceled: 'undelivered',
};

/**
 * The delivery event of one callback, or undefined for a status that is no delivery state (inbound
 * `receiving`/`received`, …). Twilio sends no event id or time: the id is SID and status (one of
 * each per message), the time is when it arrived.
 */
export function twilioDeliveryEvent(
  status: TwilioStatus,
  deliveryKey: string,
  receivedAt: Date,
): DeliveryEvent | undefined {
  const state = STATES[status.MessageStatus];
  if (state === undefined) return undefined;
  return {
    key: ledgerKey(deliveryKey),
    provider: 'twilio',
    eventId: `${status.MessageSid}:${status.MessageStatus}`,
    state,
    providerStatus: status.MessageStatus,
    occurredAt: receivedAt.toISOString(),
    providerMessageId: status.MessageSid,
    ...(status.ErrorCode ? { detail: status.ErrorCode } : {}),
  };
}
