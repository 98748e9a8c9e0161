/**
 * Verified identities at the API (issue 13): OIDC access tokens from an identity provider whose
 * JWKS is served on 127.0.0.1 (and read from a file) — valid, expired, wrong issuer, wrong
 * audience, unknown kid, forged signature, unmapped group, unreachable JWKS, each answered with
 * the problem named; signed actor claims from `POST /v1/claims`; and every action the API sends
 * carries a claim for the token's actor, seen in the Update's payload in Temporal's history.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { importJWK, jwtVerify } from 'jose';
import type { ApiOptions } from '../../client/api/app.ts';
import { ActorClaimSigner } from '../../client/api/claims/claim-signer.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { OidcVerifier } from '../../client/auth/oidc-verifier.ts';
import type { OidcSettings } from '../../client/auth/oidc-verifier.ts';
import { newEd25519Jwk } from '../../workers/ed25519-key-file.ts';
import type { NewEd25519Jwk } from '../../workers/ed25519-key-file.ts';
import { checkActorClaim, claimBindings, parseActorClaim } from '../../workflows/domain/actor-claim.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { IDP_AUDIENCE, IDP_ISSUER, startOidcProvider } from '../support/oidc-provider.ts';
import type { OidcProvider } from '../support/oidc-provider.ts';
import { webhookApi } from '../support/webhook-api.ts';

const taskQueue = 'herald-identity';
const stack = useDevServerWorker({ port: 24120, taskQueue });
const RESPONDER_TOKEN = 'token-for-olga-0123456789';
const LEGAL_TOKEN = 'token-for-lee-0123456789';

let idp: OidcProvider;
let keys: NewEd25519Jwk;
let signer: ActorClaimSigner;

const settings = (jwks: OidcSettings['jwks']): OidcSettings => ({
  issuer: IDP_ISSUER,
  audience: IDP_AUDIENCE,
  jwks,
  roleClaim: 'groups',
  roles: [
    { value: 'herald-legal', role: 'legal' },
    { value: 'herald-oncall', role: 'responder' },
  ],
  actorClaim: 'sub',
});

before(async () => {
  idp = await startOidcProvider(24121, '/tmp/herald-test-identity/api-idp');
  keys = await newEd25519Jwk('api-test-1');
  signer = new ActorClaimSigner({ kid: keys.publicJwk.kid, key: await importJWK(keys.privateJwk, 'EdDSA') });
});
after(() => idp?.close());

async function api(overrides: Partial<ApiOptions> = {}) {
  return webhookApi(stack(), {
    tokens: new TokenRegistry([
      { id: 'olga', role: 'responder', sha256: sha256Hex(RESPONDER_TOKEN) },
      { id: 'lee', role: 'legal', sha256: sha256Hex(LEGAL_TOKEN) },
    ]),
    secrets: { pagerDuty: 'unused-pagerduty-secret', incidentIo: 'whsec_unused', opsgenieToken: 'unused' },
    routes: await loadAlertRoutes('config/alert-routes.example.json'),
    oidc: await OidcVerifier.create(settings({ url: idp.jwksUrl })),
    claims: signer,
    ...overrides,
  });
}

type Api = Awaited<ReturnType<typeof api>>;
const call = (app: Api, method: string, path: string, token?: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const detail = async (res: Response) => ((await res.json()) as { detail?: string }).detail ?? '';

/** Verifies a claim as the worker will: the public key, then the contract's checks. */
async function verifiedClaim(claim: string) {
  const { payload } = await jwtVerify(claim, await importJWK(keys.publicJwk, 'EdDSA'), { typ: 'herald-actor+jwt' });
  const parsed = parseActorClaim(claim);
  assert.ok(parsed.ok);
  assert.equal(parsed.value.header.kid, 'api-test-1');
  assert.deepEqual(parsed.value.payload, payload, 'jose and the pure parser read the same claim');
  return parsed.value.payload;
}

describe('OIDC access tokens', () => {
  for (const source of ['a JWKS URL on 127.0.0.1', 'a JWKS file'] as const) {
    it(`from ${source}: a valid token acts in its mapped role; every bad one is refused, naming the problem`, async () => {
      const oidc = await OidcVerifier.create(
        settings(source === 'a JWKS file' ? { file: idp.jwksFile } : { url: idp.jwksUrl }),
      );
      const app = await api({ oidc });
      const read = async (token: string) => call(app, 'GET', '/v1/lockouts/NO-SUCH-1', token);
      const ok = await read(await idp.token({ groups: ['herald-legal'] }));
      assert.equal(ok.status, 404, 'authenticated: the procedure is what is missing');
      const cases: [Parameters<OidcProvider['token']>[0], number, RegExp][] = [
        [{ expiresIn: -120 }, 401, /access token expired/],
        [
          { issuer: 'https://evil.example.test' },
          401,
          /wrong issuer "https:\/\/evil\.example\.test": expected https:\/\/idp/,
        ],
        [{ audience: 'another-app' }, 401, /wrong audience "another-app": expected herald/],
        [{ kid: 'rotated-away' }, 401, /unknown signing key: kid rotated-away is not in the identity provider's JWKS/],
        [{ unpublishedKey: true }, 401, /signature does not verify/],
        [
          { groups: ['students'] },
          403,
          /lee\.legal's groups \(students\) map to no Herald role; mapped: herald-legal, herald-oncall/,
        ],
        [{ groups: undefined }, 403, /groups \(none\) map to no Herald role/],
      ];
      for (const [options, status, message] of cases) {
        const res = await read(await idp.token(options));
        assert.equal(res.status, status, JSON.stringify(options));
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.match(await detail(res), message);
      }
      const acknowledge = await call(
        app,
        'POST',
        '/v1/lockouts/NO-SUCH-1/actions/approveStatusText',
        await idp.token({ groups: ['herald-oncall'], sub: 'olga.oncall' }),
        { text: 'we are on it, updates hourly' },
      );
      assert.equal(acknowledge.status, 404, 'a responder from the IdP may act (the procedure is what is missing)');
      const approve = await call(
        app,
        'POST',
        '/v1/data-leaks/NO-SUCH-1/actions/approve',
        await idp.token({ groups: ['herald-oncall'] }),
        { version: 1, sha256: 'a'.repeat(64) },
      );
      assert.equal(approve.status, 403, 'the mapped role decides');
    });
  }

  it('an unreachable JWKS is 503 (try again), not a refusal; API tokens work without OIDC', async () => {
    const app = await api({ oidc: await OidcVerifier.create(settings({ url: 'http://127.0.0.1:24122/jwks.json' })) });
    const res = await call(app, 'GET', '/v1/lockouts/NO-SUCH-1', await idp.token());
    assert.equal(res.status, 503);
    assert.match(await detail(res), /cannot fetch the identity provider's JWKS/);
    assert.equal((await call(app, 'GET', '/v1/lockouts/NO-SUCH-1', RESPONDER_TOKEN)).status, 404);
    const plain = await api({ oidc: undefined });
    assert.equal((await call(plain, 'GET', '/v1/lockouts/NO-SUCH-1', await idp.token())).status, 401);
  });
});

describe('actor claims', () => {
  it('POST /v1/claims: signed for the token’s actor, the action, the workflow and its bindings', async () => {
    const app = await api();
    const body = { workflowId: 'data-leak:INC-C1', action: 'approve', version: 2, sha256: 'c'.repeat(64) };
    const res = await call(app, 'POST', '/v1/claims', await idp.token({ sub: 'lee.legal' }), body);
    assert.equal(res.status, 200);
    const answer = (await res.json()) as { claim: string; actor: unknown; kid: string; expiresAt: string };
    assert.deepEqual(answer.actor, { id: 'lee.legal', role: 'legal' });
    assert.equal(answer.kid, 'api-test-1');
    const payload = await verifiedClaim(answer.claim);
    assert.deepEqual(
      [payload.sub, payload.role, payload.act, payload.wid, payload.ver, payload.sha],
      ['lee.legal', 'legal', 'approve', 'data-leak:INC-C1', 2, 'c'.repeat(64)],
    );
    assert.equal(payload.exp - payload.iat, 120);
    assert.equal(answer.expiresAt, new Date(payload.exp * 1000).toISOString());
    const expectation = {
      action: 'approve',
      workflowId: 'data-leak:INC-C1',
      actor: { id: 'lee.legal', role: 'legal' } as const,
      bindings: claimBindings('approve', { version: 2, sha256: 'c'.repeat(64) }),
      nowSeconds: payload.iat,
    };
    assert.equal(checkActorClaim(payload, expectation), null);
    assert.equal(checkActorClaim(payload, { ...expectation, workflowId: 'data-leak:INC-C2' }), 'wrong-workflow');

    const responder = await call(app, 'POST', '/v1/claims', RESPONDER_TOKEN, body);
    assert.equal(responder.status, 403, 'the token decides the role: a responder gets no approval claim');
    assert.match(await detail(responder), /olga has role responder; approve needs legal/);
    const skip = { workflowId: 'data-leak:INC-C1', action: 'override', kind: 'skip', milestone: 'authority-notice' };
    const skipClaim = await call(app, 'POST', '/v1/claims', RESPONDER_TOKEN, skip);
    assert.equal(skipClaim.status, 200, 'the procedure decides whether a responder may skip that milestone');
    const skipPayload = await verifiedClaim(((await skipClaim.json()) as { claim: string }).claim);
    assert.deepEqual(
      [skipPayload.kind, skipPayload.milestone, skipPayload.ver],
      ['skip', 'authority-notice', undefined],
    );
    const unknown = await call(app, 'POST', '/v1/claims', LEGAL_TOKEN, { ...body, action: 'approveAll' });
    assert.equal(unknown.status, 400);
    assert.match(await detail(unknown), /no action approveAll on data-leak procedure; one of acknowledge, approve/);
    assert.equal((await call(app, 'POST', '/v1/claims', LEGAL_TOKEN, { ...body, workflowId: 'other:X' })).status, 400);
    assert.equal((await call(app, 'POST', '/v1/claims', LEGAL_TOKEN, { ...body, actor: { id: 'x' } })).status, 400);
    assert.equal((await call(app, 'POST', '/v1/claims', undefined, body)).status, 401);
    const off = await api({ claims: undefined });
    const none = await call(off, 'POST', '/v1/claims', LEGAL_TOKEN, body);
    assert.equal(none.status, 404);
    assert.match(await detail(none), /HERALD_ACTOR_SIGNING_KEY_FILE/);
  });

  it('every action the API sends carries a claim for the token’s actor (seen in the Update in history)', async () => {
    const app = await api();
    const started = await call(app, 'POST', '/v1/lockouts', RESPONDER_TOKEN, {
      incident: lockout('ID-LO-1', new Date().toISOString()),
    });
    assert.equal(started.status, 201);
    const oncall = await idp.token({ groups: ['herald-oncall'], sub: 'olga.oncall' });
    const ack = await call(app, 'POST', '/v1/lockouts/ID-LO-1/actions/acknowledge', oncall, {
      note: 'on it',
      claim: 'a.b.c',
      actor: { id: 'lee', role: 'legal' },
    });
    assert.equal(ack.status, 200);
    assert.deepEqual(((await ack.json()) as { acknowledgement: { by: unknown } }).acknowledgement.by, {
      id: 'olga.oncall',
      role: 'responder',
    });
    const handle = stack().env.client.workflow.getHandle('lockout:ID-LO-1');
    const history = await handle.fetchHistory();
    const accepted = history.events?.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const input = accepted?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    assert.equal(input?.name, 'acknowledge');
    const [action] = (input?.args?.payloads ?? []).map((p) =>
      defaultPayloadConverter.fromPayload<{ actor: unknown; claim: string }>(p),
    );
    assert.deepEqual(action?.actor, { id: 'olga.oncall', role: 'responder' }, 'the caller cannot name the actor');
    assert.notEqual(action?.claim, 'a.b.c', 'nor bring a claim of its own');
    const payload = await verifiedClaim(action?.claim ?? '');
    assert.deepEqual(
      [payload.sub, payload.role, payload.act, payload.wid],
      ['olga.oncall', 'responder', 'acknowledge', 'lockout:ID-LO-1'],
    );
    await handle.terminate('test over');
  });
});
