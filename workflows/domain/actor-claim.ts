/**
 * Signed actor claims (issue 13, DESIGN convention 16): the contract between the API that signs and
 * the workflow that verifies. A claim is a compact JWS, Ed25519 (`alg: "EdDSA"`), header
 * `{ alg, typ: "herald-actor+jwt", kid }`, payload {@link ActorClaimPayload}. Pure: parsing,
 * schemas and the checks that need no cryptography — the signature itself is verified by the
 * caller (the workflow with its deterministic verifier, the API's tests with `jose`).
 *
 * Imports nothing from operator-actions.ts or lockout-actions.ts: those merge {@link claimField}
 * into their schemas, and a cycle would leave it undefined while they load.
 */
import { z } from 'zod';
import { DRILL_WORKFLOW_PREFIX } from './drill.ts';
import { ROLES } from './status.ts';
import type { Actor } from './status.ts';

/** The claim's fixed parameters. */
export const ACTOR_CLAIM = {
  alg: 'EdDSA',
  typ: 'herald-actor+jwt',
  issuer: 'herald-api',
  /** exp − iat may be at most this: a claim is for one action, now. */
  maxTtlSeconds: 300,
  /** Clock difference tolerated between the API's clock and the workflow's. */
  leewaySeconds: 30,
  /** Longest claim accepted (a real one is about 500 characters). */
  maxLength: 2048,
} as const;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A claim as it travels in an action: a compact JWS string. */
export const actorClaimTokenSchema = z
  .string()
  .max(ACTOR_CLAIM.maxLength, `a claim is at most ${ACTOR_CLAIM.maxLength} characters`)
  .regex(COMPACT_JWS, 'must be a compact JWS (header.payload.signature, base64url)');

/** The optional `claim` every operator action carries: `actionSchema.extend(claimField)`. */
export const claimField = { claim: actorClaimTokenSchema.optional() };

export const actorClaimHeaderSchema = z.strictObject({
  alg: z.literal(ACTOR_CLAIM.alg),
  typ: z.literal(ACTOR_CLAIM.typ),
  kid: z.string().min(1).max(100),
});
export type ActorClaimHeader = z.infer<typeof actorClaimHeaderSchema>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const actorClaimPayloadSchema = z
  .strictObject({
    iss: z.literal(ACTOR_CLAIM.issuer),
    /** The actor's id (the token's name, or the OIDC subject's configured claim). */
    sub: z.string().min(1).max(120),
    role: z.enum(ROLES),
    /** The action's wire name: `approve`, `override`, `approveStatusText`, … */
    act: z.string().min(1).max(60),
    /** The workflow the action goes to, e.g. `data-leak:INC-1`. */
    wid: z.string().min(1).max(200),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().positive(),
    /** A nonce (UUID): the workflow accepts each claim once. */
    jti: z.uuid(),
    /** approve/reject: the draft version the decision is about. */
    ver: z.number().int().positive().optional(),
    /** approve: the SHA-256 of the exact draft text approved. */
    sha: z.string().regex(SHA256_HEX).optional(),
    /** override: its kind and milestone. */
    kind: z.string().min(1).max(40).optional(),
    milestone: z.string().min(1).max(60).optional(),
  })
  .refine((p) => p.exp > p.iat && p.exp - p.iat <= ACTOR_CLAIM.maxTtlSeconds, {
    message: `exp must be after iat and at most ${ACTOR_CLAIM.maxTtlSeconds} s after it`,
    path: ['exp'],
  });
export type ActorClaimPayload = z.infer<typeof actorClaimPayloadSchema>;

/** What a claim binds besides actor, action and workflow: the fields the action must repeat. */
export interface ClaimBindings {
  ver?: number;
  sha?: string;
  kind?: string;
  milestone?: string;
}

/**
 * The bindings an action carries, by action name: approve binds version and hash, reject the
 * version, override its kind and milestone. Signer and verifier both derive them from the action,
 * so a claim for one decision cannot carry another.
 */
export function claimBindings(action: string, body: Readonly<Record<string, unknown>>): ClaimBindings {
  const pick = (key: string, type: 'number' | 'string') => (typeof body[key] === type ? body[key] : undefined);
  const bindings: ClaimBindings = {};
  const set = <K extends keyof ClaimBindings>(key: K, value: unknown) => {
    if (value !== undefined) bindings[key] = value as ClaimBindings[K];
  };
  if (action === 'approve' || action === 'reject') set('ver', pick('version', 'number'));
  if (action === 'approve') set('sha', pick('sha256', 'string'));
  if (action === 'override') {
    set('kind', pick('kind', 'string'));
    set('milestone', pick('milestone', 'string'));
  }
  return bindings;
}

/** Why a claim was refused: a stable code for the audit trail and the message a person reads. */
export const CLAIM_REFUSALS = {
  missing: 'this action needs a signed actor claim (take it through the HTTP API or `herald` with HERALD_API_URL)',
  malformed: 'the claim is not a compact JWS',
  'bad-header': 'the claim header is not {alg: EdDSA, typ: herald-actor+jwt, kid}',
  'bad-payload': 'the claim payload does not have the Herald claim shape',
  'unknown-key': 'the claim is signed with a key id the worker does not know',
  'key-not-valid': 'the claim was signed outside its key’s validity (notBefore/notAfter)',
  'bad-signature': 'the claim signature does not verify',
  expired: 'the claim has expired',
  'not-yet-valid': 'the claim was issued in the future',
  'wrong-workflow': 'the claim is for another workflow',
  'wrong-action': 'the claim is for another action',
  'wrong-actor': 'the action names another actor than the claim',
  'binding-mismatch': 'the claim binds another version, hash, kind or milestone than the action carries',
  replayed: 'the claim was already used',
} as const;
export type ClaimRefusal = keyof typeof CLAIM_REFUSALS;

/** A claim split and its JSON parts checked; the signature is still to verify over `signingInput`. */
export interface ParsedActorClaim {
  header: ActorClaimHeader;
  payload: ActorClaimPayload;
  /** ASCII bytes of `header.payload`: what the signature covers. */
  signingInput: Uint8Array;
  /** The 64-byte Ed25519 signature. */
  signature: Uint8Array;
}

export type ClaimResult<T> = { ok: true; value: T } | { ok: false; refusal: ClaimRefusal };

/** Splits a compact JWS and validates header and payload; never throws. */
export function parseActorClaim(token: string): ClaimResult<ParsedActorClaim> {
  if (!actorClaimTokenSchema.safeParse(token).success) return { ok: false, refusal: 'malformed' };
  const [h = '', p = '', s = ''] = token.split('.');
  const header = actorClaimHeaderSchema.safeParse(jsonOf(h));
  if (!header.success) return { ok: false, refusal: 'bad-header' };
  const payload = actorClaimPayloadSchema.safeParse(jsonOf(p));
  if (!payload.success) return { ok: false, refusal: 'bad-payload' };
  const signature = base64UrlToBytes(s);
  if (signature === null || signature.length !== 64) return { ok: false, refusal: 'malformed' };
  return {
    ok: true,
    value: {
      header: header.data,
      payload: payload.data,
      signingInput: new TextEncoder().encode(`${h}.${p}`),
      signature,
    },
  };
}

/** What the action says, for {@link checkActorClaim}. */
export interface ClaimExpectation {
  /** The action's wire name. */
  action: string;
  workflowId: string;
  /** The actor the action names. */
  actor: Actor;
  /** {@link claimBindings} of the action. */
  bindings: ClaimBindings;
  /** The verifier's clock, in seconds (the workflow clock). */
  nowSeconds: number;
}

/**
 * Every check except the signature and replay: time window, workflow, action, actor, bindings.
 * Returns the first refusal, or null when the claim fits the action.
 */
export function checkActorClaim(payload: ActorClaimPayload, expected: ClaimExpectation): ClaimRefusal | null {
  const { nowSeconds } = expected;
  if (payload.exp + ACTOR_CLAIM.leewaySeconds <= nowSeconds) return 'expired';
  if (payload.iat - ACTOR_CLAIM.leewaySeconds > nowSeconds) return 'not-yet-valid';
  if (payload.wid !== expected.workflowId) return 'wrong-workflow';
  if (payload.act !== expected.action) return 'wrong-action';
  if (payload.sub !== expected.actor.id || payload.role !== expected.actor.role) return 'wrong-actor';
  for (const key of ['ver', 'sha', 'kind', 'milestone'] as const) {
    if (payload[key] !== expected.bindings[key]) return 'binding-mismatch';
  }
  return null;
}

const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
const isoInstant = z.iso.datetime({ offset: true });

/** One public key of the set the worker trusts (a JWK, RFC 8037). */
export const actorPublicKeySchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  kid: z.string().min(1).max(100),
  /** The 32-byte public key, base64url. */
  x: z.string().regex(BASE64URL_43, 'must be the 32-byte Ed25519 public key in base64url'),
  use: z.literal('sig').optional(),
  alg: z.literal(ACTOR_CLAIM.alg).optional(),
  /** ISO instants bounding when claims signed with the key are accepted (rotation, retirement). */
  notBefore: isoInstant.optional(),
  notAfter: isoInstant.optional(),
});
export type ActorPublicKey = z.infer<typeof actorPublicKeySchema>;

/** Refuses a private key before the shape check, so the message says what is wrong. */
const publicOnly = z
  .unknown()
  .refine((k) => !(typeof k === 'object' && k !== null && 'd' in k), {
    message: 'is a private key (has "d"): the worker holds public keys only',
  })
  .pipe(actorPublicKeySchema);

/** The JWK Set the worker is configured with (`HERALD_ACTOR_KEYS_FILE`). */
export const actorKeySetSchema = z.strictObject({
  keys: z
    .array(publicOnly)
    .min(1, 'needs at least one key')
    .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'key ids (kid) must be unique'),
});
export type ActorKeySet = z.infer<typeof actorKeySetSchema>;

/** The key a claim names, if it was valid when the claim was issued (`iat`, seconds). */
export function selectActorKey(set: ActorKeySet, kid: string, issuedAtSeconds: number): ClaimResult<ActorPublicKey> {
  const key = set.keys.find((k) => k.kid === kid);
  if (key === undefined) return { ok: false, refusal: 'unknown-key' };
  const at = issuedAtSeconds * 1000;
  if (key.notBefore !== undefined && at < Date.parse(key.notBefore)) return { ok: false, refusal: 'key-not-valid' };
  if (key.notAfter !== undefined && at > Date.parse(key.notAfter)) return { ok: false, refusal: 'key-not-valid' };
  return { ok: true, value: key };
}

/** The raw 32 bytes of a public key's `x`. */
export function actorPublicKeyBytes(key: ActorPublicKey): Uint8Array {
  const bytes = base64UrlToBytes(key.x);
  if (bytes === null || bytes.length !== 32) throw new Error(`key ${key.kid}: x is not 32 bytes`);
  return bytes;
}

/**
 * Which actions need a verified claim, per procedure (the policy table in docs/identities.md). Open actions
 * stay reachable from Temporal UI's "Send a Signal"; everything with legal weight needs a claim.
 */
export const CLAIM_POLICY = {
  'data-leak': {
    acknowledge: 'open',
    approve: 'claim',
    reject: 'claim',
    retry: 'open',
    recordDetermination: 'claim',
    recordSubmission: 'claim',
    /** By override kind; `send-now` needs one only towards an authority or the affected people. */
    override: {
      pause: 'open',
      resume: 'open',
      'send-now': 'by-milestone',
      skip: 'claim',
      'close-false-positive': 'claim',
    },
  },
  lockout: {
    acknowledge: 'open',
    approveStatusText: 'claim',
    scopeChange: 'claim',
    escalateNow: 'open',
    resolve: 'claim',
    close: 'claim',
    procurementContacted: 'claim',
    retry: 'open',
  },
} as const;
export type ClaimProcedure = keyof typeof CLAIM_POLICY;

/** Milestones a `send-now` with legal weight names: notices to the authority and to the people. */
export const LEGAL_SEND_NOW_MILESTONES: readonly string[] = ['authority-notice', 'affected-people'];

/** The procedure a workflow id belongs to, by its prefix (`data-leak:…`, `lockout:…`, drills `drill:data-leak:…`). */
export function claimProcedureOf(workflowId: string): ClaimProcedure | null {
  const id = workflowId.startsWith(DRILL_WORKFLOW_PREFIX) ? workflowId.slice(DRILL_WORKFLOW_PREFIX.length) : workflowId;
  const prefix = id.slice(0, id.indexOf(':'));
  return prefix === 'data-leak' || prefix === 'lockout' ? prefix : null;
}

/**
 * Whether `action` (with its body) needs a verified claim. Unknown actions need one: a new action
 * is privileged until the policy says otherwise.
 */
export function claimRequired(
  procedure: ClaimProcedure,
  action: string,
  body: Readonly<Record<string, unknown>> = {},
): boolean {
  const rule = (CLAIM_POLICY[procedure] as Record<string, unknown>)[action];
  if (rule === 'open') return false;
  if (typeof rule !== 'object' || rule === null) return true;
  const byKind = (rule as Record<string, string>)[String(body.kind)];
  if (byKind === 'open') return false;
  if (byKind === 'by-milestone') return LEGAL_SEND_NOW_MILESTONES.includes(String(body.milestone));
  return true;
}

function jsonOf(part: string): unknown {
  const bytes = base64UrlToBytes(part);
  if (bytes === null) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes unpadded base64url (RFC 4648 §5) without Node's Buffer; null when it is not. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero (canonical encoding), so one signature has one spelling.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
