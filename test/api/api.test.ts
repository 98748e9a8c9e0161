/**
 * The HTTP API against a real dev server and worker: the OpenAPI document, the auth matrix read
 * from it (every operation × every role × missing and forged tokens), idempotent triggers, actions
 * as Updates bound to the token's name and role, problem+json for bad input (nothing started), the
 * PagerDuty webhook's signature and event mapping, Opsgenie through the same mapping, size and rate
 * limits.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { buildApi } from '../../client/api/app.ts';
import type { ApiOptions } from '../../client/api/app.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { buildDrillReport } from '../../workflows/domain/drill-report.ts';
import { ROLES } from '../../workflows/domain/status.ts';
import type { Role } from '../../workflows/domain/status.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { incident as dataLeakIncident } from '../support/workflow-harness.ts';
import { testTriggers } from '../support/triggers.ts';

const taskQueue = 'herald-api';
const stack = useDevServerWorker({ port: 18133, taskQueue });
const SECRET = 'pagerduty-signing-secret-for-tests';
const tokenOf = (role: Role) => `token-for-${role}-0123456789`;
const ids: Record<Role, string> = { responder: 'olga', legal: 'lee', compliance: 'cora', integration: 'siem-bridge' };

async function api(overrides: Partial<ApiOptions> = {}) {
  const alertRoutes = await loadAlertRoutes('config/alert-routes.example.json');
  return buildApi({
    client: stack().env.client,
    taskQueue,
    tokens: new TokenRegistry(ROLES.map((role) => ({ id: ids[role], role, sha256: sha256Hex(tokenOf(role)) }))),
    pagerDutySecret: SECRET,
    alertRoutes,
    triggers: testTriggers({ client: stack().env.client, taskQueue, store: stack().store, routes: alertRoutes }),
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 64 * 1024,
    ...overrides,
  });
}

type Api = Awaited<ReturnType<typeof api>>;
const call = (app: Api, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined || method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const as = (role: Role) => ({ Authorization: `Bearer ${tokenOf(role)}` });
const json = async <T>(res: Response) => (await res.json()) as T;
const now = () => new Date().toISOString();

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { 'x-herald-roles'?: Role[]; requestBody?: unknown; responses: Record<string, unknown> }>
  >;
}

describe('HTTP API', () => {
  it('serves an OpenAPI 3.1 document from the request schemas', async () => {
    const doc = await json<OpenApiDoc>(await call(await api(), 'GET', '/openapi.json'));
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/v1/data-leaks',
      '/v1/data-leaks/{id}',
      '/v1/data-leaks/{id}/actions/approve',
      '/v1/lockouts/{id}/actions/procurementContacted',
      '/v1/webhooks/pagerduty',
      '/v1/webhooks/opsgenie',
      '/v1/drills',
      '/v1/drills/reports',
      '/v1/drills/reports/{procedure}/{id}',
    ]) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    const start = JSON.stringify(doc.paths['/v1/lockouts']?.post?.requestBody);
    assert.match(start, /audit-log-lockout/, 'the trigger body comes from the zod schema (cause enum)');
    assert.ok(doc.paths['/v1/data-leaks/{id}/actions/approve']?.post?.responses['409'], 'refusals documented');
  });

  it('auth matrix: every operation × role × missing and forged token', async () => {
    const app = await api();
    const doc = await json<OpenApiDoc>(await call(app, 'GET', '/openapi.json'));
    let checked = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const roles = op['x-herald-roles'];
        if (!roles || roles.length === 0) continue; // signed webhooks: tested below
        const path = template.replace('{id}', 'NO-SUCH-1');
        const badTokens: Record<string, string>[] = [
          {},
          { Authorization: 'Bearer forged-token-forged-token' },
          { Authorization: 'Basic abc' },
        ];
        for (const headers of badTokens) {
          const res = await call(app, method.toUpperCase(), path, {}, headers);
          assert.equal(res.status, 401, `${method} ${path} without a valid token`);
          assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        }
        for (const role of ROLES) {
          const res = await call(app, method.toUpperCase(), path, {}, as(role));
          if (roles.includes(role)) {
            assert.ok(
              ![401, 403].includes(res.status) && res.status < 500,
              `${role} may ${method} ${path}: ${res.status}`,
            );
          } else {
            assert.equal(res.status, 403, `${role} may not ${method} ${path}`);
          }
          checked++;
        }
      }
    }
    // 15 procedure operations and Opsgenie, plus the 4 trigger operations (and any added since).
    assert.ok(checked >= 20 * ROLES.length, `every token-authenticated operation for every role (${checked})`);
  });

  it('triggers are idempotent; actions are Updates as the token; refusals are 409 and change nothing', async () => {
    const app = await api();
    const body = { incident: lockout('API-LO-1', now()) };
    const first = await call(app, 'POST', '/v1/lockouts', body, as('integration'));
    assert.equal(first.status, 201);
    const started = await json<{ workflowId: string; statusUrl: string }>(first);
    assert.equal(started.workflowId, 'lockout:API-LO-1');
    const again = await call(app, 'POST', '/v1/lockouts', body, as('integration'));
    assert.equal(again.status, 200, 'a redelivery reaches the same procedure');
    assert.equal((await json<{ started: boolean }>(again)).started, false);

    assert.equal(
      (await call(app, 'POST', '/v1/lockouts/API-LO-1/actions/acknowledge', {}, as('integration'))).status,
      403,
    );
    const ack = await call(
      app,
      'POST',
      '/v1/lockouts/API-LO-1/actions/acknowledge',
      { note: 'on it' },
      as('responder'),
    );
    assert.equal(ack.status, 200);
    assert.deepEqual((await json<{ acknowledgement: { by: unknown } }>(ack)).acknowledgement.by, {
      id: 'olga',
      role: 'responder',
    });
    const twice = await call(app, 'POST', '/v1/lockouts/API-LO-1/actions/acknowledge', {}, as('responder'));
    assert.equal(twice.status, 409);
    assert.match((await json<{ detail: string }>(twice)).detail, /already acknowledged by olga/);
    const status = await json<{ acknowledgement: { by: { id: string } } }>(
      await call(app, 'GET', started.statusUrl, undefined, as('compliance')),
    );
    assert.equal(status.acknowledgement.by.id, 'olga');
    const scope = await call(
      app,
      'POST',
      '/v1/lockouts/API-LO-1/actions/scopeChange',
      { reason: 'nothing named' },
      as('responder'),
    );
    assert.equal(scope.status, 400, 'the refinement of the full action schema holds');
    assert.equal(
      (await call(app, 'POST', '/v1/lockouts/API-LO-1/actions/close', { reason: 'the test is over' }, as('responder')))
        .status,
      200,
    );
  });

  it('bad input is problem+json naming the field, never a 5xx, and starts nothing', async () => {
    const app = await api();
    const bad = await call(
      app,
      'POST',
      '/v1/lockouts',
      { incident: { ...lockout('API-BAD-1', now()), cause: 'gremlins' } },
      as('integration'),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = await json<{ detail: string; errors: { field: string }[] }>(bad);
    assert.ok(
      problem.errors.some((e) => e.field === 'json.incident.cause'),
      problem.detail,
    );
    const scaled = await call(
      app,
      'POST',
      '/v1/lockouts',
      { incident: lockout('API-BAD-1', now()), timeScale: 0.001 },
      as('integration'),
    );
    assert.equal(scaled.status, 400, 'no compressed legal clocks through the API');
    assert.equal((await call(app, 'POST', '/v1/lockouts', '{"incident":', as('integration'))).status, 400);
    assert.equal((await call(app, 'GET', '/v1/lockouts/bad id!', undefined, as('responder'))).status, 400);
    await assert.rejects(stack().env.client.workflow.getHandle('lockout:API-BAD-1').describe(), WorkflowNotFoundError);
    const big = await call(
      app,
      'POST',
      '/v1/lockouts',
      { incident: lockout('API-BAD-2', now()), pad: 'x'.repeat(70_000) },
      as('integration'),
    );
    assert.equal(big.status, 413);
    assert.equal((await call(app, 'GET', '/v2/nothing', undefined, as('responder'))).status, 404);
  });

  it('only legal decides on the authority notice; a stale hash is refused', async () => {
    const app = await api();
    assert.equal(
      (await call(app, 'POST', '/v1/data-leaks', { incident: dataLeakIncident('API-DL-1', now()) }, as('responder')))
        .status,
      201,
    );
    const approval = { version: 1, sha256: 'a'.repeat(64) };
    assert.equal(
      (await call(app, 'POST', '/v1/data-leaks/API-DL-1/actions/approve', approval, as('responder'))).status,
      403,
    );
    assert.equal(
      (await call(app, 'POST', '/v1/data-leaks/API-DL-1/actions/approve', approval, as('compliance'))).status,
      403,
    );
    const legal = await call(app, 'POST', '/v1/data-leaks/API-DL-1/actions/approve', approval, as('legal'));
    assert.equal(legal.status, 409, 'the workflow refuses a hash that is not the draft’s');
    const close = { kind: 'close-false-positive', reason: 'the test is over' };
    assert.equal(
      (await call(app, 'POST', '/v1/data-leaks/API-DL-1/actions/override', close, as('responder'))).status,
      200,
    );
  });

  it('PagerDuty: signed events start, acknowledge and resolve a lockout; unsigned or forged are refused', async () => {
    const app = await api();
    const event = (type: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        event: {
          id: `EV-${type}`,
          event_type: type,
          resource_type: 'incident',
          occurred_at: now(),
          agent: { summary: 'Pat Pager', id: 'PUSER1' },
          data: {
            id: 'Q1PD42',
            title: 'Salesforce sync jobs failing: INVALID_SESSION_ID',
            urgency: 'high',
            priority: { summary: 'P1' },
            service: { id: 'PSVC1', summary: 'Integrations' },
            ...extra,
          },
        },
      });
    const signed = (raw: string) => ({
      'X-PagerDuty-Signature': `v1=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
    });
    const triggered = event('incident.triggered');
    assert.equal((await call(app, 'POST', '/v1/webhooks/pagerduty', triggered)).status, 401, 'unsigned');
    assert.equal(
      (await call(app, 'POST', '/v1/webhooks/pagerduty', triggered, { 'X-PagerDuty-Signature': 'v1=00ff' })).status,
      401,
    );
    const tampered = triggered.replace('P1', 'P4');
    assert.equal(
      (await call(app, 'POST', '/v1/webhooks/pagerduty', tampered, signed(triggered))).status,
      401,
      'body changed after signing',
    );

    const start = await json<{ outcome: string; workflowId: string }>(
      await call(app, 'POST', '/v1/webhooks/pagerduty', triggered, signed(triggered)),
    );
    assert.deepEqual(
      { ...start, trigger: undefined },
      { outcome: 'started', procedure: 'lockout', workflowId: 'lockout:pagerduty-Q1PD42', trigger: undefined },
    );
    // The same delivery again is answered from the store; another delivery for the incident reaches it.
    const redelivered = await json<{ outcome: string; duplicate?: boolean }>(
      await call(app, 'POST', '/v1/webhooks/pagerduty', triggered, signed(triggered)),
    );
    assert.deepEqual([redelivered.outcome, redelivered.duplicate], ['started', true]);
    const another = await json<{ outcome: string }>(
      await call(app, 'POST', '/v1/webhooks/pagerduty', triggered, { ...signed(triggered), 'X-Webhook-Id': 'wh-2' }),
    );
    assert.equal(another.outcome, 'reached');
    const acked = event('incident.acknowledged');
    assert.equal(
      (await json<{ outcome: string }>(await call(app, 'POST', '/v1/webhooks/pagerduty', acked, signed(acked))))
        .outcome,
      'acknowledged',
    );
    const status = await json<{ acknowledgement: { by: { id: string } }; severity: string }>(
      await call(app, 'GET', '/v1/lockouts/pagerduty-Q1PD42', undefined, as('responder')),
    );
    assert.equal(status.acknowledgement.by.id, 'pagerduty:Pat Pager');
    assert.equal(status.severity, 'critical', 'P1 → critical');
    const resolved = event('incident.resolved', { resolve_reason: 'Integration token rotated by the platform team.' });
    assert.equal(
      (await json<{ outcome: string }>(await call(app, 'POST', '/v1/webhooks/pagerduty', resolved, signed(resolved))))
        .outcome,
      'resolved',
    );
    const early = event('incident.acknowledged').replaceAll('Q1PD42', 'Q1PD99');
    const ignored = await json<{ outcome: string; reason: string }>(
      await call(app, 'POST', '/v1/webhooks/pagerduty', early, signed(early)),
    );
    assert.deepEqual([ignored.outcome, ignored.reason], ['ignored', 'no procedure for this incident']);
    const unknown = event('incident.priority_updated');
    assert.equal(
      (await json<{ outcome: string }>(await call(app, 'POST', '/v1/webhooks/pagerduty', unknown, signed(unknown))))
        .outcome,
      'ignored',
    );
    const off = await api({ pagerDutySecret: undefined });
    assert.equal((await call(off, 'POST', '/v1/webhooks/pagerduty', triggered, signed(triggered))).status, 404);
  });

  it('Opsgenie through the same mapping: a DLP alert starts a data-leak procedure; Close is answered, not applied', async () => {
    const app = await api();
    const alert = (action: string) => ({
      action,
      alert: {
        alertId: 'og-77',
        message: 'DLP: student export published',
        priority: 'P2',
        entity: 'siem-dlp',
        createdAt: Date.now(),
      },
    });
    assert.equal((await call(app, 'POST', '/v1/webhooks/opsgenie', alert('Create'), as('responder'))).status, 403);
    const created = await json<{ outcome: string; workflowId: string }>(
      await call(app, 'POST', '/v1/webhooks/opsgenie', alert('Create'), as('integration')),
    );
    assert.equal(created.outcome, 'started');
    assert.equal(created.workflowId, 'data-leak:opsgenie-og-77');
    const closed = await json<{ outcome: string; reason: string }>(
      await call(app, 'POST', '/v1/webhooks/opsgenie', alert('Close'), as('integration')),
    );
    assert.equal(closed.outcome, 'ignored');
    assert.match(closed.reason, /legal milestones/);
    // A Create nobody routed may be the breach: kept as a pending trigger, answered 202 (see webhooks.test.ts).
    const unrouted = { ...alert('Create'), alert: { ...alert('Create').alert, alertId: 'og-78', entity: 'other' } };
    const kept = await call(app, 'POST', '/v1/webhooks/opsgenie', unrouted, as('integration'));
    assert.equal(kept.status, 202);
    assert.equal((await json<{ outcome: string }>(kept)).outcome, 'pending');
    await stack().env.client.workflow.getHandle('data-leak:opsgenie-og-77').terminate('test over');
  });

  it('drills: started as the token’s name, followed like a procedure; reports listed and shown from the store', async () => {
    const app = await api();
    assert.equal((await call(app, 'POST', '/v1/drills', { procedure: 'lockout' }, as('legal'))).status, 403);
    const bad = await call(app, 'POST', '/v1/drills', { procedure: 'lockout', scenario: 'meteor' }, as('responder'));
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(await bad.json()), /scenario/);
    const tooFast = await call(app, 'POST', '/v1/drills', { procedure: 'data-leak', timeScale: 1e-9 }, as('responder'));
    assert.equal(tooFast.status, 400, 'a compression beyond 1/7200 is refused');

    const res = await call(
      app,
      'POST',
      '/v1/drills',
      { procedure: 'lockout', scenario: 'crm-frozen' },
      as('responder'),
    );
    assert.equal(res.status, 201);
    const started = await json<{ workflowId: string; started: boolean; statusUrl: string }>(res);
    assert.match(started.workflowId, /^drill:lockout:drill-\d{8}T\d{6}Z$/);
    assert.match(started.statusUrl, /^\/v1\/lockouts\/drill-\d{8}T\d{6}Z$/);
    try {
      const status = await json<{ lockoutId: string; cause: string }>(
        await call(app, 'GET', started.statusUrl, undefined, as('compliance')),
      );
      assert.equal(`drill:lockout:${status.lockoutId}`, started.workflowId);
      assert.equal(status.cause, 'audit-log-lockout');
    } finally {
      await stack().env.client.workflow.getHandle(started.workflowId).terminate('test over');
    }

    assert.equal((await call(app, 'GET', '/v1/drills/reports', undefined, as('legal'))).status, 404, 'no store shared');
    const report = buildDrillReport({
      drillId: 'drill-20261203T061500Z',
      procedure: 'lockout',
      drill: { scenario: 'none', startedBy: 'olga' },
      timeScale: 1 / 720,
      outcome: { detectedAt: '2026-12-03T06:15:00Z', phase: 'completed', acknowledgement: null, milestones: [] },
      entries: [],
      finishedAt: '2026-12-03T06:21:00Z',
    });
    const body = JSON.stringify(report);
    await stack().store.documents.put({
      incidentId: 'drill:lockout:drill-20261203T061500Z',
      kind: 'drill-report',
      version: 1,
      sha256: sha256Hex(body),
      body,
      createdAt: report.finishedAt,
    });
    const withStore = await api({ drillReports: stack().store.documents });
    const listed = await json<{ reports: { drillId: string; ackChangePolicyMinutes: number | null }[] }>(
      await call(withStore, 'GET', '/v1/drills/reports', undefined, as('legal')),
    );
    assert.ok(listed.reports.some((r) => r.drillId === report.drillId && r.ackChangePolicyMinutes === null));
    const one = await call(
      withStore,
      'GET',
      `/v1/drills/reports/lockout/${report.drillId}`,
      undefined,
      as('compliance'),
    );
    assert.equal(one.status, 200);
    assert.deepEqual(await one.json(), { sha256: sha256Hex(body), report });
    const other = await call(
      withStore,
      'GET',
      `/v1/drills/reports/data-leak/${report.drillId}`,
      undefined,
      as('legal'),
    );
    assert.equal(other.status, 404, 'the same id as a data-leak drill is another drill');
  });

  it('rate limit per token: 429 with Retry-After', async () => {
    const app = await api({ rateLimitPerMinute: 2 });
    const get = () => call(app, 'GET', '/v1/lockouts/NO-SUCH-1', undefined, as('compliance'));
    assert.notEqual((await get()).status, 429);
    assert.notEqual((await get()).status, 429);
    const limited = await get();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.notEqual(
      (await call(app, 'GET', '/v1/lockouts/NO-SUCH-1', undefined, as('legal'))).status,
      429,
      'per token',
    );
  });
});
