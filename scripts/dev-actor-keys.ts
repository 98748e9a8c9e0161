/**
 * Actor-claim keys for one run of the demo or `herald dev`: a fresh Ed25519 pair, its public set
 * written where the run's worker reads HERALD_ACTOR_KEYS_FILE, the private half kept in memory for
 * the run's API and for the demo's scripted operators (trusted here: they sign for the actor each
 * scripted action names, as the API would for its token).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJWK } from 'jose';
import { ActorClaimSigner } from '../client/api/claims/claim-signer.ts';
import type { ClaimSource } from '../client/cli/claim-interceptor.ts';
import { newEd25519Jwk } from '../workers/ed25519-key-file.ts';
import { actorSchema } from '../workflows/domain/operator-actions.ts';

export interface DevActorKeys {
  /** The public JWK Set for the worker (HERALD_ACTOR_KEYS_FILE). */
  keysFile: string;
  signer: ActorClaimSigner;
  /** Signs for the actor an action names: for the scripted scenario only. */
  scripted: ClaimSource;
}

export async function devActorKeys(dir: string): Promise<DevActorKeys> {
  const pair = await newEd25519Jwk(`dev-${Date.now().toString(36)}`);
  const keysFile = join(dir, 'actor-keys.json');
  await writeFile(keysFile, JSON.stringify({ keys: [pair.publicJwk] }));
  const signer = new ActorClaimSigner({ kid: pair.publicJwk.kid, key: await importJWK(pair.privateJwk, 'EdDSA') });
  const scripted: ClaimSource = {
    async claimFor(workflowId, action, body) {
      const actor = actorSchema.parse(body.actor);
      const { claim } = await signer.sign({ actor, action, workflowId, body });
      return { claim, actor };
    },
  };
  return { keysFile, signer, scripted };
}
