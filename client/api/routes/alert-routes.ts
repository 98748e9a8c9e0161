/**
 * Incident-tool webhooks: PagerDuty (authenticated by its HMAC signature over the raw body) and
 * Opsgenie (a bearer token of role integration), both through the same mapping layer.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { applyAlert } from '../alerts/apply-alert.ts';
import { opsgenieEvent, opsgenieWebhookSchema } from '../alerts/opsgenie.ts';
import { pagerDutyEvent, pagerDutyWebhookSchema, verifyPagerDutySignature } from '../alerts/pagerduty.ts';
import { problem } from '../problem.ts';
import type { ApiEnv } from './route-kit.ts';
import { limitBy, requireRole, rolesExtension } from './route-kit.ts';
import { problemResponses } from './schemas.ts';

const outcomeSchema = z
  .object({
    outcome: z.enum(['started', 'reached', 'acknowledged', 'resolved', 'ignored']),
    procedure: z.enum(['lockout', 'data-leak']).optional(),
    workflowId: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'AlertOutcome' });

/** The signature covers the raw bytes: checked before the body is parsed or validated. */
const pagerDutySigned: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const secret = c.get('options').pagerDutySecret;
  if (!secret) return problem(c, 404, 'Not found', 'the PagerDuty webhook is not configured (HERALD_PAGERDUTY_SECRET)');
  const raw = await c.req.raw.clone().text();
  if (!verifyPagerDutySignature(raw, c.req.header('x-pagerduty-signature'), secret)) {
    return problem(c, 401, 'Unauthorized', 'missing or invalid X-PagerDuty-Signature');
  }
  await next();
  return undefined;
};

export function alertRoutes(app: OpenAPIHono<ApiEnv>): void {
  const pagerDutyRoute = createRoute({
    method: 'post',
    path: '/v1/webhooks/pagerduty',
    tags: ['webhooks'],
    summary: 'PagerDuty v3 webhook: incident.triggered / acknowledged / resolved (X-PagerDuty-Signature required)',
    middleware: [limitBy('webhook:pagerduty'), pagerDutySigned] as const,
    request: {
      headers: z.object({ 'x-pagerduty-signature': z.string().optional() }),
      body: { required: true, content: { 'application/json': { schema: pagerDutyWebhookSchema } } },
    },
    responses: {
      200: {
        description: 'Applied or ignored (with the reason)',
        content: { 'application/json': { schema: outcomeSchema } },
      },
      ...problemResponses(400, 401, 404, 413, 415, 422, 429),
    },
    ...rolesExtension([]),
  });
  app.openapi(pagerDutyRoute, async (c) => {
    const { client, taskQueue, alertRoutes: routes } = c.get('options');
    const event = pagerDutyEvent(c.req.valid('json'));
    return c.json(await applyAlert(client, taskQueue, routes, event), 200);
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/opsgenie',
      tags: ['webhooks'],
      summary: 'Opsgenie alert webhook: Create / Acknowledge / Close',
      security: [{ bearer: [] }],
      middleware: [requireRole(['integration'])] as const,
      request: { body: { required: true, content: { 'application/json': { schema: opsgenieWebhookSchema } } } },
      responses: {
        200: {
          description: 'Applied or ignored (with the reason)',
          content: { 'application/json': { schema: outcomeSchema } },
        },
        ...problemResponses(400, 401, 403, 413, 415, 422, 429),
      },
      ...rolesExtension(['integration']),
    }),
    async (c) => {
      const { client, taskQueue, alertRoutes: routes } = c.get('options');
      const event = opsgenieEvent(c.req.valid('json'), new Date().toISOString());
      return c.json(await applyAlert(client, taskQueue, routes, event), 200);
    },
  );
}
