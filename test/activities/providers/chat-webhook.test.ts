/** The chat webhook adapter against the sandbox's stand-in: accepted, refused, rate-limited, failing. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { ChatWebhook } from '../../../activities/providers/chat-webhook.ts';
import type { Sandbox } from '../../../sandbox/index.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ seed: { count: 10, seed: 1 } });
});
after(async () => {
  await sandbox.close();
});

test('a post is accepted and named by its delivery key', async () => {
  const receipt = await new ChatWebhook(sandbox.chatWebhookUrl).post({
    text: 'Lockout LO-1 update',
    deliveryKey: 'k/1',
  });
  assert.equal(receipt.providerMessageId, 'chat:k/1');
  assert.equal(sandbox.chatPosts.at(-1)?.text, 'Lockout LO-1 update');
});

test('a revoked webhook URL is refused credentials, for good; a rate limit retries after the hint; a 5xx is transient', async () => {
  const revoked = await rejection(
    new ChatWebhook(`${sandbox.chatWebhookUrl}-revoked`).post({ text: 'x', deliveryKey: 'k/2' }),
  );
  assert.ok(revoked instanceof ApplicationFailure);
  assert.equal(revoked.type, 'ProviderAuth', 'the URL is the credential: a 404 no_service means it was revoked');
  assert.equal(revoked.nonRetryable, true);

  sandbox.faults.inject('chat', { kind: 'rate-limit', retryAfterSeconds: 7 });
  const limited = await rejection(new ChatWebhook(sandbox.chatWebhookUrl).post({ text: 'x', deliveryKey: 'k/3' }));
  assert.ok(limited instanceof ApplicationFailure);
  assert.equal(limited.type, 'RateLimited');
  assert.equal(limited.nextRetryDelay, 7000);

  sandbox.faults.inject('chat', { kind: 'status', status: 503 });
  const failing = await rejection(new ChatWebhook(sandbox.chatWebhookUrl).post({ text: 'x', deliveryKey: 'k/4' }));
  assert.ok(!(failing instanceof ApplicationFailure), 'transient: Temporal retries it');
  assert.match(String(failing), /HTTP 503/);
  assert.equal(sandbox.chatPosts.length, 1, 'only the accepted post is recorded');
});
