/** The API's files (tokens, alert routes, the claim signing key), validated; a bad file names the variable and field. */
import { loadEd25519Keys } from '../../workers/ed25519-key-file.ts';
import { loadJsonFile } from '../../workers/load-json-file.ts';
import { alertRoutesSchema } from './alerts/alert-event.ts';
import type { AlertRoutes } from './alerts/alert-event.ts';
import { ActorClaimSigner } from './claims/claim-signer.ts';
import { apiTokensSchema } from './tokens.ts';
import type { ApiTokenEntry } from './tokens.ts';

export const loadApiTokens = (path: string): Promise<ApiTokenEntry[]> =>
  loadJsonFile('HERALD_API_TOKENS_FILE', path, apiTokensSchema);
export const loadAlertRoutes = (path: string): Promise<AlertRoutes> =>
  loadJsonFile('HERALD_ALERT_ROUTES_FILE', path, alertRoutesSchema);

/** The API's actor-claim signer: the first key of HERALD_ACTOR_SIGNING_KEY_FILE, which must be private. */
export async function loadActorClaimSigner(path: string): Promise<ActorClaimSigner> {
  const [first] = await loadEd25519Keys('HERALD_ACTOR_SIGNING_KEY_FILE', path, { require: 'private' });
  if (first?.privateKey === undefined) throw new Error(`HERALD_ACTOR_SIGNING_KEY_FILE ${path}: no private key`);
  return new ActorClaimSigner({ kid: first.kid, key: first.privateKey });
}
