/**
 * The worker's observability on a real dev server: the Prometheus endpoint carries the SDK's
 * metrics and Herald's own (deliveries by channel and outcome, slack to the next deadline per
 * procedure), and every log line is one JSON object, those of a procedure with its workflow id and
 * incident id. (Its own process: the runtime is installed once, with metrics, before anything else.)
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Runtime } from '@temporalio/worker';
import { openStore } from '../../activities/store/open-store.ts';
import { actOnLockout, startLockout } from '../../client/lockout-client.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import { incidentIdOf, jsonLogger } from '../../workers/json-logger.ts';
import { startDevServer } from '../../workers/local-temporal.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { inMemoryProviders } from '../support/workflow-harness.ts';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('Prometheus metrics (SDK and Herald) and JSON log lines carrying workflow and incident ids', async () => {
  const lines: string[] = [];
  const metricsPort = await freePort();
  Runtime.install({
    logger: jsonLogger('DEBUG', (line) => lines.push(line)),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } },
  });
  const [env, store] = await Promise.all([startDevServer({ port: 18433 }), openStore({})]);
  try {
    const { deps } = inMemoryProviders(store);
    const taskQueue = 'herald-observability';
    const worker = await createHeraldWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps,
      workflowBundle: await cachedWorkflowBundle(),
    });
    await worker.runUntil(async () => {
      const { handle } = await startLockout(
        env.client,
        { incident: lockout('OBS-1', new Date().toISOString()) },
        taskQueue,
      );
      await actOnLockout(handle, 'acknowledge', { actor: { id: 'erin', role: 'responder' } });
      await actOnLockout(handle, 'close', { actor: { id: 'erin', role: 'responder' }, reason: 'observability test' });
      await handle.result();
      // Deadlines already passed: the gauges must not fail the workflow (SDK gauges refuse negatives).
      const late = lockout('OBS-2', new Date(Date.now() - 2 * 3_600_000).toISOString());
      const { handle: overdue } = await startLockout(env.client, { incident: late }, taskQueue);
      await actOnLockout(overdue, 'acknowledge', { actor: { id: 'erin', role: 'responder' } });
      await actOnLockout(overdue, 'close', { actor: { id: 'erin', role: 'responder' }, reason: 'observability test' });
      assert.equal((await overdue.result()).phase, 'closed');
    });

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const sample = (name: RegExp) => metrics.split('\n').filter((l) => !l.startsWith('#') && name.test(l));
    const delivered = sample(/herald_deliveries.*channel="email".*outcome="sent"/);
    assert.ok(delivered.length > 0, `delivery counter exported:\n${metrics.slice(0, 2000)}`);
    assert.ok(delivered.some((l) => /milestone="technical-alert"/.test(l) && Number(l.split(' ').pop()) >= 1));
    const slack = sample(/herald_deadline_slack_seconds.*procedure="lockout:OBS-1"/);
    assert.equal(slack.length, 1, 'the slack gauge of the procedure');
    const lateSlack = sample(/herald_deadline_slack_seconds.*procedure="lockout:OBS-2"/);
    assert.equal(lateSlack.length, 1, 'published for the late procedure too');
    assert.ok(Number(lateSlack[0]?.split(' ').pop()) >= 0);
    assert.ok(sample(/^temporal_/).length > 0, 'the SDK runtime metrics are on the same endpoint');

    assert.ok(lines.length > 0);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const entry of parsed) {
      assert.equal(typeof entry.time, 'string');
      assert.equal(typeof entry.level, 'string');
      assert.equal(typeof entry.message, 'string');
    }
    const ofProcedure = parsed.filter((e) => e.workflowId === 'lockout:OBS-1');
    assert.ok(ofProcedure.length > 0, 'the procedure logs');
    for (const e of ofProcedure) assert.equal(e.incidentId, 'OBS-1');
    assert.ok(
      ofProcedure.some((e) => typeof e.activityType === 'string'),
      'activity lines carry the ids too',
    );
    assert.equal(incidentIdOf('data-leak:INC-42'), 'INC-42');
    assert.equal(incidentIdOf('herald-credential-watch-2026'), undefined);
  } finally {
    await Promise.all([env.teardown(), store.close()]);
  }
});
