/**
 * `POST /v1/claims`: a signed actor claim for one action on one procedure, for the caller of the
 * bearer token — what `herald` sends with a privileged action it takes straight to Temporal. The
 * token decides who acts and in which role; the role must be one the action allows.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { claimProcedureOf } from '../../../workflows/domain/actor-claim.ts';
import type { ClaimProcedure } from '../../../workflows/domain/actor-claim.ts';
import { LOCKOUT_ACTION_ROLES } from '../../../workflows/domain/lockout-actions.ts';
import { ACTION_ROLES } from '../../../workflows/domain/operator-actions.ts';
import type { Role } from '../../../workflows/domain/status.ts';
import { CLAIM_TTL_SECONDS } from '../claims/claim-signer.ts';
import { ProblemError } from '../problem.ts';
import type { ApiEnv } from './route-kit.ts';
import { requireRole, rolesExtension } from './route-kit.ts';
import { problemResponses } from './schemas.ts';

/** Who may take which action, per procedure. */
const ACTION_ROLES_OF: Record<ClaimProcedure, Readonly<Record<string, readonly Role[]>>> = {
  'data-leak': ACTION_ROLES,
  lockout: LOCKOUT_ACTION_ROLES,
};

/** Everyone who may take some action. */
const CLAIM_ROLES: readonly Role[] = [
  ...new Set(Object.values(ACTION_ROLES_OF).flatMap((table) => Object.values(table).flat())),
];

const claimRequestSchema = z
  .strictObject({
    workflowId: z
      .string()
      .regex(
        /^(drill:)?(data-leak|lockout):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
        'must be data-leak:<id> or lockout:<id>, with drill: in front for a drill',
      )
      .meta({ example: 'data-leak:INC-1042' }),
    action: z.string().min(1).max(60).meta({ description: 'the action’s name, e.g. approve', example: 'approve' }),
    version: z.number().int().positive().optional().meta({ description: 'approve/reject: the draft version' }),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .meta({ description: 'approve: the SHA-256 of the exact draft text' }),
    kind: z.string().min(1).max(40).optional().meta({ description: 'override: its kind' }),
    milestone: z.string().min(1).max(60).optional().meta({ description: 'override: its milestone' }),
  })
  .meta({ description: 'The action a claim is for: the fields it binds are the action’s own' });

const claimSchema = z
  .object({
    claim: z.string().meta({ description: 'compact JWS (EdDSA), typ herald-actor+jwt: send it as the action’s claim' }),
    kid: z.string(),
    expiresAt: z.string(),
    actor: z.object({ id: z.string(), role: z.string() }),
    workflowId: z.string(),
    action: z.string(),
  })
  .meta({ description: `A claim, valid for ${CLAIM_TTL_SECONDS} s and one use` });

export function claimRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/claims',
      tags: ['claims'],
      summary: 'A signed actor claim for one action on one procedure, as the token’s name and role',
      security: [{ bearer: [] }],
      middleware: [requireRole(CLAIM_ROLES)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: claimRequestSchema } } } },
      responses: {
        200: { description: 'The claim', content: { 'application/json': { schema: claimSchema } } },
        ...problemResponses(400, 401, 403, 404, 413, 415, 429),
      },
      ...rolesExtension(CLAIM_ROLES),
    }),
    async (c) => {
      const signer = c.get('options').claims;
      if (signer === undefined) {
        throw new ProblemError(404, 'Not found', 'actor claims are off: the API has no HERALD_ACTOR_SIGNING_KEY_FILE');
      }
      const request = c.req.valid('json');
      const procedure = claimProcedureOf(request.workflowId);
      const table = procedure === null ? {} : ACTION_ROLES_OF[procedure];
      const roles = table[request.action];
      if (procedure === null || roles === undefined) {
        throw new ProblemError(
          400,
          'Invalid request',
          `no action ${request.action} on ${procedure ?? 'that'} procedure; one of ${Object.keys(table).join(', ')}`,
        );
      }
      const caller = c.get('caller');
      if (!roles.includes(caller.role)) {
        throw new ProblemError(
          403,
          'Forbidden',
          `${caller.id} has role ${caller.role}; ${request.action} needs ${roles.join(' or ')}`,
        );
      }
      const { workflowId, action, ...body } = request;
      const signed = await signer.sign({ actor: caller, action, workflowId, body });
      return c.json(
        { claim: signed.claim, kid: signer.kid, expiresAt: signed.expiresAt, actor: caller, workflowId, action },
        200,
      );
    },
  );
}
