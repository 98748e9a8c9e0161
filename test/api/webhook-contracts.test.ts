/**
 * Contract tests from each tool's documented payloads (fixtures/webhooks, sources in SOURCES.md):
 * every documented event type of PagerDuty v3, Opsgenie's alert actions and incident.io is
 * delivered, signed as the tool signs it, to the real API on a real dev server and worker, in the
 * order an incident produces them. Each is answered 2xx — acted on, ignored with a reason, or kept
 * pending — and a redelivery of the same delivery id is answered from the store as a duplicate.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { AlertRoutes, AlertSource } from '../../client/api/alerts/alert-event.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import type { WebhookAnswer } from '../../client/api/triggers/webhook-answer.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { webhookApi } from '../support/webhook-api.ts';
import { toolHeaders, WEBHOOK_PATHS } from '../support/webhook-senders.ts';

const taskQueue = 'herald-contracts';
const stack = useDevServerWorker({ port: 20110, taskQueue });
const secrets = {
  pagerDuty: 'contract-pagerduty-secret-0123456789',
  incidentIo: 'whsec_Y29udHJhY3QtaW5jaWRlbnQtaW8tc2VjcmV0',
  opsgenieToken: 'contract-opsgenie-integration-token',
};
const FIXTURES = new URL('./fixtures/webhooks/', import.meta.url);

/**
 * The documented event types, as each tool's documentation lists them today (see SOURCES.md); every
 * one has a fixture and nothing else does. Anything a tool adds later is answered as ignored.
 */
const DOCUMENTED: Readonly<Record<AlertSource, readonly string[]>> = {
  pagerduty: [
    'incident.acknowledged',
    'incident.annotated',
    'incident.conference_bridge.updated',
    'incident.custom_field_values.updated',
    'incident.delegated',
    'incident.escalated',
    'incident.incident_type.changed',
    'incident.priority_updated',
    'incident.reassigned',
    'incident.reopened',
    'incident.resolved',
    'incident.responder.added',
    'incident.responder.replied',
    'incident.role.assigned',
    'incident.service_updated',
    'incident.status_update_published',
    'incident.task.completed',
    'incident.task.created',
    'incident.task.updated',
    'incident.triggered',
    'incident.unacknowledged',
    'incident.action_invocation.created',
    'incident.action_invocation.terminated',
    'incident.action_invocation.updated',
    'incident.workflow.started',
    'incident.workflow.completed',
    'service.created',
    'service.custom_field_values.updated',
    'service.deleted',
    'service.updated',
  ],
  opsgenie: [
    'Create',
    'Acknowledge',
    'UnAcknowledge',
    'AddTeam',
    'AddRecipient',
    'AddNote',
    'AddTags',
    'RemoveTags',
    'Close',
    'AssignOwnership',
    'TakeOwnership',
    'Delete',
    'Escalate',
    'UpdatePriority',
    'UpdateDescription',
    'UpdateMessage',
    'TestAction',
  ],
  'incident-io': [
    'public_incident.incident_created_v2',
    'private_incident.incident_created_v2',
    'public_incident.incident_updated_v2',
    'private_incident.incident_updated_v2',
    'public_incident.incident_status_updated_v2',
    'public_incident.follow_up_created_v1',
    'private_incident.follow_up_created_v1',
    'public_incident.follow_up_updated_v1',
    'private_incident.follow_up_updated_v1',
    'public_incident.follow_up_created_v2',
    'private_incident.follow_up_created_v2',
    'public_incident.follow_up_updated_v2',
    'private_incident.follow_up_updated_v2',
    'public_incident.action_created_v1',
    'private_incident.action_created_v1',
    'public_incident.action_updated_v1',
    'private_incident.action_updated_v1',
    'public_alert.alert_created_v1',
    'private_alert.alert_created_v1',
    'private_incident.membership_granted_v1',
    'private_incident.membership_revoked_v1',
    'public_incident.postmortem_document_status_updated_v1',
  ],
};

/** An incident's life in each tool: what comes first and last, and what Herald does with it; the rest is ignored. */
const LIFE: Readonly<
  Record<AlertSource, { first: [string, string][]; last: [string, string][]; pending?: string[]; workflowId: string }>
> = {
  pagerduty: {
    first: [
      ['incident.triggered', 'started'],
      ['incident.acknowledged', 'acknowledged'],
    ],
    last: [['incident.resolved', 'resolved']],
    workflowId: 'lockout:pagerduty-Q3HRLDCNTRCT',
  },
  // Routed to a data leak, as config/alert-routes.example.json does: a closed alert does not end it.
  opsgenie: {
    first: [
      ['Create', 'started'],
      ['Acknowledge', 'acknowledged'],
    ],
    last: [['Close', 'ignored']],
    workflowId: 'data-leak:opsgenie-2f9c3a6e-5b1d-4e7a-9c0f-8d2b1a3e4f5c',
  },
  'incident-io': {
    first: [['public_incident.incident_created_v2', 'started']],
    last: [['public_incident.incident_status_updated_v2', 'resolved']],
    pending: ['private_incident.incident_created_v2'],
    workflowId: 'lockout:incident-io-01JHRLDCNTRCT0000000000001',
  },
};

async function routes(): Promise<AlertRoutes> {
  const example = await loadAlertRoutes('config/alert-routes.example.json');
  const lockout = example['pagerduty:*'];
  assert.ok(lockout, 'the example routes PagerDuty to a lockout');
  return { ...example, 'incident-io:*': lockout };
}

async function api() {
  const tokens = new TokenRegistry([
    { id: 'opsgenie-integration', role: 'integration', sha256: sha256Hex(secrets.opsgenieToken) },
  ]);
  return webhookApi(stack(), { tokens, secrets, routes: await routes() });
}

const fixture = (source: AlertSource, type: string) => readFile(new URL(`${source}/${type}.json`, FIXTURES), 'utf8');

describe('webhook contracts: every documented event type of each tool', () => {
  for (const source of Object.keys(DOCUMENTED) as AlertSource[]) {
    it(`${source}: a fixture for each documented event type, and no other`, async () => {
      const files = (await readdir(new URL(`${source}/`, FIXTURES))).map((f) => f.replace(/\.json$/, ''));
      assert.deepEqual([...files].sort(), [...DOCUMENTED[source]].sort());
    });

    it(`${source}: each is answered 2xx — applied, ignored with the reason, or kept — and a redelivery is a duplicate`, async () => {
      const app = await api();
      const life = LIFE[source];
      const named = new Set([...life.first, ...life.last].map(([type]) => type));
      const middle = DOCUMENTED[source].filter((t) => !named.has(t));
      const order: [string, string][] = [
        ...life.first,
        ...middle.map((t): [string, string] => [t, life.pending?.includes(t) ? 'pending' : 'ignored']),
        ...life.last,
      ];
      const answers: { type: string; deliveryId: string; raw: string; answer: WebhookAnswer }[] = [];
      for (const [type, expected] of order) {
        const raw = await fixture(source, type);
        const deliveryId = `delivery-${type}`;
        const res = await app.request(WEBHOOK_PATHS[source], {
          method: 'POST',
          headers: toolHeaders(source, raw, secrets, deliveryId),
          body: raw,
        });
        const answer = (await res.json()) as WebhookAnswer;
        assert.equal(res.status, expected === 'pending' ? 202 : 200, `${type}: ${JSON.stringify(answer)}`);
        assert.equal(answer.outcome, expected, `${type}: ${JSON.stringify(answer)}`);
        if (expected === 'ignored' || expected === 'pending')
          assert.ok((answer.reason ?? '').length > 10, `${type} says why`);
        if (expected === 'started') assert.equal(answer.workflowId, life.workflowId);
        answers.push({ type, deliveryId, raw, answer });
      }
      for (const { type, deliveryId, raw, answer } of answers) {
        const res = await app.request(WEBHOOK_PATHS[source], {
          method: 'POST',
          headers: toolHeaders(source, raw, secrets, deliveryId),
          body: raw,
        });
        const again = (await res.json()) as WebhookAnswer;
        assert.ok(res.status < 300, `${type} redelivered: ${res.status}`);
        assert.deepEqual(again, { ...answer, duplicate: true }, `${type} redelivered is answered from the store`);
      }
      await stack().env.client.workflow.getHandle(life.workflowId).terminate('contract test over');
    });
  }
});
