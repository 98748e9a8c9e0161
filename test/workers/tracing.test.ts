/**
 * Tracing from trigger to provider call on a real dev server: the client's start, the workflow run,
 * each activity and Herald's span around each provider send form one trace.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openStore } from '../../activities/store/open-store.ts';
import { actOnLockout, startLockout } from '../../client/lockout-client.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import { startDevServer } from '../../workers/local-temporal.ts';
import { startTracing } from '../../workers/tracing.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { inMemoryProviders } from '../support/workflow-harness.ts';

test('one trace from the trigger through the workflow and activities to each provider send', async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing('herald-test', { exporter });
  const [env, store] = await Promise.all([startDevServer({ port: 18833 }), openStore({})]);
  try {
    const client = new Client({ connection: env.connection, namespace: 'default', plugins: [tracing.plugin] });
    const taskQueue = 'herald-tracing';
    const worker = await createHeraldWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: inMemoryProviders(store).deps,
      plugins: [tracing.plugin],
    });
    await worker.runUntil(async () => {
      const { handle } = await startLockout(
        client,
        { incident: lockout('TRACE-1', new Date().toISOString()) },
        taskQueue,
      );
      await actOnLockout(handle, 'acknowledge', { actor: { id: 'erin', role: 'responder' } });
      await actOnLockout(handle, 'close', { actor: { id: 'erin', role: 'responder' }, reason: 'tracing test' });
      await handle.result();
    });
    // Read before shutting down: the in-memory exporter forgets its spans on shutdown.
    const spans = exporter.getFinishedSpans();
    const named = (re: RegExp) => spans.filter((s) => re.test(s.name));
    const [start] = named(/^StartWorkflow:complianceLockout$/);
    assert.ok(start, `the client's start span (have ${[...new Set(spans.map((s) => s.name))].join(', ')})`);
    const traceId = start.spanContext().traceId;
    const inTrace = (re: RegExp) => named(re).filter((s) => s.spanContext().traceId === traceId);
    assert.ok(inTrace(/^RunWorkflow:complianceLockout$/).length > 0, 'the workflow run joins the trace');
    assert.ok(inTrace(/^RunActivity:notifyLockoutGroup$/).length > 0, 'the send activity joins the trace');
    const sends = inTrace(/^herald\.send (email|sms)$/);
    assert.ok(sends.length > 0, 'each provider call is a span in the same trace');
    const activityIds = new Set(named(/^RunActivity:/).map((s) => s.spanContext().spanId));
    for (const send of sends) {
      assert.ok(activityIds.has(send.parentSpanId ?? ''), 'a send is a child of its activity');
      assert.match(String(send.attributes['herald.delivery_key']), /^lockout:TRACE-1\//);
    }
  } finally {
    await tracing.shutdown();
    await Promise.all([env.teardown(), store.close()]);
  }
});
