/**
 * The codec server decrypts every payload, so nobody calls it unauthenticated: a static token
 * (compared over SHA-256 digests in constant time) or an OIDC access token as Temporal UI forwards
 * it, checked against a JWKS served on 127.0.0.1; no authentication only on loopback, explicitly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OidcVerifier } from '../../client/auth/oidc-verifier.ts';
import { AesGcmCodec, generatePayloadKey } from '../../client/codec/aes-gcm-codec.ts';
import { codecServerHandler, startCodecServer } from '../../client/codec/codec-server.ts';
import type { RunningCodecServer } from '../../client/codec/codec-server.ts';
import { parseCodecServerConfig } from '../../workers/config.ts';
import { IDP_AUDIENCE, IDP_ISSUER, startOidcProvider } from '../support/oidc-provider.ts';
import type { OidcProvider } from '../support/oidc-provider.ts';

const TOKEN = 'codec-token-0123456789abcdef';
const key = generatePayloadKey('k');
const codec = new AesGcmCodec([key]);
const ORIGIN = 'http://127.0.0.1:8233';

let idp: OidcProvider;
let server: RunningCodecServer;

before(async () => {
  idp = await startOidcProvider(24111, '/tmp/herald-test-identity/codec-idp');
  const oidc = await OidcVerifier.create({
    issuer: IDP_ISSUER,
    audience: IDP_AUDIENCE,
    jwks: { url: idp.jwksUrl },
    roleClaim: 'groups',
    roles: [
      { value: 'herald-legal', role: 'legal' },
      { value: 'herald-oncall', role: 'responder' },
      { value: 'herald-bots', role: 'integration' },
    ],
    actorClaim: 'sub',
  });
  server = await startCodecServer({ codec, allowedOrigins: [ORIGIN], token: TOKEN, oidc, port: 24112 });
});
after(async () => {
  await server?.close();
  await idp?.close();
});

async function decode(authorization?: string): Promise<{ status: number; body: { error?: string } }> {
  const [sealed] = await codec.encode([
    { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('{"a":1}') },
  ]);
  const res = await fetch(`${server.url}/decode`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Namespace': 'default',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
    },
    body: JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(sealed?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(sealed?.data ?? []).toString('base64'),
        },
      ],
    }),
  });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

describe('codec server authentication', () => {
  it('the static token decodes; missing, wrong, longer, shorter or non-bearer tokens are refused', async () => {
    assert.equal((await decode(`Bearer ${TOKEN}`)).status, 200);
    for (const header of [
      undefined,
      'Bearer ',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN.replace('0', '1')}`,
      `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      TOKEN,
    ]) {
      const { status, body } = await decode(header);
      assert.equal(status, 401, `refused: ${String(header)}`);
      assert.match(body.error ?? '', /bearer token is required/);
    }
  });

  it('an OIDC access token as Temporal UI forwards it: valid decodes, every bad one is named', async () => {
    const ok = await decode(`Bearer ${await idp.token()}`);
    assert.equal(ok.status, 200);
    const cases: [Parameters<OidcProvider['token']>[0], number, RegExp][] = [
      [{ expiresIn: -120 }, 401, /expired/],
      [{ issuer: 'https://evil.example.test' }, 401, /wrong issuer "https:\/\/evil\.example\.test"/],
      [{ audience: 'another-app' }, 401, /wrong audience "another-app": expected herald/],
      [{ kid: 'rotated-away' }, 401, /unknown signing key: kid rotated-away/],
      [{ unpublishedKey: true }, 401, /signature does not verify/],
      [{ groups: ['staff'] }, 403, /lee\.legal's groups \(staff\) map to no Herald role/],
      [{ groups: ['herald-bots'] }, 403, /integration, which never reads payloads/],
    ];
    for (const [options, status, message] of cases) {
      const { status: got, body } = await decode(`Bearer ${await idp.token(options)}`);
      assert.equal(got, status, JSON.stringify(options));
      assert.match(body.error ?? '', message);
    }
  });

  it('refuses to run without authentication, except explicitly on loopback', async () => {
    assert.throws(() => codecServerHandler({ codec, allowedOrigins: [] }), /configure a token or OIDC/);
    await assert.rejects(
      startCodecServer({ codec, allowedOrigins: [], allowUnauthenticated: true, host: '0.0.0.0', port: 24113 }),
      /refuses to listen on 0\.0\.0\.0 without a token or OIDC/,
    );
    const local = await startCodecServer({ codec, allowedOrigins: [], allowUnauthenticated: true, port: 24113 });
    try {
      const res = await fetch(`${local.url}/decode`, { method: 'POST', body: '{"payloads":[]}' });
      assert.equal(res.status, 200, 'no authentication on loopback when asked for');
    } finally {
      await local.close();
    }
  });

  it('configuration: a token or OIDC is required; the insecure flag only on loopback', () => {
    const keys = `k=${Buffer.alloc(32, 1).toString('base64')}`;
    const parse = (env: Record<string, string>) => () => parseCodecServerConfig({ HERALD_PAYLOAD_KEYS: keys, ...env });
    assert.throws(parse({}), /HERALD_CODEC_TOKEN: the codec server decrypts every payload/);
    assert.throws(parse({ HERALD_CODEC_TOKEN: '' }), /HERALD_CODEC_TOKEN: the codec server decrypts every payload/);
    assert.throws(parse({ HERALD_CODEC_TOKEN: 'short' }), /at least 16 characters/);
    assert.equal(parse({ HERALD_CODEC_TOKEN: TOKEN })().HERALD_CODEC_TOKEN, TOKEN);
    assert.equal(parse({ HERALD_CODEC_INSECURE_NO_AUTH: '1' })().HERALD_CODEC_INSECURE_NO_AUTH, '1');
    assert.throws(
      parse({ HERALD_CODEC_INSECURE_NO_AUTH: '1', HERALD_CODEC_HOST: '0.0.0.0' }),
      /HERALD_CODEC_INSECURE_NO_AUTH: allowed only on a loopback host, not 0\.0\.0\.0/,
    );
    const oidc = {
      HERALD_OIDC_ISSUER: IDP_ISSUER,
      HERALD_OIDC_AUDIENCE: IDP_AUDIENCE,
      HERALD_OIDC_JWKS_URL: 'https://idp.example.test/jwks',
      HERALD_OIDC_ROLES: 'herald-legal=legal,herald-oncall=responder',
    };
    const withOidc = parse({ ...oidc, HERALD_CODEC_HOST: '0.0.0.0' })();
    assert.deepEqual(withOidc.HERALD_OIDC_ROLES, [
      { value: 'herald-legal', role: 'legal' },
      { value: 'herald-oncall', role: 'responder' },
    ]);
    assert.equal(withOidc.HERALD_OIDC_ROLE_CLAIM, 'groups');
    assert.throws(parse({ ...oidc, HERALD_OIDC_AUDIENCE: '' }), /HERALD_OIDC_AUDIENCE: required/);
    assert.throws(parse({ ...oidc, HERALD_OIDC_JWKS_FILE: 'x.json' }), /exactly one of HERALD_OIDC_JWKS_URL/);
    assert.throws(
      parse({ ...oidc, HERALD_OIDC_ROLES: 'herald-legal=root' }),
      /HERALD_OIDC_ROLES: must be a comma-separated list/,
    );
    assert.throws(parse({ HERALD_CODEC_TOKEN: TOKEN, HERALD_OIDC_AUDIENCE: 'x' }), /set HERALD_OIDC_ISSUER too/);
  });
});
