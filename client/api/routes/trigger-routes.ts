/**
 * Kept incident-tool triggers: `GET /v1/triggers` (pending first in mind: `?state=pending`),
 * `GET /v1/triggers/{id}` (with the body as it arrived), `POST …/retry` (attempt now, answer the
 * outcome) and `POST …/discard` (drop it, saying why; the operator is the token's name). Plus
 * `/healthz/triggers`, the probe an uptime monitor watches: 503 while a trigger has waited longer
 * than the alert threshold. It is deliberately not the load balancer's readiness probe — taking the
 * API out of rotation would refuse the very webhooks that would clear it.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { TRIGGER_STATES } from '../../../activities/store/trigger-store.ts';
import type { TriggerRecord } from '../../../activities/store/trigger-store.ts';
import type { Role } from '../../../workflows/domain/status.ts';
import { ProblemError } from '../problem.ts';
import { webhookAnswerSchema } from '../triggers/webhook-answer.ts';
import type { ApiEnv } from './route-kit.ts';
import { READ_ROLES, requireRole, rolesExtension, TRIGGER_ROLES } from './route-kit.ts';
import { problemResponses } from './schemas.ts';

/** Dropping a trigger may leave a breach un-notified: people on call or legal only, never a machine token. */
export const DISCARD_ROLES: readonly Role[] = ['responder', 'legal'];

const triggerSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    deliveryId: z.string(),
    receivedAt: z.string(),
    summary: z.string(),
    state: z.enum(TRIGGER_STATES),
    reason: z.string().optional(),
    attempts: z.number().int(),
    nextAttemptAt: z.string().optional(),
    lastError: z.string().optional(),
    alertedAt: z.string().optional(),
    decidedBy: z.string().optional(),
    updatedAt: z.string(),
    outcome: z.unknown().optional().describe('what Herald answered once it applied or ignored it'),
    body: z.string().optional().describe('the body as the tool sent it (GET /v1/triggers/{id} only)'),
  })
  .meta({ id: 'Trigger' });

const listSchema = z
  .object({
    pending: z.number().int().describe('triggers waiting to be applied, in all'),
    oldestPendingSince: z.string().optional(),
    triggers: z.array(triggerSchema),
  })
  .meta({ id: 'TriggerList' });

const idParam = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z-]*-[0-9a-f]{20}$/, 'a trigger id such as pagerduty-0123456789abcdef0123')
    .meta({ description: 'the trigger id (in every webhook answer)' }),
});

function view(t: TriggerRecord, withBody = false): z.infer<typeof triggerSchema> {
  const { body, ...rest } = t;
  return withBody ? { ...rest, body } : rest;
}

async function found(c: Context<ApiEnv>, id: string): Promise<TriggerRecord> {
  const trigger = await c.get('options').triggers.store.get(id);
  if (!trigger) throw new ProblemError(404, 'No such trigger', `no trigger ${id}`);
  return trigger;
}

const notPending = (t: TriggerRecord) =>
  new ProblemError(
    409,
    'Not pending',
    `trigger ${t.id} is ${t.state}${t.reason ? ` (${t.reason})` : ''}: nothing to retry or discard`,
  );

/** `GET /healthz/triggers`: 200 while no trigger waits past the alert threshold, else 503 naming how many and since when. */
export async function triggerHealth(c: Context<ApiEnv>): Promise<Response> {
  const { triggers } = c.get('options');
  const { pending, oldestReceivedAt } = await triggers.store.pendingSummary();
  const waitedMs = oldestReceivedAt ? triggers.now().getTime() - Date.parse(oldestReceivedAt) : 0;
  const ok = waitedMs <= triggers.alertAfterMs;
  const body = {
    ok,
    pending,
    ...(oldestReceivedAt
      ? { oldestPendingSince: oldestReceivedAt, oldestPendingSeconds: Math.floor(waitedMs / 1000) }
      : {}),
    alertAfterSeconds: triggers.alertAfterMs / 1000,
  };
  return c.json(body, ok ? 200 : 503);
}

export function triggerRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/triggers',
      tags: ['triggers'],
      summary: 'Kept incident-tool triggers, newest first: what is pending, applied, ignored or discarded',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: {
        query: z.object({
          state: z.enum(TRIGGER_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: { description: 'The triggers', content: { 'application/json': { schema: listSchema } } },
        ...problemResponses(400, 401, 403, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      const { state, limit } = c.req.valid('query');
      const store = c.get('options').triggers.store;
      const [list, summary] = await Promise.all([
        store.list({ ...(state ? { state } : {}), limit }),
        store.pendingSummary(),
      ]);
      return c.json(
        {
          pending: summary.pending,
          ...(summary.oldestReceivedAt ? { oldestPendingSince: summary.oldestReceivedAt } : {}),
          triggers: list.map((t) => view(t)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/triggers/{id}',
      tags: ['triggers'],
      summary: 'One kept trigger, with the body the tool sent',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'The trigger', content: { 'application/json': { schema: triggerSchema } } },
        ...problemResponses(400, 401, 403, 404, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      return c.json(view(await found(c, c.req.valid('param').id), true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/triggers/{id}/retry',
      tags: ['triggers'],
      summary: 'Attempt a pending trigger now (e.g. after fixing the routes file); answers what became of it',
      security: [{ bearer: [] }],
      middleware: [requireRole(TRIGGER_ROLES)] as const,
      request: {
        params: idParam,
        body: { required: true, content: { 'application/json': { schema: z.strictObject({}) } } },
      },
      responses: {
        200: {
          description: 'Attempted: the outcome (still pending, with the reason, when it could not be applied)',
          content: { 'application/json': { schema: webhookAnswerSchema } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429),
      },
      ...rolesExtension(TRIGGER_ROLES),
    }),
    async (c) => {
      const { triggers } = c.get('options');
      const t = await found(c, c.req.valid('param').id);
      const now = triggers.now();
      const claimed = await triggers.store.claim(t.id, now.toISOString(), triggers.leaseUntil(now), c.get('caller').id);
      if (!claimed) throw notPending(t);
      return c.json(await triggers.attempt(claimed), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/triggers/{id}/discard',
      tags: ['triggers'],
      summary: 'Drop a pending trigger, saying why (it is kept as discarded, with your name)',
      security: [{ bearer: [] }],
      middleware: [requireRole(DISCARD_ROLES)] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({ reason: z.string().trim().min(3, 'say why in a few words').max(500) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'Discarded', content: { 'application/json': { schema: triggerSchema } } },
        ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429),
      },
      ...rolesExtension(DISCARD_ROLES),
    }),
    async (c) => {
      const { triggers } = c.get('options');
      const t = await found(c, c.req.valid('param').id);
      const by = c.get('caller').id;
      const { reason } = c.req.valid('json');
      const discarded = await triggers.store.discard(t.id, triggers.now().toISOString(), by, reason);
      if (!discarded) throw notPending(t);
      triggers.log('WARN', 'herald.trigger.discarded', `trigger discarded by ${by}: ${reason}`, {
        trigger: t.id,
        summary: t.summary,
      });
      return c.json(view(discarded), 200);
    },
  );
}
