/**
 * The audit anchors' configuration: HERALD_AUDIT_ANCHOR_DIR and the Ed25519 key in
 * HERALD_AUDIT_ANCHOR_KEY_FILE — the worker signs with its first private key; `herald audit
 * verify` needs only the public halves (a public JWK or JWK Set will do).
 */
import type { AnchorKeys } from '../activities/store/audit-anchor.ts';
import type { AnchorOptions } from '../activities/store/anchored-audit-log.ts';
import { loadEd25519Keys } from './ed25519-key-file.ts';

const VARIABLE = 'HERALD_AUDIT_ANCHOR_KEY_FILE';

/** The keys anchors are verified with, by kid. */
export async function loadAnchorKeys(path: string): Promise<AnchorKeys> {
  const keys = await loadEd25519Keys(VARIABLE, path);
  return new Map(keys.map((k) => [k.kid, k.publicKey]));
}

/** The worker's anchor options, when HERALD_AUDIT_ANCHOR_DIR is set (its key then must be private). */
export async function loadAnchorOptions(config: {
  HERALD_AUDIT_ANCHOR_DIR?: string | undefined;
  HERALD_AUDIT_ANCHOR_KEY_FILE?: string | undefined;
}): Promise<AnchorOptions | undefined> {
  const dir = config.HERALD_AUDIT_ANCHOR_DIR;
  const file = config.HERALD_AUDIT_ANCHOR_KEY_FILE;
  if (dir === undefined || file === undefined) return undefined;
  const keys = await loadEd25519Keys(VARIABLE, file, { require: 'private' });
  const [first] = keys;
  if (first?.privateKey === undefined) throw new Error(`${VARIABLE} ${file}: no private key`);
  return {
    dir,
    key: { kid: first.kid, privateKey: first.privateKey },
    keys: new Map(keys.map((k) => [k.kid, k.publicKey])),
  };
}
