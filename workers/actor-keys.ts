/**
 * The public keys the worker verifies actor claims with (`HERALD_ACTOR_KEYS_FILE`, a JWK Set of
 * Ed25519 keys). They come from the worker's own deployment configuration — never from a payload:
 * whoever can send a Signal cannot change them. The workflow reads them through the `actorKeys`
 * activity, which returns what {@link loadActorKeys} read.
 */
import { importJWK } from 'jose';
import { actorKeySetSchema } from '../workflows/domain/actor-claim.ts';
import type { ActorKeySet } from '../workflows/domain/actor-claim.ts';
import { loadJsonFile } from './load-json-file.ts';

/** The variable naming the file, for messages. */
export const ACTOR_KEYS_VARIABLE = 'HERALD_ACTOR_KEYS_FILE';

/**
 * Reads and validates the public key set: Ed25519 JWKs with unique kids, no private key among
 * them, each importable by `jose`. Throws naming the variable, the file and the bad field.
 */
export async function loadActorKeys(path: string): Promise<ActorKeySet> {
  const set = await loadJsonFile(ACTOR_KEYS_VARIABLE, path, actorKeySetSchema);
  for (const [i, key] of set.keys.entries()) {
    await importJWK({ kty: key.kty, crv: key.crv, x: key.x }, 'EdDSA').catch((err: unknown) => {
      throw new Error(`${ACTOR_KEYS_VARIABLE} ${path}: keys.${i} (${key.kid}): ${(err as Error).message}`);
    });
  }
  return set;
}

/** No file configured: an empty set, so every privileged action is refused (and says why). */
export const NO_ACTOR_KEYS: ActorKeySet = { keys: [] };
