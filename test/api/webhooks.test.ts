/**
 * Webhooks that are never dropped, on a real dev server, worker and store: the payloads issue 17
 * found refused are answered 2xx; a long title is shortened and said so (answer and procedure
 * input); unreadable bodies and unrouted triggers are kept pending, listed, retried after the fix,
 * or discarded by someone allowed to; Standard Webhooks signatures (incident.io) refuse unsigned,
 * forged, altered and replayed deliveries; only failed authentications are rate-limited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiOptions } from '../../client/api/app.ts';
import type { AlertRoutes } from '../../client/api/alerts/alert-event.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import type { WebhookAnswer } from '../../client/api/triggers/webhook-answer.ts';
import { ROLES } from '../../workflows/domain/status.ts';
import type { Role } from '../../workflows/domain/status.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { webhookApi } from '../support/webhook-api.ts';
import { toolHeaders, WEBHOOK_PATHS } from '../support/webhook-senders.ts';

const taskQueue = 'herald-webhooks';
const stack = useDevServerWorker({ port: 20130, taskQueue });
const secrets = {
  pagerDuty: 'webhooks-pagerduty-secret-0123456789',
  incidentIo: 'whsec_d2ViaG9va3MtaW5jaWRlbnQtaW8tc2VjcmV0',
  opsgenieToken: 'token-for-integration-0123456789',
};
const tokenOf = (role: Role) => `token-for-${role}-0123456789`;
const as = (role: Role) => ({ Authorization: `Bearer ${tokenOf(role)}`, 'Content-Type': 'application/json' });

async function api(overrides: Partial<ApiOptions> & { routes?: AlertRoutes } = {}) {
  const { routes, ...rest } = overrides;
  const tokens = new TokenRegistry(ROLES.map((role) => ({ id: `${role}-1`, role, sha256: sha256Hex(tokenOf(role)) })));
  return webhookApi(stack(), {
    tokens,
    secrets,
    routes: routes ?? (await loadAlertRoutes('config/alert-routes.example.json')),
    ...rest,
  });
}
type Api = Awaited<ReturnType<typeof api>>;

/** A PagerDuty v3 event as PagerDuty documents it, with `data` as given. */
const pagerDutyEvent = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({
    event: {
      id: `EV-${type}-${String(data.id)}`,
      event_type: type,
      resource_type: 'incident',
      occurred_at: '2026-12-01T09:00:00Z',
      agent: { id: 'PUSER1', summary: 'Pat Pager', type: 'user_reference' },
      client: { name: 'PagerDuty' },
      data,
    },
  });
/** An event whose data is an incident (`extra` overrides its fields). */
const pagerDuty = (type: string, id: string, extra: Record<string, unknown> = {}) =>
  pagerDutyEvent(type, {
    id,
    type: 'incident',
    title: 'Salesforce sync failing',
    urgency: 'high',
    service: { id: 'PSVC1', summary: 'Integrations' },
    ...extra,
  });
const reference = (id: string) => ({ id, type: 'incident_reference', summary: 'Salesforce sync failing' });

async function deliver(app: Api, source: keyof typeof WEBHOOK_PATHS, raw: string, deliveryId?: string) {
  const res = await app.request(WEBHOOK_PATHS[source], {
    method: 'POST',
    headers: toolHeaders(source, raw, secrets, deliveryId),
    body: raw,
  });
  return { status: res.status, answer: (await res.json()) as WebhookAnswer & { detail?: string } };
}

/** The first argument the workflow was started with, decoded. */
async function startInput(workflowId: string): Promise<{ incident: Record<string, string> }> {
  const { client } = stack().env;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const [payload] = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  assert.ok(payload, 'the start event carries the trigger');
  return client.options.loadedDataConverter.payloadConverter.fromPayload(payload);
}

describe('webhooks that are never dropped', () => {
  it("issue 17's refused payloads: notes, responders and status updates are answered, a long title is shortened and said so", async () => {
    const app = await api();
    // Data without `service` or `title`, as PagerDuty sends it for these resource types.
    const refusedBefore = [
      pagerDutyEvent('incident.annotated', {
        id: 'PNOTE1',
        type: 'incident_note',
        content: 'note',
        incident: reference('PN1'),
      }),
      pagerDutyEvent('incident.responder.added', {
        type: 'incident_responder',
        incident: reference('PN1'),
        message: 'help',
      }),
      pagerDutyEvent('incident.status_update_published', {
        id: 'PSU1',
        type: 'incident_status_update',
        incident: reference('PN1'),
      }),
    ];
    for (const raw of refusedBefore) {
      const { status, answer } = await deliver(app, 'pagerduty', raw);
      assert.equal(status, 200, raw);
      assert.equal(answer.outcome, 'ignored');
      assert.match(answer.reason ?? '', /does not change a procedure/);
    }

    const longTitle = `Salesforce integration user locked out after audit-log retention policy change: ${'every sync job, checkout and the nightly export are refused; '.repeat(4)}end`;
    assert.ok(longTitle.length > 200);
    const { status, answer } = await deliver(
      app,
      'pagerduty',
      pagerDuty('incident.triggered', 'PLONG1', { title: longTitle }),
    );
    assert.equal(status, 200);
    assert.equal(answer.outcome, 'started');
    assert.deepEqual(answer.truncated, [`title: ${longTitle.length} → 200 characters`]);
    const { incident } = await startInput('lockout:pagerduty-PLONG1');
    assert.equal([...(incident.title ?? '')].length, 200);
    assert.ok(incident.title?.endsWith('…'));
    assert.match(incident.description ?? '', /Herald shortened the title from \d+ to 200 characters/);
    assert.ok(incident.description?.includes(longTitle), 'the full title is kept in the description');
    await stack().env.client.workflow.getHandle('lockout:pagerduty-PLONG1').terminate('test over');
  });

  it('an unreadable body is kept pending and listed; only responder or legal may discard it, saying why', async () => {
    const app = await api();
    const { status, answer } = await deliver(app, 'pagerduty', '{"event": {"event_type": "incident.triggered", ');
    assert.equal(status, 202, 'recorded, not refused: PagerDuty would drop a 4xx');
    assert.equal(answer.outcome, 'pending');
    assert.match(answer.reason ?? '', /not JSON/);
    const list = (await (await app.request('/v1/triggers?state=pending', { headers: as('compliance') })).json()) as {
      pending: number;
      triggers: { id: string; summary: string }[];
    };
    assert.ok(list.pending >= 1);
    assert.deepEqual(
      list.triggers.filter((t) => t.id === answer.trigger).map((t) => t.summary),
      ['malformed JSON'],
    );
    const one = (await (await app.request(`/v1/triggers/${answer.trigger}`, { headers: as('compliance') })).json()) as {
      body: string;
    };
    assert.match(one.body, /^\{"event"/, 'the body as it arrived');

    const discard = (role: Role, body: unknown = { reason: 'PagerDuty test delivery, not an incident' }) =>
      app.request(`/v1/triggers/${answer.trigger}/discard`, {
        method: 'POST',
        headers: as(role),
        body: JSON.stringify(body),
      });
    assert.equal((await discard('integration')).status, 403, 'a machine token never drops a trigger');
    assert.equal((await discard('compliance')).status, 403);
    assert.equal((await discard('responder', {})).status, 400, 'a reason is required');
    const discarded = (await (await discard('responder')).json()) as { state: string; decidedBy: string };
    assert.deepEqual([discarded.state, discarded.decidedBy], ['discarded', 'responder-1']);
    assert.equal((await discard('legal')).status, 409, 'only a pending trigger can be discarded');
    const retried = await app.request(`/v1/triggers/${answer.trigger}/retry`, {
      method: 'POST',
      headers: as('responder'),
      body: '{}',
    });
    assert.equal(retried.status, 409);
    assert.equal(
      (await app.request('/v1/triggers/pagerduty-00000000000000000000', { headers: as('legal') })).status,
      404,
    );
  });

  it('an unrouted trigger is kept, then started by a retry once the routes file names its service', async () => {
    const before = await api({ routes: {} });
    const raw = pagerDuty('incident.triggered', 'PROUTE1');
    const { status, answer } = await deliver(before, 'pagerduty', raw, 'wh-route-1');
    assert.equal(status, 202);
    assert.match(answer.reason ?? '', /no route for pagerduty:PSVC1: add "pagerduty:PSVC1" or "pagerduty:\*"/);
    // The API restarted with a fixed routes file: the same store, a new process.
    const after = await api();
    const retry = (role: Role) =>
      after.request(`/v1/triggers/${answer.trigger}/retry`, { method: 'POST', headers: as(role), body: '{}' });
    assert.equal((await retry('compliance')).status, 403);
    const started = (await (await retry('responder')).json()) as WebhookAnswer;
    assert.deepEqual([started.outcome, started.workflowId], ['started', 'lockout:pagerduty-PROUTE1']);
    const redelivered = await deliver(after, 'pagerduty', raw, 'wh-route-1');
    assert.deepEqual(
      [redelivered.status, redelivered.answer.outcome, redelivered.answer.duplicate],
      [200, 'started', true],
    );
    await stack().env.client.workflow.getHandle('lockout:pagerduty-PROUTE1').terminate('test over');
  });

  it('a route whose defaults make no valid trigger keeps the trigger pending, naming the field', async () => {
    // loadAlertRoutes refuses such a file at start; the mapping layer still never loses the trigger.
    const broken = {
      'pagerduty:*': { procedure: 'lockout', defaults: { cause: 'cosmic-rays', surfaces: [], regions: [] } },
    };
    const app = await api({ routes: broken as unknown as AlertRoutes });
    const { status, answer } = await deliver(app, 'pagerduty', pagerDuty('incident.triggered', 'PBROKEN1'));
    assert.equal(status, 202);
    assert.match(answer.reason ?? '', /makes no valid trigger: .*cause/);
  });

  it('incident.io: unsigned 401; forged, altered and replayed 403; signed 2xx; off without a secret', async () => {
    const app = await api();
    const raw = JSON.stringify({
      event_type: 'public_incident.incident_updated_v2',
      'public_incident.incident_updated_v2': { id: 'X' },
    });
    const post = (headers: Record<string, string>, body = raw) =>
      app.request(WEBHOOK_PATHS['incident-io'], { method: 'POST', headers, body });
    assert.equal((await post({ 'Content-Type': 'application/json' })).status, 401);
    const forged = toolHeaders('incident-io', raw, {
      ...secrets,
      incidentIo: 'whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldA==',
    });
    assert.equal((await post(forged)).status, 403);
    assert.equal((await post(toolHeaders('incident-io', raw, secrets), raw.replace('X', 'Y'))).status, 403, 'altered');
    const replayed = await post(toolHeaders('incident-io', raw, secrets, 'wh-old', new Date(Date.now() - 11 * 60_000)));
    assert.equal(replayed.status, 403);
    assert.match(((await replayed.json()) as { detail: string }).detail, /more than 5 minutes from now/);
    const ok = await post(toolHeaders('incident-io', raw, secrets));
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as WebhookAnswer).outcome, 'ignored');
    const off = await api({ incidentIoSecret: undefined });
    assert.equal(
      (
        await off.request(WEBHOOK_PATHS['incident-io'], {
          method: 'POST',
          headers: toolHeaders('incident-io', raw, secrets),
          body: raw,
        })
      ).status,
      404,
    );
  });

  it('failed authentications are rate-limited per source; genuine deliveries never are', async () => {
    const app = await api({ rateLimitPerMinute: 2 });
    const raw = pagerDuty('incident.priority_updated', 'PRATE1');
    const forged = { 'Content-Type': 'application/json', 'X-PagerDuty-Signature': 'v1=00' };
    const attempts = [];
    for (let i = 0; i < 3; i++)
      attempts.push(
        (await app.request(WEBHOOK_PATHS.pagerduty, { method: 'POST', headers: forged, body: raw })).status,
      );
    assert.deepEqual(attempts, [401, 401, 429]);
    for (let i = 0; i < 5; i++) {
      const { status } = await deliver(app, 'pagerduty', raw);
      assert.equal(status, 200, `genuine delivery ${i + 1}`);
    }
  });
});
