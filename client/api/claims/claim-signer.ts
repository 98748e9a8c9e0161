/**
 * Signs actor claims (workflows/domain/actor-claim.ts) for the API's callers: who (the token's
 * name and role), which action, which workflow, what it binds, for at most two minutes, once
 * (a fresh nonce). The procedure verifies the claim against the worker's public key set.
 */
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { ACTOR_CLAIM, claimBindings } from '../../../workflows/domain/actor-claim.ts';
import type { ActorClaimPayload } from '../../../workflows/domain/actor-claim.ts';
import type { Actor } from '../../../workflows/domain/status.ts';

/** How long a claim lives: long enough for a CLI round trip, far below the contract's 300 s. */
export const CLAIM_TTL_SECONDS = 120;

/** What a claim is for. */
export interface ClaimRequest {
  actor: Actor;
  /** The action's wire name (`approve`, `override`, `approveStatusText`, …). */
  action: string;
  workflowId: string;
  /** The action's body: its version, hash, kind and milestone are bound into the claim. */
  body: Readonly<Record<string, unknown>>;
}

/** A signed claim and what it says. */
export interface SignedClaim {
  claim: string;
  payload: ActorClaimPayload;
  expiresAt: string;
}

export class ActorClaimSigner {
  readonly kid: string;
  readonly #key: CryptoKey | KeyObject;
  readonly #now: () => Date;

  /** `key`: an Ed25519 private key; `kid`: the id its public half has in the worker's key set. */
  constructor(options: { kid: string; key: CryptoKey | KeyObject; now?: () => Date }) {
    this.kid = options.kid;
    this.#key = options.key;
    this.#now = options.now ?? (() => new Date());
  }

  async sign(request: ClaimRequest): Promise<SignedClaim> {
    const iat = Math.floor(this.#now().getTime() / 1000);
    const payload: ActorClaimPayload = {
      iss: ACTOR_CLAIM.issuer,
      sub: request.actor.id,
      role: request.actor.role,
      act: request.action,
      wid: request.workflowId,
      iat,
      exp: iat + CLAIM_TTL_SECONDS,
      jti: randomUUID(),
      ...claimBindings(request.action, request.body),
    };
    const claim = await new SignJWT(payload)
      .setProtectedHeader({ alg: ACTOR_CLAIM.alg, typ: ACTOR_CLAIM.typ, kid: this.kid })
      .sign(this.#key);
    return { claim, payload, expiresAt: new Date(payload.exp * 1000).toISOString() };
  }
}
