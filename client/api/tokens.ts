/**
 * API tokens: each a name and a role, stored as the SHA-256 of the token (the file never holds a
 * token). The actor of every action is the token's name and role: callers cannot assert either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../../workflows/domain/status.ts';
import type { Role } from '../../workflows/domain/status.ts';

export const apiTokensSchema = z
  .array(
    z.object({
      /** Shown as the actor in the audit trail, e.g. "olga" or "pagerduty-bridge". */
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$/, 'letters, digits and . _ @ - only'),
      role: z.enum(ROLES),
      /** Lowercase hex SHA-256 of the token: `printf %s "$TOKEN" | sha256sum`. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-character hex SHA-256 of the token'),
    }),
  )
  .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'token ids must be unique');
export type ApiTokenEntry = z.infer<typeof apiTokensSchema>[number];

/** Who a request acts as. */
export interface ApiCaller {
  id: string;
  role: Role;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class TokenRegistry {
  readonly #entries: { digest: Buffer; caller: ApiCaller }[];

  constructor(entries: readonly ApiTokenEntry[]) {
    this.#entries = entries.map((e) => ({ digest: Buffer.from(e.sha256, 'hex'), caller: { id: e.id, role: e.role } }));
  }

  /** The caller a bearer token belongs to, or null (compared in constant time). */
  identify(token: string | undefined): ApiCaller | null {
    if (!token) return null;
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: ApiCaller | null = null;
    for (const e of this.#entries) if (timingSafeEqual(e.digest, digest)) found = e.caller;
    return found;
  }
}
