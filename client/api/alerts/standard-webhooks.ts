/**
 * Standard Webhooks (https://www.standardwebhooks.com, what incident.io sends through Svix):
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">`, space-separated while a secret rotates), keyed by a `whsec_<base64>`
 * secret. Verified with the specification's own library, whose replay window is 5 minutes.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export const STANDARD_WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** How far a delivery's timestamp may be from now (the library's fixed window). */
export const STANDARD_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type StandardWebhookVerdict = 'ok' | 'unsigned' | 'forged' | 'stale';

/** Checks the three headers against the raw body; a timestamp outside the window is `stale` (a replay). */
export function verifyStandardWebhook(
  secret: string,
  rawBody: string,
  headers: Record<(typeof STANDARD_WEBHOOK_HEADERS)[keyof typeof STANDARD_WEBHOOK_HEADERS], string | undefined>,
): StandardWebhookVerdict {
  const id = headers[STANDARD_WEBHOOK_HEADERS.id];
  const timestamp = headers[STANDARD_WEBHOOK_HEADERS.timestamp];
  const signature = headers[STANDARD_WEBHOOK_HEADERS.signature];
  if (!id || !timestamp || !signature) return 'unsigned';
  try {
    new Webhook(secret).verify(
      rawBody,
      { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
      { jsonParse: false },
    );
    return 'ok';
  } catch (err) {
    if (err instanceof WebhookVerificationError && /timestamp too (old|new)/i.test(err.message)) return 'stale';
    return 'forged';
  }
}

/** Signs like a sender does (tests and `herald dev`'s examples). */
export function signStandardWebhook(secret: string, id: string, at: Date, rawBody: string): string {
  return new Webhook(secret).sign(id, at, rawBody);
}
