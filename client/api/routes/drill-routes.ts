/**
 * Drills over HTTP: `POST /v1/drills` starts a procedure as a drill (as the token's name), then it
 * is followed and acted on under `/v1/data-leaks/{id}` or `/v1/lockouts/{id}` like an incident;
 * `GET /v1/drills/reports` lists the finished drills' reports with their trend and
 * `GET /v1/drills/reports/{procedure}/{id}` shows one. The reports are read from the worker's store,
 * which the API shares only on PostgreSQL: without it the report routes answer 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_DRILL_TIME_SCALE, DRILL_PROCEDURES, DRILL_SCENARIOS } from '../../../workflows/domain/drill.ts';
import type { DrillReport } from '../../../workflows/domain/drill-report.ts';
import { businessIdSchema } from '../../../workflows/domain/incident.ts';
import { drillReportKey, listDrillReports, startDrill } from '../../drill-client.ts';
import type { DrillReportStore } from '../../drill-client.ts';
import { ProblemError } from '../problem.ts';
import type { ApiEnv } from './route-kit.ts';
import { READ_ROLES, requireRole, rolesExtension, TRIGGER_ROLES } from './route-kit.ts';
import { problemResponses, startedSchema } from './schemas.ts';

/** The most a drill may compress its clocks over the API: 72 h in 36 s. */
const MIN_TIME_SCALE = 1 / 7200;

const drillStartSchema = z
  .strictObject({
    procedure: z.enum(DRILL_PROCEDURES).meta({ description: 'the procedure to practise' }),
    scenario: z.enum(DRILL_SCENARIOS).default('none').meta({
      description: 'the fault from the fault matrix the drill practises (recorded; injected where the sandbox runs)',
    }),
    timeScale: z
      .number()
      .min(MIN_TIME_SCALE)
      .max(1)
      .default(DEFAULT_DRILL_TIME_SCALE)
      .meta({ description: 'compression of every clock (the policy stays as it is); default 1/720, 72 h in 6 min' }),
    crmProgram: z.string().min(1).max(80).default('Physics').meta({
      description: 'data-leak: the CRM program whose records size the audience (all replaced by the drill sink)',
    }),
    euPersonalDataInterrupted: z
      .boolean()
      .default(false)
      .meta({ description: 'lockout: EU processing interrupted, so the GDPR assessment runs too, as a drill' }),
  })
  .meta({
    description: 'A drill to start: staff paged with [DRILL], every external recipient replaced by the drill sink',
  });

const drillReportSchema = z
  .looseObject({
    drillId: z.string(),
    procedure: z.enum(DRILL_PROCEDURES),
    scenario: z.enum(DRILL_SCENARIOS),
    startedBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    timeScale: z.number(),
    timeToAcknowledgePolicyMinutes: z.number().nullable(),
    milestones: z.array(z.object({ id: z.string(), state: z.string(), slackPolicyMinutes: z.number().nullable() })),
    findings: z.array(z.string()),
  })
  .meta({
    id: 'DrillReport',
    description:
      'A finished drill: time to acknowledge, milestone slack, escalations, who answered, fallbacks, blocked steps, failed attempts, findings (docs/drills.md)',
  });

const reportListSchema = z
  .object({
    reports: z.array(
      drillReportSchema.extend({
        ackChangePolicyMinutes: z.number().nullable().meta({
          description: 'time to acknowledge against the drill before of the same procedure; negative is better',
        }),
      }),
    ),
  })
  .meta({ id: 'DrillReports' });

const reportParams = z.object({
  procedure: z.enum(DRILL_PROCEDURES),
  id: businessIdSchema.meta({ description: 'the drill’s id, drill-<UTC time>', example: 'drill-20261203T061500Z' }),
});

/** The store the reports are read from, or the 404 that says why there is none. */
function reportStore(store: DrillReportStore | undefined): DrillReportStore {
  if (store === undefined) {
    throw new ProblemError(
      404,
      'Not found',
      'drill reports are kept in the worker’s store; the API reads them only when both share PostgreSQL (DATABASE_URL)',
    );
  }
  return store;
}

export function drillRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/drills',
      tags: ['drills'],
      summary: 'Start a procedure as a drill, as the token’s name (one drill per procedure and second)',
      security: [{ bearer: [] }],
      middleware: [requireRole(TRIGGER_ROLES)] as const,
      request: { body: { required: true, content: { 'application/json': { schema: drillStartSchema } } } },
      responses: {
        201: { description: 'Started', content: { 'application/json': { schema: startedSchema } } },
        200: {
          description: 'A drill of this procedure started in the same second: reached it',
          content: { 'application/json': { schema: startedSchema } },
        },
        ...problemResponses(400, 401, 403, 413, 415, 422, 429),
      },
      ...rolesExtension(TRIGGER_ROLES),
    }),
    async (c) => {
      const { client, taskQueue } = c.get('options');
      const body = c.req.valid('json');
      const startedBy = c.get('caller').id;
      const result = await startDrill(
        client,
        body.procedure === 'lockout'
          ? { ...body, procedure: 'lockout', startedBy }
          : { ...body, procedure: 'data-leak', startedBy },
        taskQueue,
      );
      const id = result.workflowId.slice(result.workflowId.lastIndexOf(':') + 1);
      const statusUrl = `/v1/${body.procedure === 'lockout' ? 'lockouts' : 'data-leaks'}/${id}`;
      return c.json({ workflowId: result.workflowId, started: result.started, statusUrl }, result.started ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/drills/reports',
      tags: ['drills'],
      summary: 'Every finished drill’s report, oldest first, with the change in time to acknowledge',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      responses: {
        200: { description: 'The reports', content: { 'application/json': { schema: reportListSchema } } },
        ...problemResponses(401, 403, 404, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      const reports = await listDrillReports(reportStore(c.get('options').drillReports));
      return c.json({ reports } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/drills/reports/{procedure}/{id}',
      tags: ['drills'],
      summary: 'One finished drill’s report, with the SHA-256 its audit entry records',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: { params: reportParams },
      responses: {
        200: {
          description: 'The report',
          content: {
            'application/json': { schema: z.object({ sha256: z.string(), report: drillReportSchema }) },
          },
        },
        ...problemResponses(400, 401, 403, 404, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      const { procedure, id } = c.req.valid('param');
      const stored = await reportStore(c.get('options').drillReports).latest(
        drillReportKey(procedure, id),
        'drill-report',
      );
      if (stored === null) throw new ProblemError(404, 'Not found', `no finished ${procedure} drill ${id}`);
      const report = JSON.parse(stored.body) as DrillReport;
      return c.json({ sha256: stored.sha256, report } as never, 200);
    },
  );
}
