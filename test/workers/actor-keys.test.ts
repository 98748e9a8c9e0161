/**
 * Key files: the worker's public actor key set (loadActorKeys) and the Ed25519 key files the API
 * signs with and the audit anchors use (JWK, JWK Set, PKCS#8 and SPKI PEM). Messages name the
 * variable and the file, never key material.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { calculateJwkThumbprint } from 'jose';
import { loadActorKeys } from '../../workers/actor-keys.ts';
import { loadEd25519Keys, newEd25519Jwk } from '../../workers/ed25519-key-file.ts';

const dir = join('/tmp/herald-test-identity', `keys-${process.pid}`);
async function file(name: string, content: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadActorKeys (HERALD_ACTOR_KEYS_FILE)', () => {
  it('reads a public JWK Set, rotation window included', async () => {
    const a = await newEd25519Jwk('api-2026-11');
    const b = await newEd25519Jwk('api-2026-12');
    const set = { keys: [{ ...a.publicJwk, notAfter: '2026-12-31T00:00:00Z' }, b.publicJwk] };
    assert.deepEqual(await loadActorKeys(await file('set.json', set)), set);
  });

  it('refuses a private key, naming the variable and the key but never its material', async () => {
    const a = await newEd25519Jwk('k1');
    await assert.rejects(loadActorKeys(await file('private.json', { keys: [a.privateJwk] })), (err: Error) => {
      assert.match(err.message, /^HERALD_ACTOR_KEYS_FILE .*private\.json: keys\.0: is a private key/);
      assert.ok(!err.message.includes(a.privateJwk.d));
      return true;
    });
    await assert.rejects(loadActorKeys(await file('empty.json', { keys: [] })), /needs at least one key/);
    await assert.rejects(loadActorKeys(join(dir, 'missing.json')), /HERALD_ACTOR_KEYS_FILE .*missing\.json/);
  });
});

describe('loadEd25519Keys', () => {
  it('a PKCS#8 PEM signs as its thumbprint; an SPKI PEM is the same key, public only', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const priv = await file('key.pem', privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const pub = await file('key.pub.pem', publicKey.export({ format: 'pem', type: 'spki' }).toString());
    const [signing] = await loadEd25519Keys('HERALD_ACTOR_SIGNING_KEY_FILE', priv, { require: 'private' });
    const [verifying] = await loadEd25519Keys('HERALD_AUDIT_ANCHOR_KEY_FILE', pub);
    const x = publicKey.export({ format: 'jwk' }).x ?? '';
    assert.equal(signing?.kid, await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }));
    assert.ok(signing?.privateKey);
    assert.deepEqual(verifying?.publicJwk, signing?.publicJwk);
    assert.equal(verifying?.privateKey, undefined);
    await assert.rejects(
      loadEd25519Keys('HERALD_ACTOR_SIGNING_KEY_FILE', pub, { require: 'private' }),
      /HERALD_ACTOR_SIGNING_KEY_FILE .*: the first key must be a private key/,
    );
  });

  it('a JWK Set: the first key signs, the others verify; bad files are named', async () => {
    const next = await newEd25519Jwk('next');
    const old = await newEd25519Jwk('old');
    const keys = await loadEd25519Keys('V', await file('jwks.json', { keys: [next.privateJwk, old.publicJwk] }), {
      require: 'private',
    });
    assert.deepEqual(
      keys.map((k) => [k.kid, k.privateKey !== undefined]),
      [
        ['next', true],
        ['old', false],
      ],
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await assert.rejects(
      loadEd25519Keys('V', await file('rsa.pem', rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())),
      /V .*rsa\.pem: not an Ed25519/,
    );
    await assert.rejects(loadEd25519Keys('V', await file('junk.txt', 'hello')), /neither a PEM key nor JSON/);
    await assert.rejects(loadEd25519Keys('V', await file('ec.json', { ...old.publicJwk, crv: 'P-256' })), /crv/);
    await assert.rejects(
      loadEd25519Keys('V', await file('dup.json', { keys: [old.publicJwk, old.publicJwk] })),
      /kid\) must be unique/,
    );
  });
});
