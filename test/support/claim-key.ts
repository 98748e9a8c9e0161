/**
 * An actor-claim key pair for one test file: the worker trusts its public half (and nothing
 * unsigned), the API or the test signs with its private half. Made synchronously, so the worker's
 * dependencies can name it at module level.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ActivityDeps } from '../../activities/index.ts';
import { ActorClaimSigner } from '../../client/api/claims/claim-signer.ts';
import type { ActorPublicKey } from '../../workflows/domain/actor-claim.ts';

export interface TestClaimKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: ActorPublicKey;
  signer: ActorClaimSigner;
  /** The worker's dependencies trusting this key only, with unsigned privileged actions refused. */
  trust: (deps: ActivityDeps) => ActivityDeps;
}

export function testClaimKey(kid: string): TestClaimKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk: ActorPublicKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    kid,
    x: String(publicKey.export({ format: 'jwk' }).x),
    use: 'sig',
    alg: 'EdDSA',
  };
  return {
    kid,
    privateKey,
    publicJwk,
    signer: new ActorClaimSigner({ kid, key: privateKey }),
    trust: (deps) => ({ ...deps, actorKeys: { keys: [publicJwk] }, unsignedActionsAllowed: false }),
  };
}
