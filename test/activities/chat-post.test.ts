/**
 * The chat fallback through the ledger, with the real webhook adapter against the sandbox: a post
 * whose answer was lost is never posted again (a webhook has no lookup), one the webhook refused
 * with an answer is posted by the next attempt, and a refused connection counts as nothing posted.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { postToChat } from '../../activities/chat-post.ts';
import type { ChatPostInput, ChatPostResult } from '../../activities/chat-post.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { ChatWebhook } from '../../activities/providers/chat-webhook.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { testDirectory } from '../support/directory.ts';
import { ListCrm, RecordingEmail, RecordingSms } from '../support/fake-providers.ts';
import { rejection } from '../support/rejection.ts';
import { storeDeps } from '../support/store-deps.ts';

const TIMEOUT_MS = 300;
let sandbox: Sandbox;
let store: HeraldStore;
before(async () => {
  sandbox = await startSandbox({ seed: { count: 10, seed: 1 } });
  store = await openStore({});
});
after(async () => {
  await store?.close();
  await sandbox?.close();
});

function deps(): ActivityDeps {
  return {
    crm: new ListCrm([], 2),
    email: new RecordingEmail(),
    sms: new RecordingSms(),
    chat: new ChatWebhook(sandbox.chatWebhookUrl, TIMEOUT_MS),
    ...storeDeps(store),
    directory: testDirectory,
  };
}

/** One attempt of the chat activity, as Temporal would run its `attempt`th try. */
function attempt(n: number, input: ChatPostInput) {
  const env = new MockActivityEnvironment({
    activityId: `chat-${input.incidentId}-${input.ledgerMilestone}`,
    attempt: n,
  });
  return env.run<[ActivityDeps, ChatPostInput], ChatPostResult, typeof postToChat>(postToChat, deps(), input);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const postsOf = (text: string) => sandbox.chatPosts.filter((p) => p.text === text).length;

test('an answer lost after the webhook took the post: the next attempt does not post again, and says unconfirmed', async () => {
  const input = { incidentId: 'CHAT-1', ledgerMilestone: 'ops-alert', text: 'Herald CHAT-1: ops alert' };
  sandbox.faults.inject('chat', { kind: 'accept-then-timeout', holdMs: TIMEOUT_MS + 500 });
  const lost = await rejection(attempt(1, input));
  assert.match(String(lost), /timeout|aborted/i, 'the first attempt timed out');
  assert.equal(postsOf(input.text), 1, 'the webhook took it');

  const retried = await attempt(2, input);
  assert.equal(retried.posted, true);
  assert.equal(postsOf(input.text), 1, 'not posted twice');
  const sent = (await store.audit.list('CHAT-1')).filter((e) => e.type === 'delivery.sent');
  assert.deepEqual(
    sent.map((e) => [e.data.reconciled, e.data.unconfirmed]),
    [[true, true]],
  );
});

test('a post the webhook refused with an answer (503) is posted by the next attempt, once', async () => {
  const input = { incidentId: 'CHAT-2', ledgerMilestone: 'ops-alert', text: 'Herald CHAT-2: ops alert' };
  sandbox.faults.inject('chat', { kind: 'status', status: 503 });
  assert.match(String(await rejection(attempt(1, input))), /HTTP 503/);
  assert.equal(postsOf(input.text), 0);

  const retried = await attempt(2, input);
  assert.equal(retried.posted, true);
  assert.equal(postsOf(input.text), 1);
  const sent = (await store.audit.list('CHAT-2')).filter((e) => e.type === 'delivery.sent');
  assert.deepEqual(
    sent.map((e) => [e.data.reconciled, e.data.unconfirmed]),
    [[false, undefined]],
  );
});

test('a refused connection posted nothing; a time-out may have', async () => {
  const closed = new ChatWebhook(`http://127.0.0.1:${await closedPort()}/hook`, TIMEOUT_MS);
  const refused = await rejection(closed.post({ text: 'x', deliveryKey: 'k/1' }));
  assert.equal(closed.sentNothing(refused), true);
  sandbox.faults.inject('chat', { kind: 'slow', delayMs: TIMEOUT_MS + 500 });
  const adapter = new ChatWebhook(sandbox.chatWebhookUrl, TIMEOUT_MS);
  const slow = await rejection(adapter.post({ text: 'y', deliveryKey: 'k/2' }));
  assert.equal(adapter.sentNothing(slow), false);
});
