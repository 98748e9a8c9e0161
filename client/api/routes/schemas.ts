/** Response shapes the OpenAPI document shows, shared by the routes. */
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** The procedure's `status` query, as the CLI's `--json` prints it. */
export const statusSchema = z.record(z.string(), z.unknown()).meta({ id: 'ProcedureStatus' });

export const startedSchema = z
  .object({ workflowId: z.string(), started: z.boolean(), statusUrl: z.string() })
  .meta({ id: 'Started' });

export const problemResponses = (...statuses: number[]) =>
  describedProblemResponses(Object.fromEntries(statuses.map((s) => [s, PROBLEM_TITLES[s] ?? 'Problem'])));

/** Problem responses with route-specific descriptions (e.g. signature refusals rather than token ones). */
export const describedProblemResponses = (descriptions: Record<number, string>) =>
  Object.fromEntries(
    Object.entries(descriptions).map(([s, description]) => [
      s,
      { description, content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid request (each bad field named)',
  401: 'Missing or invalid bearer token',
  403: 'The token’s role may not do this',
  404: 'No such procedure',
  409: 'The procedure refused the action (state, stale hash, …); nothing changed',
  413: 'Body too large',
  415: 'The body is not application/json',
  422: 'Well-formed but invalid input; nothing started',
  429: 'Rate limit reached (Retry-After)',
};
