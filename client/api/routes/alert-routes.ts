/**
 * Incident-tool webhooks: PagerDuty (its HMAC signature over the raw body), Opsgenie (a bearer token
 * of role integration) and incident.io (Standard Webhooks signature), all through one intake
 * (triggers/webhook-intake.ts) and one mapping layer (alerts/). Only a failed authentication is
 * refused: every body an authenticated tool sends is recorded and answered 2xx — applied, ignored
 * with the reason, or pending — because PagerDuty drops a 4xx without retry and disables the
 * subscription after three in a row. A genuine delivery is never rate-limited; failed
 * authentications are, per source.
 *
 * The handlers take the raw body themselves (no zod validation in front of them, which would answer
 * 400 to a body the tool legitimately sends); the OpenAPI document describes them through the
 * registry.
 */
import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AlertSource } from '../alerts/alert-event.ts';
import { verifyPagerDutySignature } from '../alerts/pagerduty.ts';
import { STANDARD_WEBHOOK_HEADERS, verifyStandardWebhook } from '../alerts/standard-webhooks.ts';
import { problem } from '../problem.ts';
import { receiveWebhook } from '../triggers/webhook-intake.ts';
import { webhookAnswerSchema } from '../triggers/webhook-answer.ts';
import type { ApiEnv } from './route-kit.ts';
import { authenticateBearer, authenticationProblem, rateLimited, rolesExtension } from './route-kit.ts';
import { describedProblemResponses } from './schemas.ts';

/** An authenticated delivery, or the refusal to answer. */
type Authenticated = { raw: string; deliveryId: string } | { refused: Response };

interface WebhookSource {
  path: string;
  summary: string;
  docs: string;
  headers?: z.ZodObject;
  bearer?: true;
  refusals: Record<number, string>;
  authenticate(c: Context<ApiEnv>): Promise<Authenticated>;
}

/** A failed authentication, counted against the source's failure budget (429 once it is spent). */
function refuse(c: Context<ApiEnv>, source: AlertSource, response: Response): Authenticated {
  return { refused: rateLimited(c, `auth-failures:${source}`) ?? response };
}

/** The endpoint of a tool whose secret is not set. */
const notConfigured = (c: Context<ApiEnv>, tool: string, variable: string): Authenticated => ({
  refused: problem(c, 404, 'Not found', `the ${tool} webhook is not configured (${variable})`),
});

/** Tools without a delivery id: the body itself identifies a redelivery. */
const bodyDigest = (raw: string): string => `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`;

const SOURCES: Readonly<Record<AlertSource, WebhookSource>> = {
  pagerduty: {
    path: '/v1/webhooks/pagerduty',
    summary: 'PagerDuty v3 webhook, every event type (X-PagerDuty-Signature required)',
    docs: 'A PagerDuty v3 webhook payload (https://developer.pagerduty.com/docs/webhooks-overview). incident.triggered starts, incident.acknowledged acknowledges, incident.resolved resolves a lockout; every other event type is answered as ignored with the reason. X-Webhook-Id identifies redeliveries.',
    headers: z.object({ 'x-pagerduty-signature': z.string().optional(), 'x-webhook-id': z.string().optional() }),
    refusals: {
      401: 'Unsigned or forged: X-PagerDuty-Signature does not verify',
      404: 'Not configured (HERALD_PAGERDUTY_SECRET unset)',
    },
    async authenticate(c) {
      const secret = c.get('options').pagerDutySecret;
      if (!secret) return notConfigured(c, 'PagerDuty', 'HERALD_PAGERDUTY_SECRET');
      const raw = await c.req.text();
      if (!verifyPagerDutySignature(raw, c.req.header('x-pagerduty-signature'), secret)) {
        return refuse(c, 'pagerduty', problem(c, 401, 'Unauthorized', 'missing or invalid X-PagerDuty-Signature'));
      }
      return { raw, deliveryId: c.req.header('x-webhook-id') || bodyDigest(raw) };
    },
  },
  opsgenie: {
    path: '/v1/webhooks/opsgenie',
    summary: 'Opsgenie alert webhook, every alert action (bearer token of role integration)',
    docs: 'An Opsgenie Webhook integration body (alert action data). Create starts, Acknowledge acknowledges, Close resolves a lockout; every other action is answered as ignored with the reason. Opsgenie sends no delivery id: an identical body is a redelivery.',
    bearer: true,
    refusals: {
      401: 'Missing or invalid bearer token',
      403: 'The token’s role is not integration',
    },
    async authenticate(c) {
      const auth = await authenticateBearer(c);
      if (!auth.ok) return refuse(c, 'opsgenie', authenticationProblem(c, auth));
      const { caller } = auth;
      if (caller.role !== 'integration') {
        return refuse(
          c,
          'opsgenie',
          problem(c, 403, 'Forbidden', `${caller.id} has role ${caller.role}; this needs integration`),
        );
      }
      const raw = await c.req.text();
      return { raw, deliveryId: bodyDigest(raw) };
    },
  },
  'incident-io': {
    path: '/v1/webhooks/incident-io',
    summary: 'incident.io webhook, every event type (Standard Webhooks signature required)',
    docs: 'An incident.io webhook (https://api-docs.incident.io/tag/Webhooks), or any Standard Webhooks sender mapped the same way. public_incident.incident_created_v2 starts, a status update into learning or closed resolves a lockout; every other event type is answered as ignored with the reason. webhook-id identifies redeliveries; a webhook-timestamp more than 5 minutes from now is refused as a replay.',
    headers: z.object({
      [STANDARD_WEBHOOK_HEADERS.id]: z.string().optional(),
      [STANDARD_WEBHOOK_HEADERS.timestamp]: z.string().optional(),
      [STANDARD_WEBHOOK_HEADERS.signature]: z.string().optional(),
    }),
    refusals: {
      401: 'Unsigned: webhook-id, webhook-timestamp or webhook-signature missing',
      403: 'Forged, altered, or outside the 5-minute replay window',
      404: 'Not configured (HERALD_INCIDENT_IO_SECRET unset)',
    },
    async authenticate(c) {
      const secret = c.get('options').incidentIoSecret;
      if (!secret) return notConfigured(c, 'incident.io', 'HERALD_INCIDENT_IO_SECRET');
      const raw = await c.req.text();
      const headers = {
        [STANDARD_WEBHOOK_HEADERS.id]: c.req.header(STANDARD_WEBHOOK_HEADERS.id),
        [STANDARD_WEBHOOK_HEADERS.timestamp]: c.req.header(STANDARD_WEBHOOK_HEADERS.timestamp),
        [STANDARD_WEBHOOK_HEADERS.signature]: c.req.header(STANDARD_WEBHOOK_HEADERS.signature),
      };
      const verdict = verifyStandardWebhook(secret, raw, headers);
      if (verdict === 'unsigned') {
        const detail = 'missing webhook-id, webhook-timestamp or webhook-signature';
        return refuse(c, 'incident-io', problem(c, 401, 'Unauthorized', detail));
      }
      if (verdict !== 'ok') {
        const detail =
          verdict === 'stale'
            ? `webhook-timestamp ${headers[STANDARD_WEBHOOK_HEADERS.timestamp]} is more than 5 minutes from now (a replay, or a clock far off)`
            : 'webhook-signature does not verify with HERALD_INCIDENT_IO_SECRET (forged, altered, or signed with another secret)';
        return refuse(c, 'incident-io', problem(c, 403, 'Forbidden', detail));
      }
      return { raw, deliveryId: headers[STANDARD_WEBHOOK_HEADERS.id] ?? bodyDigest(raw) };
    },
  },
};

const anyJson = z.unknown().meta({ description: 'The tool’s JSON body, exactly as it sends it.' });
const answered = (description: string) => ({
  description,
  content: { 'application/json': { schema: webhookAnswerSchema } },
});

export function alertRoutes(app: OpenAPIHono<ApiEnv>): void {
  for (const [source, s] of Object.entries(SOURCES) as [AlertSource, WebhookSource][]) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: s.path,
      tags: ['webhooks'],
      summary: s.summary,
      description: s.docs,
      ...(s.bearer ? { security: [{ bearer: [] }] } : {}),
      request: {
        ...(s.headers ? { headers: s.headers } : {}),
        body: { required: true, content: { 'application/json': { schema: anyJson } } },
      },
      responses: {
        200: answered('Applied, or ignored with the reason (also for a redelivery: duplicate)'),
        202: answered(
          'Recorded, not applied yet (Temporal slow or unreachable, no route, unreadable body): Herald keeps it and retries',
        ),
        ...describedProblemResponses({
          ...s.refusals,
          413: 'Body too large',
          429: 'Too many failed authentications (Retry-After)',
          503: 'Herald could not record the delivery: nothing was kept, deliver it again',
        }),
      },
      ...rolesExtension(s.bearer ? ['integration'] : []),
    });
    app.post(s.path, async (c) => {
      const authenticated = await s.authenticate(c);
      if ('refused' in authenticated) return authenticated.refused;
      return receiveWebhook(c, source, authenticated.deliveryId, authenticated.raw);
    });
  }
}
