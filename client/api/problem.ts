/** RFC 9457 problem details: every error the API answers is `application/problem+json` naming the problem. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Each bad field, for validation problems. */
  errors?: { field: string; message: string }[];
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const body: Problem = { type: 'about:blank', title, status, detail, ...extra };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json', ...headers });
}

/** Zod issues as `field: message` pairs; the detail line names every field. */
export function validationProblem(c: Context, where: string, error: z.ZodError): Response {
  const errors = error.issues.map((i) => ({ field: [where, ...i.path].join('.'), message: i.message }));
  return problem(c, 400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/** Thrown where a handler finds the request invalid after the route's own validation. */
export class RequestInvalid extends Error {
  constructor(
    readonly where: string,
    readonly zodError: z.ZodError,
  ) {
    super(zodError.message);
  }
}

/** Thrown by a handler to answer a problem (the app's error handler renders it). */
export class ProblemError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
  }
}
