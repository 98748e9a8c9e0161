/**
 * When Herald cannot act at once, no trigger is lost and the answer does not wait: a real dev server
 * behind a proxy that holds its traffic (Temporal slow), a frontend nobody listens on (Temporal
 * down), an API "restart" (a new processor and retrier on the same store), the stuck-trigger alert
 * and health probe, and a store that is gone (the only case the tool is told to retry). No test here
 * asserts a duration: "did not wait" is shown by answering while Temporal holds the request.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { buildApi } from '../../client/api/app.ts';
import type { AlertRoutes } from '../../client/api/alerts/alert-event.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { TokenRegistry } from '../../client/api/tokens.ts';
import type { TriggerProcessor } from '../../client/api/triggers/trigger-processor.ts';
import { startTriggerRetrier } from '../../client/api/triggers/trigger-retrier.ts';
import type { WebhookAnswer } from '../../client/api/triggers/webhook-answer.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { eventually } from '../support/eventually.ts';
import { startHoldingProxy } from '../support/holding-proxy.ts';
import { recordingLog, testTriggers } from '../support/triggers.ts';
import { pagerDutyTriggered, toolHeaders, WEBHOOK_PATHS } from '../support/webhook-senders.ts';

const TEMPORAL_PORT = 20150;
const PROXY_PORT = 20151;
/** Nothing listens here: Temporal unreachable. */
const NOWHERE = '127.0.0.1:20159';
const taskQueue = 'herald-outage';
const stack = useDevServerWorker({ port: TEMPORAL_PORT, taskQueue });
const secrets = { pagerDuty: 'outage-pagerduty-secret-0123456789', incidentIo: '', opsgenieToken: '' };
const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

const triggered = (id: string) => pagerDutyTriggered(id);

async function app(triggers: TriggerProcessor, routes: AlertRoutes, webhookAnswerBudgetMs = 4_000) {
  return buildApi({
    client: stack().env.client,
    taskQueue,
    tokens: new TokenRegistry([]),
    pagerDutySecret: secrets.pagerDuty,
    alertRoutes: routes,
    triggers,
    webhookAnswerBudgetMs,
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 64 * 1024,
  });
}

async function deliver(api: Awaited<ReturnType<typeof app>>, raw: string) {
  const res = await api.request(WEBHOOK_PATHS.pagerduty, {
    method: 'POST',
    headers: toolHeaders('pagerduty', raw, secrets),
    body: raw,
  });
  return { status: res.status, headers: res.headers, answer: (await res.json()) as WebhookAnswer };
}

async function freshStore(): Promise<HeraldStore> {
  const store = await openStore();
  closers.push(() => store.close());
  return store;
}

describe('triggers when Herald cannot act at once', () => {
  it('Temporal slow: the answer is 202 while Temporal holds the start; the attempt finishes when it answers', async () => {
    const routes = await loadAlertRoutes('config/alert-routes.example.json');
    const proxy = await startHoldingProxy(PROXY_PORT, { host: '127.0.0.1', port: TEMPORAL_PORT });
    closers.push(() => proxy.close());
    const connection = await Connection.connect({ address: `127.0.0.1:${PROXY_PORT}` });
    closers.push(() => connection.close());
    const slow = new Client({ connection });
    const store = await freshStore();
    const triggers = testTriggers({ client: slow, taskQueue, store, routes, attemptTimeoutMs: 60_000 });
    const api = await app(triggers, routes, 300);

    proxy.hold();
    const { status, answer } = await deliver(api, triggered('PSLOW1'));
    assert.equal(status, 202);
    assert.equal(answer.outcome, 'pending');
    assert.match(answer.reason ?? '', /has not answered within 300 ms/);
    await assert.rejects(
      stack().env.client.workflow.getHandle('lockout:pagerduty-PSLOW1').describe(),
      WorkflowNotFoundError,
      'Temporal has not even seen the start: the answer did not wait for it',
    );
    proxy.release();
    const kept = await eventually(
      () => store.triggers.get(answer.trigger),
      (t) => t?.state === 'applied',
      'the held attempt to finish',
    );
    assert.equal((kept?.outcome as WebhookAnswer).outcome, 'started');
    await stack().env.client.workflow.getHandle('lockout:pagerduty-PSLOW1').terminate('test over');
  });

  it('Temporal down: kept, alerted once, the probe fails; after an API restart the trigger is started', async () => {
    const routes = await loadAlertRoutes('config/alert-routes.example.json');
    const store = await freshStore();
    const down = new Client({ connection: Connection.lazy({ address: NOWHERE }) });
    closers.push(() => down.connection.close());
    const { log, lines } = recordingLog();
    const first = testTriggers({
      client: down,
      taskQueue,
      store,
      routes,
      log,
      attemptTimeoutMs: 500,
      firstRetryMs: 50,
      alertAfterMs: 100,
    });
    const api = await app(first, routes);
    const { status, answer } = await deliver(api, triggered('PDOWN1'));
    assert.equal(status, 202, 'recorded durably: PagerDuty must not retry, drop or disable anything');
    assert.match(answer.reason ?? '', /Temporal did not take it/);
    assert.ok(lines.some((l) => l.event === 'herald.trigger.pending' && l.fields.trigger === answer.trigger));

    const retrier = startTriggerRetrier(first, { intervalMs: 3_600_000 });
    const stuck = () => lines.filter((l) => l.event === 'herald.trigger.stuck' && l.fields.trigger === answer.trigger);
    await eventually(
      async () => (await retrier.tick(), stuck().length),
      (n) => n > 0,
      'the stuck-trigger alert',
    );
    await retrier.tick();
    assert.equal(stuck().length, 1, 'alerted once, however often the retrier runs');
    assert.equal(stuck()[0]?.level, 'ERROR');
    await eventually(
      async () => (await retrier.tick(), store.triggers.get(answer.trigger)),
      (t) => (t?.attempts ?? 0) >= 3 && t?.state === 'pending',
      'retries while Temporal is down',
    );
    assert.equal(stuck().length, 1, 'still alerted only once');
    const probe = await api.request('/healthz/triggers');
    assert.equal(probe.status, 503);
    assert.deepEqual(
      {
        ...((await probe.json()) as Record<string, unknown>),
        oldestPendingSince: undefined,
        oldestPendingSeconds: undefined,
      },
      { ok: false, pending: 1, alertAfterSeconds: 0.1, oldestPendingSince: undefined, oldestPendingSeconds: undefined },
    );
    await retrier.stop();

    // The API process is replaced; Temporal is back. Only the store carries the trigger over.
    const second = testTriggers({ client: stack().env.client, taskQueue, store, routes, firstRetryMs: 50 });
    const restarted = startTriggerRetrier(second, { intervalMs: 3_600_000 });
    closers.push(() => restarted.stop());
    const applied = await eventually(
      async () => (await restarted.tick(), store.triggers.get(answer.trigger)),
      (t) => t?.state === 'applied',
      'the trigger to be applied after the restart',
    );
    assert.equal((applied?.outcome as WebhookAnswer).workflowId, 'lockout:pagerduty-PDOWN1');
    await stack().env.client.workflow.getHandle('lockout:pagerduty-PDOWN1').describe();
    assert.equal((await (await app(second, routes)).request('/healthz/triggers')).status, 200);
    await stack().env.client.workflow.getHandle('lockout:pagerduty-PDOWN1').terminate('test over');
  });

  it('the store gone: 503 with Retry-After (the tool delivers again), nothing half-kept', async () => {
    const routes = await loadAlertRoutes('config/alert-routes.example.json');
    const store = await openStore();
    const { log, lines } = recordingLog();
    const api = await app(testTriggers({ client: stack().env.client, taskQueue, store, routes, log }), routes);
    await store.close();
    const { status, headers, answer } = await deliver(api, triggered('PNOSTORE1'));
    assert.equal(status, 503);
    assert.equal(headers.get('retry-after'), '5');
    assert.match((answer as unknown as { detail: string }).detail, /nothing was kept: deliver it again/);
    assert.ok(lines.some((l) => l.event === 'herald.trigger.not-recorded' && l.level === 'ERROR'));
    await assert.rejects(
      stack().env.client.workflow.getHandle('lockout:pagerduty-PNOSTORE1').describe(),
      WorkflowNotFoundError,
    );
  });
});
