/**
 * Start, status and actions for both procedures: `POST /v1/data-leaks`, `GET /v1/data-leaks/{id}`,
 * `POST /v1/data-leaks/{id}/actions/{action}`, and the same under `/v1/lockouts`. Starting is
 * idempotent by business id (201 started, 200 reached); actions are Updates whose actor is the
 * token's name and role, with an actor claim the API signs for them (workflows/domain/actor-claim.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { act, dataLeakHandle, getStatus, startDataLeak } from '../../data-leak-client.ts';
import { actOnLockout, getLockoutStatus, lockoutHandle, startLockout } from '../../lockout-client.ts';
import { businessIdSchema, dataLeakIncidentSchema } from '../../../workflows/domain/incident.ts';
import { lockoutIncidentSchema } from '../../../workflows/domain/lockout.ts';
import {
  LOCKOUT_ACTION_FIELDS,
  LOCKOUT_ACTION_ROLES,
  LOCKOUT_ACTION_SCHEMAS,
} from '../../../workflows/domain/lockout-actions.ts';
import type { LockoutActionName } from '../../../workflows/domain/lockout-actions.ts';
import { ACTION_ROLES, ACTION_SCHEMAS } from '../../../workflows/domain/operator-actions.ts';
import type { ActionName } from '../../../workflows/domain/operator-actions.ts';
import type { Role } from '../../../workflows/domain/status.ts';
import type { ApiOptions } from '../app.ts';
import { ProblemError, RequestInvalid } from '../problem.ts';
import type { ApiCaller } from '../tokens.ts';
import type { ApiEnv } from './route-kit.ts';
import { READ_ROLES, requireRole, rolesExtension, TRIGGER_ROLES } from './route-kit.ts';
import { problemResponses, startedSchema, statusSchema } from './schemas.ts';

export interface ProcedureApi {
  /** URL segment and tag: `data-leaks`, `lockouts`. */
  path: string;
  noun: string;
  /** The trigger body: the incident only (time scale and timing stay out of the API). */
  startBody: z.ZodType;
  start: (client: Client, body: unknown, taskQueue: string) => Promise<{ workflowId: string; started: boolean }>;
  handle: (client: Client, id: string) => WorkflowHandle;
  status: (handle: WorkflowHandle) => Promise<unknown>;
  /** Per action: its schema (with cross-field rules), its plain fields (for the body), its roles. */
  actions: Record<string, { schema: z.ZodType; fields: z.ZodObject; roles: readonly Role[] }>;
  act: (handle: WorkflowHandle, name: string, action: unknown) => Promise<unknown>;
}

const table = <N extends string>(
  schemas: Record<N, z.ZodType>,
  fields: Record<N, z.ZodObject>,
  roles: Record<N, readonly Role[]>,
) =>
  Object.fromEntries(
    (Object.keys(schemas) as N[]).map((name) => [
      name,
      { schema: schemas[name], fields: fields[name], roles: roles[name] },
    ]),
  ) as ProcedureApi['actions'];

export const PROCEDURES: readonly ProcedureApi[] = [
  {
    path: 'data-leaks',
    noun: 'data-leak notification procedure',
    startBody: z.strictObject({ incident: dataLeakIncidentSchema }),
    start: (client, body, taskQueue) => startDataLeak(client, body, taskQueue),
    handle: dataLeakHandle,
    status: getStatus,
    actions: table(ACTION_SCHEMAS, ACTION_SCHEMAS, ACTION_ROLES),
    act: (handle, name, action) => act(handle, name as ActionName, action as never),
  },
  {
    path: 'lockouts',
    noun: 'compliance-lockout procedure',
    startBody: z.strictObject({ incident: lockoutIncidentSchema }),
    start: (client, body, taskQueue) => startLockout(client, body, taskQueue),
    handle: lockoutHandle,
    status: getLockoutStatus,
    actions: table(LOCKOUT_ACTION_SCHEMAS, LOCKOUT_ACTION_FIELDS, LOCKOUT_ACTION_ROLES),
    act: (handle, name, action) => actOnLockout(handle, name as LockoutActionName, action as never),
  },
];

/**
 * Takes operator action `name` on procedure `id` as `caller`: the action's whole schema with the
 * caller as actor (its cross-field rules hold for the action with its actor), an actor claim signed
 * for this caller, action and procedure, then the Update. The API and the console both act here.
 */
export async function performAction(
  options: ApiOptions,
  caller: ApiCaller,
  p: ProcedureApi,
  id: string,
  name: string,
  body: Record<string, unknown>,
): Promise<unknown> {
  const spec = p.actions[name];
  if (spec === undefined) throw new ProblemError(404, 'Not found', `${p.path} have no action ${name}`);
  if (!spec.roles.includes(caller.role)) {
    throw new ProblemError(
      403,
      'Forbidden',
      `${caller.id} has role ${caller.role}; ${name} needs ${spec.roles.join(' or ')}`,
    );
  }
  const action = spec.schema.safeParse({ ...body, actor: { id: caller.id, role: caller.role } });
  if (!action.success) throw new RequestInvalid('json', action.error);
  const handle = p.handle(options.client, id);
  const claim = options.claims
    ? (
        await options.claims.sign({
          actor: caller,
          action: name,
          workflowId: handle.workflowId,
          body: action.data as Record<string, unknown>,
        })
      ).claim
    : undefined;
  return p.act(handle, name, claim === undefined ? action.data : { ...(action.data as object), claim });
}

const idParam = z.object({ id: businessIdSchema.meta({ description: 'incident or lockout id (the business id)' }) });

export function procedureRoutes(app: OpenAPIHono<ApiEnv>): void {
  for (const p of PROCEDURES) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/v1/${p.path}`,
        tags: [p.path],
        summary: `Start a ${p.noun}, or reach the one already running for the same id`,
        security: [{ bearer: [] }],
        middleware: [requireRole(TRIGGER_ROLES)] as const,
        request: { body: { required: true, content: { 'application/json': { schema: p.startBody } } } },
        responses: {
          201: { description: 'Started', content: { 'application/json': { schema: startedSchema } } },
          200: {
            description: 'Already existed: reached it',
            content: { 'application/json': { schema: startedSchema } },
          },
          ...problemResponses(400, 401, 403, 413, 415, 422, 429),
        },
        ...rolesExtension(TRIGGER_ROLES),
      }),
      async (c) => {
        const { client, taskQueue } = c.get('options');
        const result = await p.start(client, c.req.valid('json'), taskQueue);
        const id = result.workflowId.slice(result.workflowId.indexOf(':') + 1);
        const body = { workflowId: result.workflowId, started: result.started, statusUrl: `/v1/${p.path}/${id}` };
        return c.json(body, result.started ? 201 : 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `/v1/${p.path}/{id}`,
        tags: [p.path],
        summary: `Where the ${p.noun} stands: milestones, deadlines, acknowledgement, deliveries, legal clocks`,
        security: [{ bearer: [] }],
        middleware: [requireRole(READ_ROLES)] as const,
        request: { params: idParam },
        responses: {
          200: { description: 'The status', content: { 'application/json': { schema: statusSchema } } },
          ...problemResponses(400, 401, 403, 404, 429),
        },
        ...rolesExtension(READ_ROLES),
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return c.json((await p.status(p.handle(c.get('options').client, id))) as Record<string, unknown>, 200);
      },
    );

    for (const [name, { fields, roles }] of Object.entries(p.actions)) {
      // The caller names neither the actor nor the claim: both come from the token.
      const set = Object.fromEntries(['actor', 'claim'].filter((k) => k in fields.shape).map((k) => [k, true]));
      const body = fields.omit(set as Record<string, true>);
      app.openapi(
        createRoute({
          method: 'post',
          path: `/v1/${p.path}/{id}/actions/${name}`,
          tags: [p.path],
          summary: `${name}: an Update to the ${p.noun}, as the token's name and role, with a signed actor claim`,
          security: [{ bearer: [] }],
          middleware: [requireRole(roles)] as const,
          request: { params: idParam, body: { required: true, content: { 'application/json': { schema: body } } } },
          responses: {
            200: { description: 'Accepted: the new status', content: { 'application/json': { schema: statusSchema } } },
            ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429),
          },
          ...rolesExtension(roles),
        }),
        async (c) => {
          const { id } = c.req.valid('param');
          const status = await performAction(c.get('options'), c.get('caller'), p, id, name, c.req.valid('json'));
          return c.json(status as Record<string, unknown>, 200);
        },
      );
    }
  }
}
