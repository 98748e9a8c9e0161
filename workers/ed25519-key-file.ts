/**
 * Ed25519 key files, read with `jose` (no hand-written crypto): a JWK, a JWK Set, a PKCS#8 private
 * key PEM or an SPKI public key PEM. Used for the API's actor-claim signing key and the audit
 * anchors' key. A key without a `kid` (any PEM) is named by its RFC 7638 thumbprint, which
 * `herald keys public` prints so the public set can name it the same way.
 */
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, importSPKI } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { z } from 'zod';
import { ACTOR_CLAIM } from '../workflows/domain/actor-claim.ts';
import type { ActorPublicKey } from '../workflows/domain/actor-claim.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';

/** One key from a file: its id, its public JWK, and the private key when the file holds one. */
export interface Ed25519Key {
  kid: string;
  publicJwk: ActorPublicKey;
  privateKey?: CryptoKey;
  publicKey: CryptoKey;
}

const b64url = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`));
const jwkSchema = z.object({
  kty: z.literal('OKP', 'must be "OKP" (an Ed25519 key)'),
  crv: z.literal('Ed25519', 'must be "Ed25519"'),
  x: b64url(32),
  d: b64url(32).optional(),
  kid: z.string().min(1).max(100).optional(),
  notBefore: z.iso.datetime({ offset: true }).optional(),
  notAfter: z.iso.datetime({ offset: true }).optional(),
});
/** A JWK Set, or one JWK read as a set of one (so messages say `keys.0.crv`). */
const fileSchema = z.preprocess(
  (v) => (typeof v === 'object' && v !== null && 'keys' in v ? v : { keys: [v] }),
  z.object({ keys: z.array(jwkSchema).min(1) }),
);

/** The RFC 7638 thumbprint of an Ed25519 public key: its default kid. */
export const thumbprintKid = (x: string): Promise<string> => calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });

async function fromJwk(jwk: z.infer<typeof jwkSchema>): Promise<Ed25519Key> {
  const kid = jwk.kid ?? (await thumbprintKid(jwk.x));
  const publicJwk: ActorPublicKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    kid,
    x: jwk.x,
    use: 'sig',
    alg: ACTOR_CLAIM.alg,
    ...(jwk.notBefore ? { notBefore: jwk.notBefore } : {}),
    ...(jwk.notAfter ? { notAfter: jwk.notAfter } : {}),
  };
  const publicKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA');
  if (jwk.d === undefined) return { kid, publicJwk, publicKey };
  const privateKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, 'EdDSA');
  return { kid, publicJwk, publicKey, privateKey };
}

async function fromPem(pem: string): Promise<Ed25519Key> {
  const isPrivate = pem.includes('-----BEGIN PRIVATE KEY-----');
  const key = isPrivate
    ? await importPKCS8(pem, 'EdDSA', { extractable: true })
    : await importSPKI(pem, 'EdDSA', { extractable: true });
  const jwk = (await exportJWK(key)) as JWK & { x?: string; d?: string };
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || jwk.x === undefined) throw new Error('not an Ed25519 key');
  return fromJwk({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, ...(jwk.d ? { d: jwk.d } : {}) });
}

/**
 * Reads every Ed25519 key in `path`, in file order. Messages name `variable` and the file, never
 * key material. `require: 'private'` refuses a file whose first key has no private part.
 */
export async function loadEd25519Keys(
  variable: string,
  path: string,
  options: { require?: 'private' } = {},
): Promise<Ed25519Key[]> {
  const fail = (why: string): never => {
    throw new Error(`${variable} ${path}: ${why}`);
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    fail((err as Error).message);
  }
  let keys: Ed25519Key[];
  if (text.trimStart().startsWith('-----BEGIN')) {
    keys = [await fromPem(text).catch(() => fail('not an Ed25519 PKCS#8 or SPKI PEM key'))];
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      fail('neither a PEM key nor JSON (a JWK or a JWK Set)');
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) fail(describeZodError(parsed.error));
    const jwks = parsed.data?.keys ?? [];
    keys = await Promise.all(jwks.map((jwk) => fromJwk(jwk).catch(() => fail('a key that jose cannot import'))));
  }
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) fail('key ids (kid) must be unique');
  if (options.require === 'private' && keys[0]?.privateKey === undefined) {
    fail('the first key must be a private key (a JWK with "d", or a PKCS#8 PEM)');
  }
  return keys;
}

/** A private Ed25519 JWK (with `d`) and its public half, both named `kid` (default: the thumbprint). */
export interface NewEd25519Jwk {
  privateJwk: ActorPublicKey & { d: string };
  publicJwk: ActorPublicKey;
}

/** Makes a new Ed25519 key pair as JWKs, for `herald keys generate` and tests. */
export async function newEd25519Jwk(kid?: string): Promise<NewEd25519Jwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = (await exportJWK(privateKey)) as { x: string; d: string };
  const id = kid ?? (await thumbprintKid(jwk.x));
  const publicJwk: ActorPublicKey = { kty: 'OKP', crv: 'Ed25519', kid: id, x: jwk.x, use: 'sig', alg: ACTOR_CLAIM.alg };
  return { publicJwk, privateJwk: { ...publicJwk, d: jwk.d } };
}
