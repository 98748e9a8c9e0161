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

function rateLimited(c: Context<ApiEnv>, key: string): Response | null {
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

/** Bearer token → caller; 401 without a valid token, 403 for a role not in `roles`, 429 over the limit. */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const caller = c.get('options').tokens.identify(token);
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

/** Rate limit for unauthenticated-by-token endpoints (signed webhooks), keyed by source. */
export function limitBy(key: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const limited = rateLimited(c, key);
    if (limited) return limited;
    await next();
    return undefined;
  };
}
