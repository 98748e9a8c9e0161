/**
 * Who may call the codec server, which decrypts every payload: a static bearer token (the Temporal
 * CLI's `--codec-auth`, scripts), compared in constant time over SHA-256 digests, and/or the user's
 * OIDC access token that Temporal UI forwards (`TEMPORAL_CODEC_PASS_ACCESS_TOKEN`). Nobody else —
 * unless explicitly running without authentication on loopback for local development.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { looksLikeJwt } from '../auth/oidc-verifier.ts';
import type { OidcVerifier } from '../auth/oidc-verifier.ts';

export interface CodecAuthOptions {
  /** Bearer token callers may present. */
  token?: string;
  /** OIDC access tokens (as Temporal UI forwards them): any mapped role but `integration`. */
  oidc?: OidcVerifier;
  /** No authentication: only for a server on loopback (local development, the demo). */
  allowUnauthenticated?: boolean;
}

export type CodecAuthOutcome = { ok: true } | { ok: false; status: 401 | 403 | 503; detail: string };

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Builds the check for one server; throws when no way to authenticate is configured. */
export function codecAuthenticator(options: CodecAuthOptions): (authorization?: string) => Promise<CodecAuthOutcome> {
  const { token, oidc, allowUnauthenticated } = options;
  if (token === undefined && oidc === undefined && allowUnauthenticated !== true) {
    throw new Error(
      'the codec server decrypts every payload: configure a token or OIDC (or allowUnauthenticated on loopback)',
    );
  }
  // Equal-length digests: timingSafeEqual then leaks neither the token nor its length.
  const expected = token === undefined ? undefined : digest(token);
  return async (authorization) => {
    if (token === undefined && oidc === undefined) return { ok: true };
    const presented = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (presented === undefined || presented === '') {
      return { ok: false, status: 401, detail: 'a bearer token is required' };
    }
    if (expected !== undefined && timingSafeEqual(digest(presented), expected)) return { ok: true };
    if (oidc !== undefined && looksLikeJwt(presented)) {
      const outcome = await oidc.verify(presented);
      if (!outcome.ok) return outcome;
      if (outcome.caller.role === 'integration') {
        return {
          ok: false,
          status: 403,
          detail: `${outcome.caller.id} has role integration, which never reads payloads`,
        };
      }
      return { ok: true };
    }
    return { ok: false, status: 401, detail: 'a valid bearer token is required' };
  };
}
