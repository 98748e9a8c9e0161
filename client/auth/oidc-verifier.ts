/**
 * Single sign-on: OIDC access tokens (JWTs) from the organisation's identity provider, verified
 * with `jose` against the provider's JWKS (from its URL or a file), issuer and audience checked,
 * and one configured claim (`groups`, `roles`, …) mapped to Herald's roles. Shared by the HTTP API
 * and the codec server. Every refusal names its problem.
 */
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from 'jose';
import { ACTOR_CLAIM } from '../../workflows/domain/actor-claim.ts';
import type { Actor, Role } from '../../workflows/domain/status.ts';
import type { OidcConfig } from '../../workers/config.ts';

/** One mapping entry: tokens whose role claim holds `value` act as `role`. First match wins. */
export interface OidcRoleMapping {
  value: string;
  role: Role;
}

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Where the provider's signing keys are: its JWKS URL, or a JWKS file read at start. */
  jwks: { url: string } | { file: string };
  /** Dotted path of the claim carrying groups or roles, e.g. `groups` or `realm_access.roles`. */
  roleClaim: string;
  /** In order: a token in several mapped groups acts in the first one's role. */
  roles: readonly OidcRoleMapping[];
  /** The claim naming the actor in the audit trail (`sub`, `preferred_username`, `email`). */
  actorClaim: string;
}

/** The outcome of checking a token: who it is, or the status and the problem to answer. */
export type TokenOutcome = { ok: true; caller: Actor } | { ok: false; status: 401 | 403 | 503; detail: string };

/** Asymmetric algorithms only: a JWKS never holds the secret an HS256 token would need. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** A compact JWS: three base64url parts (hashed API tokens never look like this). */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

export class OidcVerifier {
  readonly #settings: OidcSettings;
  readonly #keys: JWTVerifyGetKey;
  readonly #now: () => Date;

  private constructor(settings: OidcSettings, keys: JWTVerifyGetKey, now: () => Date) {
    this.#settings = settings;
    this.#keys = keys;
    this.#now = now;
  }

  /** Reads a JWKS file now (restart to reload it); a URL is fetched on first use and cached. */
  static async create(settings: OidcSettings, options: { now?: () => Date } = {}): Promise<OidcVerifier> {
    let keys: JWTVerifyGetKey;
    if ('url' in settings.jwks) {
      keys = createRemoteJWKSet(new URL(settings.jwks.url), { timeoutDuration: 3000, cooldownDuration: 30_000 });
    } else {
      const { file } = settings.jwks;
      let set: JSONWebKeySet;
      try {
        set = JSON.parse(await readFile(file, 'utf8')) as JSONWebKeySet;
        if (!Array.isArray(set.keys)) throw new Error('no "keys" array');
      } catch (err) {
        throw new Error(`HERALD_OIDC_JWKS_FILE ${file}: ${(err as Error).message}`);
      }
      keys = createLocalJWKSet(set);
    }
    return new OidcVerifier(settings, keys, options.now ?? (() => new Date()));
  }

  /** Checks signature, issuer, audience and time, then maps the role claim. */
  async verify(token: string): Promise<TokenOutcome> {
    const s = this.#settings;
    const refuse = (detail: string, status: 401 | 403 | 503 = 401): TokenOutcome => ({ ok: false, status, detail });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#keys, {
        issuer: s.issuer,
        audience: s.audience,
        algorithms: ALGORITHMS,
        currentDate: this.#now(),
        clockTolerance: 30,
      }));
    } catch (err) {
      return refuse(...explain(err, token, s));
    }
    if (payload.iss === ACTOR_CLAIM.issuer) return refuse('an actor claim is not an access token');
    const actor = claimAt(payload, s.actorClaim);
    if (typeof actor !== 'string' || actor.length === 0 || actor.length > 120) {
      return refuse(`the access token has no usable ${s.actorClaim} claim to name the actor`);
    }
    const held = valuesOf(claimAt(payload, s.roleClaim));
    const mapped = s.roles.find((m) => held.includes(m.value));
    if (mapped === undefined) {
      const shown = held.length ? held.slice(0, 10).join(', ') : 'none';
      return refuse(
        `${actor}'s ${s.roleClaim} (${shown}) map to no Herald role; mapped: ${s.roles.map((m) => m.value).join(', ')}`,
        403,
      );
    }
    return { ok: true, caller: { id: actor, role: mapped.role } };
  }
}

/** What went wrong, in words, with the status to answer. */
function explain(err: unknown, token: string, s: OidcSettings): [string, 401 | 503] {
  if (err instanceof errors.JWTExpired) return [`the access token expired (exp ${String(err.payload.exp)})`, 401];
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return [`wrong issuer ${JSON.stringify(err.payload.iss)}: expected ${s.issuer}`, 401];
    if (err.claim === 'aud') return [`wrong audience ${JSON.stringify(err.payload.aud)}: expected ${s.audience}`, 401];
    if (err.claim === 'nbf') return ['the access token is not valid yet (nbf)', 401];
    return [`the access token's ${err.claim} claim is invalid (${err.reason})`, 401];
  }
  if (err instanceof errors.JWKSNoMatchingKey) {
    let kid = '(none)';
    try {
      kid = decodeProtectedHeader(token).kid ?? kid;
    } catch {
      // The header was readable to get here; keep the placeholder.
    }
    return [`unknown signing key: kid ${kid} is not in the identity provider's JWKS`, 401];
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return ['the access token signature does not verify', 401];
  if (err instanceof errors.JOSEAlgNotAllowed) return ['the access token is signed with an algorithm not allowed', 401];
  // The provider's JWKS endpoint down, slow or answering non-200 (jose's generic error): try again later.
  const unreachable =
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    err instanceof TypeError ||
    (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC');
  if (unreachable) return [`cannot fetch the identity provider's JWKS: ${err.message}`, 503];
  if (err instanceof errors.JOSEError) return [`not a valid access token: ${err.message}`, 401];
  return [`cannot check the access token: ${err instanceof Error ? err.message : String(err)}`, 503];
}

/** The value at a dotted path in the payload. */
function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim as a list of strings: an array, or a space-separated string (`scope`-style). */
function valuesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

/** The OIDC settings the configuration describes, or undefined when OIDC is off. */
export function oidcSettingsOf(config: OidcConfig): OidcSettings | undefined {
  const issuer = config.HERALD_OIDC_ISSUER;
  const audience = config.HERALD_OIDC_AUDIENCE;
  if (issuer === undefined || audience === undefined) return undefined;
  const jwks = config.HERALD_OIDC_JWKS_URL
    ? { url: config.HERALD_OIDC_JWKS_URL }
    : { file: config.HERALD_OIDC_JWKS_FILE ?? '' };
  return {
    issuer,
    audience,
    jwks,
    roleClaim: config.HERALD_OIDC_ROLE_CLAIM,
    roles: config.HERALD_OIDC_ROLES,
    actorClaim: config.HERALD_OIDC_ACTOR_CLAIM,
  };
}

/** An OIDC verifier when the configuration turns OIDC on. */
export async function oidcVerifierOf(config: OidcConfig): Promise<OidcVerifier | undefined> {
  const settings = oidcSettingsOf(config);
  return settings === undefined ? undefined : OidcVerifier.create(settings);
}
