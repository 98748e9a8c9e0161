/**
 * Provider delivery callbacks: SendGrid's signed Event Webhook and Twilio's status callbacks. Both
 * are authenticated by the provider's signature over the raw request (checked before anything is
 * parsed), not by a bearer token, and record what they report in the delivery status store.
 *
 * No rate limit: a provider reports every message of a mass notification, and Twilio does not
 * resend a status callback that was refused. Unsigned requests cost one HMAC or ECDSA check.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { CALLBACK_PATHS, callbackUrl } from '../callbacks/callback-paths.ts';
import {
  SENDGRID_MAX_SKEW_SECONDS,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  sendgridDeliveryEvents,
  sendgridEventsSchema,
  verifySendgridSignature,
} from '../callbacks/sendgrid-events.ts';
import {
  TWILIO_SIGNATURE_HEADER,
  twilioCallbackQuerySchema,
  twilioDeliveryEvent,
  twilioStatusSchema,
  verifyTwilioSignature,
} from '../callbacks/twilio-status.ts';
import { problem } from '../problem.ts';
import type { ApiEnv } from './route-kit.ts';
import { rolesExtension } from './route-kit.ts';
import { describedProblemResponses } from './schemas.ts';

const outcomeSchema = z
  .object({
    received: z.number().int().describe('events in the request'),
    recorded: z.number().int().describe('new delivery events stored'),
    duplicates: z.number().int().describe('events stored before (a redelivery): nothing changed'),
    unknownKeys: z.number().int().describe('events for delivery keys Herald has no record of: ignored'),
    ignored: z.number().int().describe('events that are no delivery state (open, click, inbound, no key)'),
  })
  .meta({ id: 'CallbackOutcome' });

/** What both callbacks answer: the outcome, or a problem. */
const callbackResponses = (notConfigured: string) => ({
  200: { description: 'Recorded', content: { 'application/json': { schema: outcomeSchema } } },
  ...describedProblemResponses({
    400: 'Signed, but malformed (each bad field or delivery key named)',
    401: 'Unsigned: the signature header is missing',
    403: 'Forged or stale: the signature does not verify',
    404: notConfigured,
    413: 'Body too large',
    415: 'Not the media type the provider sends',
  }),
});

const now = (c: Context<ApiEnv>): Date => c.get('options').callbacks?.now?.() ?? new Date();

/** The SendGrid signature covers the timestamp header and the raw bytes. */
const sendgridSigned: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const key = c.get('options').callbacks?.sendgridPublicKey;
  if (!key) {
    return problem(c, 404, 'Not found', 'the SendGrid Event Webhook is not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)');
  }
  const signature = c.req.header(SENDGRID_SIGNATURE_HEADER);
  const timestamp = c.req.header(SENDGRID_TIMESTAMP_HEADER);
  if (!signature || !timestamp) {
    return problem(
      c,
      401,
      'Unauthorized',
      'missing X-Twilio-Email-Event-Webhook-Signature or X-Twilio-Email-Event-Webhook-Timestamp: enable the signed Event Webhook in SendGrid',
    );
  }
  const raw = new Uint8Array(await c.req.raw.clone().arrayBuffer());
  const verdict = verifySendgridSignature(key, raw, signature, timestamp, now(c));
  if (verdict === 'forged') {
    return problem(
      c,
      403,
      'Forbidden',
      'the Event Webhook signature does not verify with SENDGRID_WEBHOOK_PUBLIC_KEY (forged, altered, or signed with another key)',
    );
  }
  if (verdict === 'stale') {
    return problem(
      c,
      403,
      'Forbidden',
      `the Event Webhook timestamp ${timestamp} is more than ${SENDGRID_MAX_SKEW_SECONDS / 60} minutes from now (a replay, or a clock far off)`,
    );
  }
  await next();
  return undefined;
};

/** Twilio signs the URL it was given (public base URL, path, query) and the form parameters. */
const twilioSigned: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const twilio = c.get('options').callbacks?.twilio;
  if (!twilio) {
    return problem(
      c,
      404,
      'Not found',
      'the Twilio status callback is not configured (HERALD_PUBLIC_URL and TWILIO_AUTH_TOKEN)',
    );
  }
  const signature = c.req.header(TWILIO_SIGNATURE_HEADER);
  if (!signature) return problem(c, 401, 'Unauthorized', 'missing X-Twilio-Signature');
  // The query as it arrived: the Host header and proxies don't decide which URL was signed.
  const query = c.req.url.indexOf('?');
  const url = callbackUrl(twilio.publicUrl, 'twilio') + (query < 0 ? '' : c.req.url.slice(query));
  const params = new URLSearchParams(await c.req.raw.clone().text());
  if (!verifyTwilioSignature(twilio.authToken, url, params, signature)) {
    return problem(
      c,
      403,
      'Forbidden',
      `X-Twilio-Signature does not verify for ${callbackUrl(twilio.publicUrl, 'twilio')} with TWILIO_AUTH_TOKEN (forged or altered, or HERALD_PUBLIC_URL is not the URL Twilio calls)`,
    );
  }
  await next();
  return undefined;
};

export function callbackRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: CALLBACK_PATHS.sendgrid,
      tags: ['callbacks'],
      summary: 'SendGrid signed Event Webhook: delivery events (X-Twilio-Email-Event-Webhook-Signature required)',
      middleware: [sendgridSigned] as const,
      request: {
        headers: z.object({
          [SENDGRID_SIGNATURE_HEADER]: z.string().optional(),
          [SENDGRID_TIMESTAMP_HEADER]: z.string().optional(),
        }),
        body: { required: true, content: { 'application/json': { schema: sendgridEventsSchema } } },
      },
      responses: callbackResponses('Not configured (SENDGRID_WEBHOOK_PUBLIC_KEY unset)'),
      ...rolesExtension([]),
    }),
    async (c) => {
      const batch = c.req.valid('json');
      const { events, ignored } = sendgridDeliveryEvents(batch);
      const outcome = await recorder(c).record(events);
      return c.json({ received: batch.length, ignored, ...outcome }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: CALLBACK_PATHS.twilio,
      tags: ['callbacks'],
      summary: 'Twilio message status callback (X-Twilio-Signature required)',
      middleware: [twilioSigned] as const,
      request: {
        query: twilioCallbackQuerySchema,
        headers: z.object({ [TWILIO_SIGNATURE_HEADER]: z.string().optional() }),
        body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: twilioStatusSchema } } },
      },
      responses: callbackResponses('Not configured (HERALD_PUBLIC_URL or TWILIO_AUTH_TOKEN unset)'),
      ...rolesExtension([]),
    }),
    async (c) => {
      const { herald_delivery_key: deliveryKey } = c.req.valid('query');
      const event = twilioDeliveryEvent(c.req.valid('form'), deliveryKey, now(c));
      const outcome = await recorder(c).record(event ? [event] : []);
      return c.json({ received: 1, ignored: event ? 0 : 1, ...outcome }, 200);
    },
  );
}

/** The configured sink; the signature middleware has already refused requests without one. */
function recorder(c: Context<ApiEnv>) {
  const callbacks = c.get('options').callbacks;
  if (!callbacks) throw new Error('callback route reached without callbacks configured');
  return callbacks.events;
}
