/** What every route shares: the request context, bearer authentication (API tokens, OIDC) with roles, rate limits, problems. */
import type { Context, MiddlewareHandler } from 'hono';
import { looksLikeJwt } from '../../auth/oidc-verifier.ts';
import type { Role } from '../../../workflows/domain/status.ts';
import type { ApiOptions } from '../app.ts';
import { problem } from '../problem.ts';
import type { RateLimiter } from '../rate-limit.ts';
import type { ApiCaller } from '../tokens.ts';

export interface ApiEnv {
  Variables: { options: ApiOptions; limiter: RateLimiter; caller: ApiCaller };
}

/** Roles allowed to trigger, read, or act; action routes narrow further to the action's own roles. */
export const TRIGGER_ROLES: readonly Role[] = ['integration', 'responder'];
export const READ_ROLES: readonly Role[] = ['responder', 'legal', 'compliance', 'integration'];

/** The `x-herald-roles` extension: who may call the route (the auth matrix test reads it). */
export const rolesExtension = (roles: readonly Role[]) => ({ 'x-herald-roles': [...roles] });

/** Takes one request from `key`'s budget: null while there is one, else the 429 to answer. */
export function rateLimited(c: Context<ApiEnv>, key: string): Response | null {
  const taken = c.get('limiter').take(key);
  if (taken.ok) return null;
  return problem(
    c,
    429,
    'Too many requests',
    `rate limit of ${c.get('options').rateLimitPerMinute} requests a minute`,
    {},
    {
      'Retry-After': String(taken.retryAfterSeconds),
    },
  );
}

/** Who a request's bearer token is: a caller, or the status and problem to answer. */
export type Authentication = { ok: true; caller: ApiCaller } | { ok: false; status: 401 | 403 | 503; detail: string };

const NO_TOKEN: Authentication = { ok: false, status: 401, detail: 'a valid bearer token is required' };

/**
 * The caller the request's bearer token belongs to: one of the API's hashed tokens, or an OIDC
 * access token from the configured identity provider (signature, issuer, audience, expiry, role).
 */
export async function authenticateBearer(c: Context<ApiEnv>): Promise<Authentication> {
  const header = c.req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return identifyToken(c.get('options'), token);
}

/** The caller a token belongs to: one of the API's tokens, or a verified OIDC access token. */
export async function identifyToken(
  { tokens, oidc }: Pick<ApiOptions, 'tokens' | 'oidc'>,
  token: string | undefined,
): Promise<Authentication> {
  if (!token) return NO_TOKEN;
  const caller = tokens.identify(token);
  if (caller) return { ok: true, caller };
  if (oidc !== undefined && looksLikeJwt(token)) return oidc.verify(token);
  return NO_TOKEN;
}

/** The problem+json answer to a failed authentication. */
export function authenticationProblem(c: Context<ApiEnv>, failed: Exclude<Authentication, { ok: true }>): Response {
  const title = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service unavailable' }[failed.status];
  const headers: Record<string, string> =
    failed.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : failed.status === 503 ? { 'Retry-After': '5' } : {};
  return problem(c, failed.status, title, failed.detail, {}, headers);
}

/** Bearer token → caller; 401 without a valid token, 403 for a role not in `roles`, 429 over the limit. */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const auth = await authenticateBearer(c);
    if (!auth.ok) return authenticationProblem(c, auth);
    const { caller } = auth;
    const limited = rateLimited(c, `token:${caller.id}`);
    if (limited) return limited;
    if (!roles.includes(caller.role)) {
      return problem(c, 403, 'Forbidden', `${caller.id} has role ${caller.role}; this needs ${roles.join(' or ')}`);
    }
    c.set('caller', caller);
    await next();
    return undefined;
  };
}
