/** What every route shares: the request context, bearer authentication with roles, rate limits, problems. */
import type { Context, MiddlewareHandler } from 'hono';
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

/** The caller the request's bearer token belongs to, or null. */
export function authenticateBearer(c: Context<ApiEnv>): ApiCaller | null {
  const header = c.req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  return c.get('options').tokens.identify(token);
}

/** Bearer token → caller; 401 without a valid token, 403 for a role not in `roles`, 429 over the limit. */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const caller = authenticateBearer(c);
    if (!caller) {
      return problem(c, 401, 'Unauthorized', 'a valid bearer token is required', {}, { 'WWW-Authenticate': 'Bearer' });
    }
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
