/**
 * Identity is verified, never stated (DESIGN convention 16; issue 13): a privileged action carries
 * an actor claim the API signed, and the procedure verifies it with the public keys the worker's
 * own configuration holds (fetched through an activity, recorded in history, so replays verify the
 * same way). Open actions (acknowledge, pause, retry…) stay reachable from Temporal UI's Signals.
 * Each claim is accepted once (its nonce is kept until it expires).
 */
import { condition, workflowInfo } from '@temporalio/workflow';
import type { ActorKeySet, ClaimProcedure, ClaimRefusal } from '../domain/actor-claim.ts';
import {
  CLAIM_REFUSALS,
  actorPublicKeyBytes,
  checkActorClaim,
  claimBindings,
  claimRequired,
  parseActorClaim,
  selectActorKey,
} from '../domain/actor-claim.ts';
import type { Actor } from '../domain/status.ts';
import { verifyEd25519 } from './claim-signature.ts';

/** What a procedure knows about verifying identities. Plain JSON. */
export interface IdentityState {
  /**
   * `verified`: privileged actions need a valid claim. `unsigned-allowed`: the worker was started
   * with HERALD_INSECURE_UNSIGNED_ACTIONS=1 (a local sandbox), audited at the start.
   */
  mode: 'verified' | 'unsigned-allowed';
  /** The worker's public keys; null until fetched. */
  keys: ActorKeySet | null;
  /** Nonces of claims accepted, with their expiry (seconds), so none is accepted twice. */
  used: { jti: string; exp: number }[];
}

/** The patch behind verified identities: procedures begun before it take actions as stated. */
export const VERIFIED_IDENTITIES_PATCH = 'verified-identities';

export interface ClaimDecision {
  refusal: ClaimRefusal;
  message: string;
}

/**
 * Why the action's claim is refused, or null when the action needs none or its claim verifies.
 * `action` is the validated action (actor, claim, and its other fields).
 */
export function claimProblem(
  identity: IdentityState | undefined,
  procedure: ClaimProcedure,
  name: string,
  action: Readonly<Record<string, unknown>> & { actor: Actor; claim?: string },
  nowMs: number,
): ClaimDecision | null {
  if (identity === undefined || !claimRequired(procedure, name, action)) return null;
  if (identity.mode === 'unsigned-allowed' && action.claim === undefined) return null;
  const refuse = (refusal: ClaimRefusal): ClaimDecision => ({ refusal, message: CLAIM_REFUSALS[refusal] });
  if (action.claim === undefined) return refuse('missing');
  const parsed = parseActorClaim(action.claim);
  if (!parsed.ok) return refuse(parsed.refusal);
  const { header, payload, signingInput, signature } = parsed.value;
  const mismatch = checkActorClaim(payload, {
    action: name,
    workflowId: workflowInfo().workflowId,
    actor: action.actor,
    bindings: claimBindings(name, action),
    nowSeconds: Math.floor(nowMs / 1000),
  });
  if (mismatch) return refuse(mismatch);
  const key = selectActorKey(identity.keys ?? { keys: [] }, header.kid, payload.iat);
  if (!key.ok) return refuse(key.refusal);
  if (!verifyEd25519(signature, signingInput, actorPublicKeyBytes(key.value))) return refuse('bad-signature');
  if (identity.used.some((u) => u.jti === payload.jti)) return refuse('replayed');
  return null;
}

/** Records an accepted claim's nonce (expired ones are dropped: they could not pass again). */
export function useClaim(identity: IdentityState | undefined, claim: string | undefined, nowMs: number): void {
  if (identity === undefined || claim === undefined) return;
  const parsed = parseActorClaim(claim);
  if (!parsed.ok) return;
  const nowSeconds = Math.floor(nowMs / 1000);
  identity.used = identity.used.filter((u) => u.exp + 60 > nowSeconds);
  identity.used.push({ jti: parsed.value.payload.jti, exp: parsed.value.payload.exp });
}

/** The action handlers' identity hooks for a procedure whose state holds `identity`. */
export function identityHooks(
  ctx: {
    state: { identity?: IdentityState };
    audit: (type: string, actor: string, data: Record<string, unknown>) => Promise<void>;
  },
  procedure: ClaimProcedure,
) {
  type Claimed = Readonly<Record<string, unknown>> & { actor: Actor; claim?: string };
  return {
    verifiesClaims: () => ctx.state.identity !== undefined,
    claimProblem: (name: string, action: unknown) =>
      claimProblem(ctx.state.identity, procedure, name, action as Claimed, Date.now()),
    useClaim: (action: unknown) => useClaim(ctx.state.identity, (action as Claimed).claim, Date.now()),
    // An action in the first moments of a procedure waits for the worker's keys, not refused for lack of them.
    identityReady: () => condition(() => ctx.state.identity === undefined || ctx.state.identity.keys !== null),
    auditClaimRefused: (name: string, actorId: string, via: 'signal' | 'update', decision: ClaimDecision) =>
      ctx.audit('operator.refused', actorId, {
        action: name,
        via,
        refusal: decision.refusal,
        reason: decision.message,
      }),
  };
}

/**
 * Starts verifying identities (new procedures): the worker's public keys, fetched with the start's
 * audit entry so the first page waits for nothing more. A worker started with
 * HERALD_INSECURE_UNSIGNED_ACTIONS=1 (a local sandbox) takes unsigned actions, and that is audited.
 */
export async function loadIdentity(
  ctx: {
    state: { identity?: IdentityState };
    audit: (type: string, actor: string, data: Record<string, unknown>) => Promise<void>;
  },
  keys: { keys: ActorKeySet; unsignedAllowed: boolean },
): Promise<void> {
  const identity = ctx.state.identity;
  if (!identity) return;
  identity.keys = keys.keys;
  if (keys.unsignedAllowed) {
    identity.mode = 'unsigned-allowed';
    await ctx.audit('identity.unverified', 'herald', {
      reason:
        'worker started with HERALD_INSECURE_UNSIGNED_ACTIONS=1: privileged actions without a claim are taken as stated',
    });
  }
}
