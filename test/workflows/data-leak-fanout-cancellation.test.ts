/**
 * Closing a procedure, or skipping the affected people's notice, stops a page in flight, on the
 * time-skipping server: the SMS page of the mass notification waits ten minutes between texts
 * (its pacer), the operator acts after the first text, and the page activity — told through its
 * next heartbeat — ends cancelled; the child workflow ends cancelled; no affected person is texted
 * after the page learnt of it, and nobody but the first was texted at all. A page that missed the
 * cancellation would sit in its ten-minute wait past the test's time-out; nothing is timed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { dataLeakNotification } from '../../workflows/index.ts';
import { ListCrm } from '../support/fake-providers.ts';
import type { RecordingSms } from '../support/fake-providers.ts';
import { until } from '../support/page-sandbox.ts';
import {
  bundleWorkflows,
  incident,
  inMemoryProviders,
  legal,
  responder,
  startHarness,
} from '../support/workflow-harness.ts';
import type { Harness } from '../support/workflow-harness.ts';
const TIMEOUT = { timeout: 90_000 };

const audience: AffectedPerson[] = Array.from({ length: 8 }, (_, i) => ({
  id: `0030000000000Z${String(i).padStart(4, '0')}`,
  name: `Student ${i}`,
  email: `z${i}@student.test`,
  phone: `+4917600${String(i).padStart(5, '0')}`,
  locale: 'de',
}));

/** What the test sees of the SMS page activity: when it learnt of the cancellation, how it ended. */
interface PageWatch {
  /** Affected-people SMS requested (calls started) after the page's cancellation signal fired. */
  lateSends: number;
  aborted: boolean;
  /** Set once the page activity returned or threw. */
  settled: boolean;
  ended: Promise<unknown>;
}

interface Run {
  harness: Harness;
  client: Client;
  taskQueue: string;
  sms: RecordingSms;
  page: PageWatch;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * A time-skipping server of its own, and a worker over the real activities with recording
 * providers, heartbeats sent at most a second apart (the page learns of a cancellation from the
 * answer to one), the SMS page watched. Its own server because on the test server an activity
 * cancelled after its workflow closed stays in flight, and its clock no longer skips for the next
 * test. A test that times out stops its worker (and the page's wait) instead of leaving it running.
 */
async function withWorker(t: TestContext, body: (run: Run) => Promise<void>): Promise<void> {
  const h = await startHarness({ bundle: await (bundle ??= bundleWorkflows()) });
  try {
    await runWorker(h, t.signal, body);
  } finally {
    await h.close();
  }
}

async function runWorker(h: Harness, signal: AbortSignal, body: (run: Run) => Promise<void>): Promise<void> {
  const { deps: base, sms } = inMemoryProviders(h.store);
  let endPage: (outcome: unknown) => void = () => {};
  const page: PageWatch = {
    lateSends: 0,
    aborted: false,
    settled: false,
    ended: new Promise((resolve) => (endPage = resolve)),
  };
  void page.ended.then(() => (page.settled = true));
  const deps: ActivityDeps = {
    ...base,
    crm: new ListCrm(audience),
    // One text per ten minutes: the page spends its life in the pacer's wait.
    fanout: { smsPerSecond: 1 / 600, emailRequestsPerSecond: 100, smsConcurrency: 1, pageSize: 1000 },
    sms: {
      send: (message) => {
        if (page.aborted && message.deliveryKey.includes('/affected-people/')) page.lateSends++;
        return sms.send(message);
      },
      findSent: (deliveryKey) => sms.findSent(deliveryKey),
    },
  };
  const activities = createActivities(deps);
  const taskQueue = `fanout-cancel-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: h.env.nativeConnection,
    taskQueue,
    workflowBundle: h.bundle,
    maxHeartbeatThrottleInterval: '1 second',
    activities: {
      ...activities,
      async sendAffectedSmsPage(input: Parameters<typeof activities.sendAffectedSmsPage>[0]) {
        Context.current().cancellationSignal.addEventListener('abort', () => (page.aborted = true));
        try {
          const result = await activities.sendAffectedSmsPage(input);
          endPage(result);
          return result;
        } catch (err) {
          endPage(err);
          throw err;
        }
      },
    },
  });
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('test timed out')), { once: true }),
  );
  await worker.runUntil(Promise.race([body({ harness: h, client: h.env.client, taskQueue, sms, page }), timedOut]));
}

/** Starts the procedure, acknowledges, approves, and waits until the first affected person is texted. */
async function firstTextOut(run: Run, incidentId: string): Promise<WorkflowHandle<typeof dataLeakNotification>> {
  const { env } = run.harness;
  const detectedAt = new Date(await env.currentTimeMs()).toISOString();
  const { handle } = await startDataLeak(run.client, { incident: incident(incidentId, detectedAt) }, run.taskQueue);
  await env.sleep('2 minutes');
  await act(handle, 'acknowledge', { actor: responder });
  await env.sleep('1 minute');
  const draft = (await getStatus(handle)).authorityNotice.draft;
  assert.ok(draft, 'a draft awaits approval');
  await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });
  await until(() => affectedTexts(run.sms) >= 1, 'the first affected person texted');
  return handle;
}

const affectedTexts = (sms: RecordingSms) => sms.sent.filter((m) => m.deliveryKey.includes('/affected-people/')).length;

/** The page ended cancelled, after no late send; the child ended cancelled; one person texted. */
async function assertStopped(run: Run, incidentId: string): Promise<void> {
  const outcome = await run.page.ended;
  assert.ok(outcome instanceof CancelledFailure, `the page ended cancelled, not with ${String(outcome)}`);
  assert.equal(run.page.lateSends, 0, 'no affected person texted after the page learnt of the cancellation');
  assert.equal(affectedTexts(run.sms), 1, 'nobody after the first');
  const child = run.client.workflow.getHandle(`affected-people:${incidentId}`);
  await assert.rejects(
    child.result(),
    (err) => err instanceof WorkflowFailedError && err.cause instanceof CancelledFailure,
  );
  assert.equal((await child.describe()).status.name, 'CANCELLED');
  const reserved = (await run.harness.store.ledger.summarize(incidentId)).sms.reserved;
  assert.equal(reserved, 0, 'nothing left reserved: the page stopped between texts');
}

test('closing the procedure during a slow SMS page cancels the child and stops the page', TIMEOUT, async (t) => {
  await withWorker(t, async (run) => {
    const handle = await firstTextOut(run, 'ZOMBIE-CLOSE-1');
    await act(handle, 'override', {
      actor: responder,
      kind: 'close-false-positive',
      reason: 'no data left the bucket',
    });
    const final = await handle.result();
    assert.equal(final.phase, 'closed');
    await assertStopped(run, 'ZOMBIE-CLOSE-1');
  });
});

test(
  'skipping the affected people’s notice during a slow SMS page cancels the child and stops the page',
  TIMEOUT,
  async (t) => {
    await withWorker(t, async (run) => {
      const handle = await firstTextOut(run, 'ZOMBIE-SKIP-1');
      await act(handle, 'override', {
        actor: legal,
        kind: 'skip',
        milestone: 'affected-people',
        reason: 'the DPO informs the students in a public notice instead',
      });
      await assertStopped(run, 'ZOMBIE-SKIP-1');
      // The procedure runs on to its end: skipped is not closed.
      const final = await handle.result();
      assert.equal(final.phase, 'completed');
      const types = (await run.harness.store.audit.list('ZOMBIE-SKIP-1')).map((e) => e.type);
      assert.ok(types.includes('affected.fanout-cancelled'), 'the procedure audited the cancelled fan-out');
      assert.equal(final.milestones.find((m) => m.id === 'affected-people')?.state, 'skipped');
    });
  },
);

test('the procedure is reported closed only once its page has stopped', TIMEOUT, async (t) => {
  await withWorker(t, async (run) => {
    const handle = await firstTextOut(run, 'ZOMBIE-CLOSE-2');
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'drill over' });
    await handle.result();
    assert.equal(run.page.settled, true, 'the page had settled when the procedure ended');
    await assertStopped(run, 'ZOMBIE-CLOSE-2');
  });
});
