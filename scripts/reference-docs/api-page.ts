/**
 * docs/reference/api.md: every operation of the OpenAPI 3.1 document the API serves at
 * /openapi.json, asked of the app `buildApi` makes. Serving the document calls nothing, so the
 * Temporal client and the trigger processor are never used.
 */
import type { Client } from '@temporalio/client';
import { buildApi } from '../../client/api/app.ts';
import type { ApiOptions } from '../../client/api/app.ts';
import { TokenRegistry } from '../../client/api/tokens.ts';
import { code, generatedNotice, prose, table } from './markdown.ts';
import { schemaType } from './schema-type.ts';
import type { JsonSchema, Resolve } from './schema-type.ts';

interface Operation {
  summary?: string;
  description?: string;
  'x-herald-roles'?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  info: { description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export async function openApiDocument(): Promise<OpenApiDocument> {
  const app = buildApi({
    client: {} as Client,
    taskQueue: 'herald',
    tokens: new TokenRegistry([]),
    alertRoutes: {},
    triggers: {} as ApiOptions['triggers'],
    rateLimitPerMinute: 1,
    maxBodyBytes: 1024,
    // Documented as served with a shared PostgreSQL store; describing them reads nothing.
    templates: { registry: {} as NonNullable<ApiOptions['templates']>['registry'], review: 'off' },
  });
  const res = await app.request('/openapi.json');
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

export async function apiPage(): Promise<string> {
  const doc = await openApiDocument();
  const resolve: Resolve = (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    const schema = doc.components?.schemas?.[name];
    if (schema === undefined) throw new Error(`/openapi.json: no ${ref}`);
    return { name, schema };
  };
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) => operationSection(method.toUpperCase(), path, op, resolve)),
  );
  return [
    generatedNotice('the OpenAPI document `client/api/app.ts` serves at `/openapi.json`'),
    '',
    '# HTTP API',
    '',
    `${prose(doc.info.description ?? '')} The whole document, with every schema, is served at \`GET /openapi.json\`. Callers authenticate with a bearer token (an API token or an OIDC access token) whose role must be among the operation's roles; operations without roles take no bearer token (their summaries say how the sender is verified).`,
    '',
    ...sections,
  ].join('\n');
}

function operationSection(method: string, path: string, op: Operation, resolve: Resolve): string[] {
  const roles = op['x-herald-roles'] ?? [];
  const params = op.parameters ?? [];
  return [
    `## ${code(`${method} ${path}`)}`,
    '',
    prose(op.summary ?? ''),
    '',
    ...(op.description ? [prose(op.description), ''] : []),
    `Roles: ${roles.length === 0 ? 'none (no bearer token)' : roles.map(code).join(', ')}`,
    '',
    ...(params.length === 0
      ? []
      : [
          table(
            ['Parameter', 'In', 'Type', 'Description'],
            params.map((p) => [
              code(p.name),
              p.required ? `${p.in}, required` : p.in,
              p.schema ? schemaType(p.schema, resolve) : '',
              prose(p.description ?? ''),
            ]),
          ),
          '',
        ]),
    ...bodySection(op.requestBody, resolve),
    table(
      ['Status', 'Meaning'],
      Object.entries(op.responses).map(([status, r]) => [status, prose(r.description ?? '')]),
    ),
    '',
  ];
}

/** The body's top-level fields (of each item, for an array of objects); otherwise its type. */
function bodySection(body: Operation['requestBody'], resolve: Resolve): string[] {
  const [contentType, media] = Object.entries(body?.content ?? {})[0] ?? [];
  if (contentType === undefined) return [];
  const deref = (s: JsonSchema | undefined) => (s?.$ref ? resolve(s.$ref).schema : s);
  const schema = deref(media?.schema) ?? {};
  const item = schema.type === 'array' ? deref(schema.items) : undefined;
  const [fields, shape] = hasFields(item)
    ? [item, 'an array of objects with these fields']
    : hasFields(schema)
      ? [schema, 'an object with these fields']
      : [undefined, schemaType(schema, resolve)];
  const intro = `Body (${code(contentType)}): ${shape}${schema.description ? ` — ${prose(schema.description)}` : ''}`;
  if (!fields?.properties) return [intro, ''];
  const required = new Set(fields.required ?? []);
  return [
    intro,
    '',
    table(
      ['Field', 'Type', 'Required', 'Description'],
      Object.entries(fields.properties).map(([name, field]) => [
        code(name),
        schemaType(field, resolve),
        required.has(name) ? 'yes' : 'no',
        prose(field.description ?? deref(field)?.description ?? ''),
      ]),
    ),
    '',
  ];
}

const hasFields = (schema: JsonSchema | undefined): boolean => Object.keys(schema?.properties ?? {}).length > 0;
