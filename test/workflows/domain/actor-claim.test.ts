/**
 * The actor-claim contract: what the API's signer produces parses with the domain's pure parser,
 * its signature verifies over the parsed signing input (Node's Ed25519 and jose agree), and every
 * check that needs no cryptography refuses what it should. Also the worker's key set schema, the
 * base64url decoder and the policy table.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { importJWK, jwtVerify } from 'jose';
import { ActorClaimSigner } from '../../../client/api/claims/claim-signer.ts';
import { newEd25519Jwk } from '../../../workers/ed25519-key-file.ts';
import {
  ACTOR_CLAIM,
  actorKeySetSchema,
  actorPublicKeyBytes,
  base64UrlToBytes,
  checkActorClaim,
  claimBindings,
  claimField,
  claimProcedureOf,
  claimRequired,
  parseActorClaim,
  selectActorKey,
} from '../../../workflows/domain/actor-claim.ts';
import type { ActorClaimPayload, ClaimExpectation } from '../../../workflows/domain/actor-claim.ts';
import { approveSchema } from '../../../workflows/domain/operator-actions.ts';

const T0 = Date.parse('2026-12-03T10:00:00Z');
const lee = { id: 'lee', role: 'legal' } as const;
const approval = { actor: lee, version: 2, sha256: 'b'.repeat(64) };

async function signer(kid = 'k1', at = T0) {
  const keys = await newEd25519Jwk(kid);
  const key = await importJWK(keys.privateJwk, 'EdDSA');
  return { keys, sign: new ActorClaimSigner({ kid, key, now: () => new Date(at) }) };
}

const expect = (payload: Partial<ClaimExpectation> = {}): ClaimExpectation => ({
  action: 'approve',
  workflowId: 'data-leak:INC-1',
  actor: lee,
  bindings: claimBindings('approve', approval),
  nowSeconds: T0 / 1000 + 5,
  ...payload,
});

describe('actor claims', () => {
  it('a signed claim parses, names its key, binds the action and verifies with Node and with jose', async () => {
    const { keys, sign } = await signer();
    const signed = await sign.sign({ actor: lee, action: 'approve', workflowId: 'data-leak:INC-1', body: approval });
    const parsed = parseActorClaim(signed.claim);
    assert.ok(parsed.ok);
    const { header, payload, signingInput, signature } = parsed.value;
    assert.deepEqual(header, { alg: 'EdDSA', typ: 'herald-actor+jwt', kid: 'k1' });
    assert.deepEqual(
      { ...payload, jti: undefined },
      {
        iss: 'herald-api',
        sub: 'lee',
        role: 'legal',
        act: 'approve',
        wid: 'data-leak:INC-1',
        iat: T0 / 1000,
        exp: T0 / 1000 + 120,
        jti: undefined,
        ver: 2,
        sha: 'b'.repeat(64),
      },
    );
    assert.equal(signed.expiresAt, '2026-12-03T10:02:00.000Z');
    const publicKey = createPublicKey({ key: { ...keys.publicJwk }, format: 'jwk' });
    assert.ok(verify(null, signingInput, publicKey, signature), 'Ed25519 over header.payload');
    const set = actorKeySetSchema.parse({ keys: [keys.publicJwk] });
    const key = selectActorKey(set, header.kid, payload.iat);
    assert.ok(key.ok);
    assert.deepEqual(actorPublicKeyBytes(key.value), new Uint8Array(Buffer.from(keys.publicJwk.x, 'base64url')));
    const viaJose = await jwtVerify(signed.claim, await importJWK(keys.publicJwk, 'EdDSA'), {
      issuer: ACTOR_CLAIM.issuer,
      typ: ACTOR_CLAIM.typ,
      currentDate: new Date(T0 + 5000),
    });
    assert.equal(viaJose.payload.sub, 'lee');
    assert.equal(checkActorClaim(payload, expect()), null);
    const other = await sign.sign({ actor: lee, action: 'approve', workflowId: 'data-leak:INC-1', body: approval });
    assert.ok(parseActorClaim(other.claim).ok);
    assert.notEqual(other.payload.jti, payload.jti, 'a fresh nonce per claim');
  });

  it('a claim signed by another key, or altered after signing, fails the signature', async () => {
    const { keys, sign } = await signer();
    const { sign: mallory } = await signer('k1');
    const publicKey = createPublicKey({ key: { ...keys.publicJwk }, format: 'jwk' });
    const forged = parseActorClaim(
      (await mallory.sign({ actor: lee, action: 'approve', workflowId: 'data-leak:INC-1', body: approval })).claim,
    );
    assert.ok(forged.ok);
    assert.equal(verify(null, forged.value.signingInput, publicKey, forged.value.signature), false);

    const genuine = (await sign.sign({ actor: lee, action: 'approve', workflowId: 'data-leak:INC-1', body: approval }))
      .claim;
    const [h, p, s] = genuine.split('.') as [string, string, string];
    const body = JSON.parse(Buffer.from(p, 'base64url').toString()) as ActorClaimPayload;
    const retargeted = `${h}.${Buffer.from(JSON.stringify({ ...body, wid: 'data-leak:INC-2' })).toString('base64url')}.${s}`;
    const altered = parseActorClaim(retargeted);
    assert.ok(altered.ok, 'still well-formed');
    assert.equal(verify(null, altered.value.signingInput, publicKey, altered.value.signature), false);
  });

  it('refuses expired, future, re-targeted, re-purposed, re-attributed and re-bound claims by name', async () => {
    const { sign } = await signer();
    const { payload } = await sign.sign({
      actor: lee,
      action: 'approve',
      workflowId: 'data-leak:INC-1',
      body: approval,
    });
    const cases: [Partial<ClaimExpectation>, string][] = [
      [{ nowSeconds: payload.exp + ACTOR_CLAIM.leewaySeconds }, 'expired'],
      [{ nowSeconds: payload.iat - ACTOR_CLAIM.leewaySeconds - 1 }, 'not-yet-valid'],
      [{ workflowId: 'data-leak:INC-2' }, 'wrong-workflow'],
      [{ workflowId: 'lockout:INC-1' }, 'wrong-workflow'],
      [{ action: 'reject' }, 'wrong-action'],
      [{ actor: { id: 'olga', role: 'legal' } }, 'wrong-actor'],
      [{ actor: { id: 'lee', role: 'responder' } }, 'wrong-actor'],
      [{ bindings: claimBindings('approve', { ...approval, version: 3 }) }, 'binding-mismatch'],
      [{ bindings: claimBindings('approve', { ...approval, sha256: 'c'.repeat(64) }) }, 'binding-mismatch'],
    ];
    for (const [overrides, refusal] of cases) {
      assert.equal(checkActorClaim(payload, expect(overrides)), refusal, JSON.stringify(overrides));
    }
    assert.equal(checkActorClaim(payload, expect({ nowSeconds: payload.exp + ACTOR_CLAIM.leewaySeconds - 1 })), null);
    const override = { kind: 'skip', milestone: 'authority-notice', reason: 'filed by phone' };
    assert.deepEqual(claimBindings('override', override), { kind: 'skip', milestone: 'authority-notice' });
    assert.deepEqual(claimBindings('reject', { version: 1, reason: 'x' }), { ver: 1 });
    assert.deepEqual(claimBindings('acknowledge', { note: 'x' }), {});
  });

  it('parses only well-formed claims: header, payload, lifetime and signature length', async () => {
    const { sign } = await signer();
    const { claim } = await sign.sign({ actor: lee, action: 'approve', workflowId: 'data-leak:INC-1', body: approval });
    const [h, p, s] = claim.split('.') as [string, string, string];
    const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const refusal = (token: string) => {
      const parsed = parseActorClaim(token);
      return parsed.ok ? 'ok' : parsed.refusal;
    };
    assert.equal(refusal(claim), 'ok');
    assert.equal(refusal('not a claim'), 'malformed');
    assert.equal(refusal(`${h}.${p}`), 'malformed');
    assert.equal(refusal(`${h}.${p}.${s.slice(0, 40)}`), 'malformed', 'a signature of another length');
    assert.equal(refusal(`${enc({ ...header, alg: 'none' })}.${p}.${s}`), 'bad-header');
    assert.equal(refusal(`${enc({ ...header, alg: 'HS256' })}.${p}.${s}`), 'bad-header');
    assert.equal(refusal(`${enc({ ...header, typ: 'JWT' })}.${p}.${s}`), 'bad-header');
    assert.equal(refusal(`${enc({ ...header, crit: ['b64'], b64: false })}.${p}.${s}`), 'bad-header');
    assert.equal(refusal(`${h}.${enc({ ...payload, iss: 'someone' })}.${s}`), 'bad-payload');
    assert.equal(refusal(`${h}.${enc({ ...payload, role: 'root' })}.${s}`), 'bad-payload');
    assert.equal(refusal(`${h}.${enc({ ...payload, exp: Number(payload.iat) + 301 })}.${s}`), 'bad-payload');
    assert.equal(refusal(`${h}.${enc({ ...payload, extra: 1 })}.${s}`), 'bad-payload');
    assert.equal(refusal(`${h}.${enc({ ...payload, jti: undefined })}.${s}`), 'bad-payload');
    assert.equal(refusal(`${h}.${Buffer.from('{not json').toString('base64url')}.${s}`), 'bad-payload');
  });

  it('the claim field merges into an action schema and refuses what is no compact JWS', () => {
    const schema = approveSchema.extend(claimField);
    assert.ok(schema.safeParse(approval).success, 'optional');
    assert.ok(schema.safeParse({ ...approval, claim: 'a.b.c' }).success);
    assert.equal(schema.safeParse({ ...approval, claim: 'a.b' }).success, false);
    assert.equal(schema.safeParse({ ...approval, claim: `a.b.${'c'.repeat(3000)}` }).success, false);
  });
});

describe('the worker key set', () => {
  it('takes public Ed25519 JWKs with unique kids; refuses private keys, duplicates and other curves', async () => {
    const a = await newEd25519Jwk('a');
    const b = await newEd25519Jwk('b');
    assert.ok(actorKeySetSchema.safeParse({ keys: [a.publicJwk, b.publicJwk] }).success);
    const message = (value: unknown) => {
      const parsed = actorKeySetSchema.safeParse(value);
      return parsed.success ? 'ok' : parsed.error.issues.map((i) => i.message).join('; ');
    };
    assert.match(message({ keys: [a.privateJwk] }), /private key/);
    assert.match(message({ keys: [a.publicJwk, { ...b.publicJwk, kid: 'a' }] }), /unique/);
    assert.notEqual(message({ keys: [{ ...a.publicJwk, crv: 'X25519' }] }), 'ok');
    assert.notEqual(message({ keys: [{ ...a.publicJwk, x: 'short' }] }), 'ok');
    assert.match(message({ keys: [] }), /at least one key/);
  });

  it('a key signs only inside its notBefore/notAfter window', async () => {
    const { publicJwk } = await newEd25519Jwk('old');
    const set = actorKeySetSchema.parse({
      keys: [{ ...publicJwk, notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-12-01T00:00:00Z' }],
    });
    const at = (iso: string) => {
      const r = selectActorKey(set, 'old', Date.parse(iso) / 1000);
      return r.ok ? 'ok' : r.refusal;
    };
    assert.equal(at('2026-06-01T00:00:00Z'), 'ok');
    assert.equal(at('2025-12-31T23:59:59Z'), 'key-not-valid');
    assert.equal(at('2026-12-03T00:00:00Z'), 'key-not-valid');
    assert.equal(selectActorKey(set, 'new', T0 / 1000).ok, false);
  });
});

describe('policy and helpers', () => {
  it('privileged actions need a claim; acknowledge, pause/resume, retry and ordinary send-now stay open', () => {
    const open: [Parameters<typeof claimRequired>[0], string, Record<string, unknown>?][] = [
      ['data-leak', 'acknowledge'],
      ['data-leak', 'retry'],
      ['data-leak', 'override', { kind: 'pause' }],
      ['data-leak', 'override', { kind: 'resume' }],
      ['data-leak', 'override', { kind: 'send-now', milestone: 'stakeholder-notice' }],
      ['data-leak', 'override', { kind: 'send-now', milestone: 'ops-alert' }],
      ['lockout', 'acknowledge'],
      ['lockout', 'retry'],
      ['lockout', 'escalateNow'],
    ];
    const privileged: typeof open = [
      ['data-leak', 'approve'],
      ['data-leak', 'reject'],
      ['data-leak', 'recordDetermination'],
      ['data-leak', 'recordSubmission'],
      ['data-leak', 'override', { kind: 'skip', milestone: 'ops-alert' }],
      ['data-leak', 'override', { kind: 'close-false-positive' }],
      ['data-leak', 'override', { kind: 'send-now', milestone: 'authority-notice' }],
      ['data-leak', 'override', { kind: 'send-now', milestone: 'affected-people' }],
      ['data-leak', 'override', { kind: 'something-new' }],
      ['data-leak', 'anything-new'],
      ['lockout', 'approveStatusText'],
      ['lockout', 'scopeChange'],
      ['lockout', 'resolve'],
      ['lockout', 'close'],
      ['lockout', 'procurementContacted'],
    ];
    for (const [p, a, body] of open) assert.equal(claimRequired(p, a, body), false, `${p} ${a} open`);
    for (const [p, a, body] of privileged) assert.equal(claimRequired(p, a, body), true, `${p} ${a} needs a claim`);
    assert.equal(claimProcedureOf('data-leak:INC-1'), 'data-leak');
    assert.equal(claimProcedureOf('lockout:LO-7'), 'lockout');
    assert.equal(claimProcedureOf('affected-people:INC-1'), null);
  });

  it('base64url decodes as Node does, and refuses non-canonical or foreign characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        assert.deepEqual(base64UrlToBytes(text), new Uint8Array(bytes));
      }),
    );
    assert.equal(base64UrlToBytes('ab+c'), null);
    assert.equal(base64UrlToBytes('abc='), null);
    assert.equal(base64UrlToBytes('a'), null);
    assert.equal(base64UrlToBytes('AB'), null, 'trailing bits set: not canonical');
    assert.deepEqual(base64UrlToBytes('AA'), new Uint8Array([0]));
  });
});
