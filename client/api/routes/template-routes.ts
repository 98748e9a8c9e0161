/**
 * The message-template registry over HTTP: `GET /v1/templates` (every version), one version, a diff
 * between two, and the lifecycle — propose (the token's name is the author), submit for review,
 * approve (compliance or legal, never the author, after a passed accessibility review unless the
 * review is off). Registered only when the API has the store.
 */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { diffTemplateVersions } from '../../../activities/templates/template-diff.ts';
import { APPROVER_ROLES, TEMPLATE_STATES } from '../../../activities/templates/template-lifecycle.ts';
import type { ApiEnv } from './route-kit.ts';
import { READ_ROLES, requireRole, rolesExtension } from './route-kit.ts';
import { describedProblemResponses, problemResponses } from './schemas.ts';
import { approveVersion, foundVersion, PROPOSE_ROLES, proposeVersion, submitVersion } from './template-actions.ts';
import type { TemplateRouteOptions } from './template-actions.ts';

export type { TemplateRouteOptions } from './template-actions.ts';

export const textsSchema = z
  .strictObject({
    subject: z.string().max(1000),
    text: z.string().max(100_000),
    smsHead: z.string().max(1000),
    smsBody: z.string().max(2000),
    smsTail: z.string().max(1000),
  })
  .meta({ id: 'TemplateTexts', description: 'ICU MessageFormat texts of one locale' });

const reviewSchema = z
  .object({
    passed: z.boolean(),
    at: z.string(),
    findings: z.array(z.string()).describe('what failed, one line each; empty when it passed'),
    sha256: z.string().describe('the texts reviewed'),
    locale: z.string().describe('the language of the email judged (<html lang>)'),
    axe: z.object({
      version: z.string().describe('axe-core version'),
      violations: z.array(
        z.object({
          id: z.string(),
          impact: z.string().nullable(),
          help: z.string(),
          nodes: z.number().int(),
          targets: z.array(z.string()).optional().describe('the elements, as axe-core CSS selectors'),
        }),
      ),
    }),
    sms: z.object({ chars: z.number().int(), encoding: z.string(), segments: z.number().int() }).optional(),
  })
  .meta({
    id: 'TemplateReview',
    description:
      'The accessibility review: axe-core in Chromium over the email rendered with the sample parameters, a plain-text part, the SMS segment budget',
  });

const versionSchema = z
  .object({
    templateId: z.string(),
    locale: z.string(),
    version: z.number().int(),
    texts: textsSchema,
    sha256: z.string(),
    state: z.enum(TEMPLATE_STATES),
    author: z.string(),
    note: z.string().optional(),
    validation: z.object({ problems: z.array(z.string()) }).passthrough(),
    review: reviewSchema.optional(),
    approver: z.string().optional(),
    approverRole: z.string().optional(),
    createdAt: z.string(),
    submittedAt: z.string().optional(),
    approvedAt: z.string().optional(),
  })
  .meta({ id: 'TemplateVersion' });

export const variantParams = z.object({
  templateId: z.string().regex(/^[a-z][a-z-]*$/, 'a template id such as ops-alert'),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as de or fr-CA'),
});
const versionParams = variantParams.extend({ version: z.coerce.number().int().min(1) });

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** What a proposal carries: the five parts and a note. */
export const proposalSchema = z.strictObject({ texts: textsSchema, note: z.string().max(500).optional() });

export function templateRoutes(app: OpenAPIHono<ApiEnv>, options: TemplateRouteOptions): void {
  const { registry } = options;
  const found = (templateId: string, locale: string, version: number) =>
    foundVersion(registry, templateId, locale, version);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates',
      tags: ['templates'],
      summary: 'Every version of every message template, oldest first per template and locale',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: { query: z.object({ templateId: z.string().optional() }) },
      responses: {
        200: json(z.object({ templates: z.array(versionSchema) }), 'The versions'),
        ...problemResponses(400, 401, 403, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => c.json({ templates: await registry.list(c.req.valid('query').templateId) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      // Before /{version}: "diff" is not a version.
      path: '/v1/templates/{templateId}/{locale}/diff',
      tags: ['templates'],
      summary: 'A unified diff between two versions, one section per changed part',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: {
        params: variantParams,
        query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      },
      responses: {
        200: json(z.object({ diff: z.string() }), 'The diff (empty when the texts are equal)'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      const { templateId, locale } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const diff = diffTemplateVersions(await found(templateId, locale, from), await found(templateId, locale, to));
      return c.json({ diff }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates/{templateId}/{locale}/{version}',
      tags: ['templates'],
      summary: 'One version of a template in one locale',
      security: [{ bearer: [] }],
      middleware: [requireRole(READ_ROLES)] as const,
      request: { params: versionParams },
      responses: { 200: json(versionSchema, 'The version'), ...problemResponses(400, 401, 403, 404, 429) },
      ...rolesExtension(READ_ROLES),
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await found(p.templateId, p.locale, p.version), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates/{templateId}/{locale}',
      tags: ['templates'],
      summary: 'Propose a new version (a draft; you are its author). Refused unless it validates',
      security: [{ bearer: [] }],
      middleware: [requireRole(PROPOSE_ROLES)] as const,
      request: {
        params: variantParams,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: proposalSchema,
            },
          },
        },
      },
      responses: {
        201: json(versionSchema, 'The draft'),
        ...problemResponses(400, 401, 403, 404, 413, 415, 429),
      },
      ...rolesExtension(PROPOSE_ROLES),
    }),
    async (c) => {
      const { templateId, locale } = c.req.valid('param');
      const { texts, note } = c.req.valid('json');
      const draft = await proposeVersion(options, c.get('caller'), { templateId, locale, texts, note });
      return c.json(draft, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates/{templateId}/{locale}/{version}/submit',
      tags: ['templates'],
      summary: 'Put a draft into review',
      security: [{ bearer: [] }],
      middleware: [requireRole(PROPOSE_ROLES)] as const,
      request: {
        params: versionParams,
        body: { required: true, content: { 'application/json': { schema: z.strictObject({}) } } },
      },
      responses: { 200: json(versionSchema, 'In review'), ...problemResponses(400, 401, 403, 404, 409, 415, 429) },
      ...rolesExtension(PROPOSE_ROLES),
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await submitVersion(options, c.get('caller'), p.templateId, p.locale, p.version), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates/{templateId}/{locale}/{version}/approve',
      tags: ['templates'],
      summary:
        'Approve a version in review: compliance or legal, never its author, after a passed accessibility review (run now and stored with the version, unless it has one); new procedures pin it',
      security: [{ bearer: [] }],
      middleware: [requireRole(APPROVER_ROLES)] as const,
      request: {
        params: versionParams,
        body: { required: true, content: { 'application/json': { schema: z.strictObject({}) } } },
      },
      responses: {
        200: json(versionSchema, 'Approved'),
        ...problemResponses(400, 401, 403, 404, 409, 415, 429),
        ...describedProblemResponses({ 503: 'The accessibility review cannot run (no Chromium); nothing changed' }),
      },
      ...rolesExtension(APPROVER_ROLES),
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await approveVersion(options, c.get('caller'), p.templateId, p.locale, p.version), 200);
    },
  );
}
