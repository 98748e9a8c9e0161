import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { createSendgridClient, createSendgridEmail, SendgridEmail } from '../../../activities/providers/sendgrid.ts';
import type { EmailMessage } from '../../../activities/ports.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/index.ts';
import { emailHtml } from '../../../activities/templates/email-html.ts';
import { rejection } from '../../support/rejection.ts';

let sandbox: Sandbox;

function email(options: { apiKey?: string; timeoutMs?: number } = {}): SendgridEmail {
  const client = createSendgridClient({
    apiKey: options.apiKey ?? sandbox.credentials.sendgrid.apiKey,
    baseUrl: sandbox.sendgridUrl,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  return new SendgridEmail(client, {
    from: { email: 'privacy@university.example', name: 'Data Protection Office' },
    timeoutMs: options.timeoutMs ?? 2_000,
  });
}

const message = (n: number, to = `student${n}@student.example.edu`): EmailMessage => ({
  to,
  toName: `Student ${n}`,
  subject: 'Important: a data incident affecting you',
  text: `Dear student ${n}, ...`,
  deliveryKey: `inc-1:notify-affected:003Hd${n}:email`,
});

describe('SendgridEmail against the sandbox', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 10 } });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
  });

  it('sends one message carrying the delivery key; the log shows exactly that recipient', async () => {
    const receipt = await email().send(message(1));
    const accepted = sandbox.log.acceptedEmails();
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0]?.to, 'student1@student.example.edu');
    assert.equal(accepted[0]?.subject, 'Important: a data incident affecting you');
    assert.deepEqual(accepted[0]?.customArgs, { herald_delivery_key: 'inc-1:notify-affected:003Hd1:email' });
    assert.equal(receipt.providerMessageId, accepted[0]?.messageId);
    assert.ok(!Number.isNaN(Date.parse(receipt.acceptedAt)));
    const [request] = sandbox.log.requests('sendgrid');
    assert.equal(request?.path, '/v3/mail/send');
    assert.equal(request?.status, 202);
  });

  it('sends the plain-text and the HTML part; the sandbox keeps both, plain text first as SendGrid requires', async () => {
    const html = emailHtml({ subject: 'Wichtig', text: 'Guten Tag', lang: 'de' });
    await email().send({ ...message(5), html });
    const [accepted] = sandbox.log.acceptedEmails();
    assert.equal(accepted?.text, 'Dear student 5, ...');
    assert.equal(accepted?.html, html);
    const [request] = sandbox.log.requests('sendgrid');
    const content = (request?.body as { content?: { type: string }[] }).content;
    assert.deepEqual(
      content?.map((c) => c.type),
      ['text/plain', 'text/html'],
    );
  });

  it('maps a bad address to a non-retryable InvalidRecipient that does not repeat the address', async () => {
    const err = await rejection(email().send(message(2, 'broken@@student.example.edu')));
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'InvalidRecipient');
    assert.equal(err.nonRetryable, true);
    assert.ok(!err.message.includes('broken@@'));
    assert.equal(sandbox.log.acceptedEmails().length, 0);
  });

  it('maps 429 to RateLimited with nextRetryDelay from X-RateLimit-Reset', async () => {
    sandbox.faults.inject('sendgrid', { kind: 'rate-limit', retryAfterSeconds: 30 });
    const err = await rejection(email().send(message(3)));
    assert.ok(err instanceof ApplicationFailure && err.type === 'RateLimited' && !err.nonRetryable);
    const delay = err.nextRetryDelay as number;
    assert.ok(delay > 25_000 && delay <= 31_000, `delay ${delay}`);
  });

  it('rethrows a 5xx unchanged (transient)', async () => {
    sandbox.faults.inject('sendgrid', { kind: 'status', status: 502 });
    const err = await rejection(email().send(message(4)));
    assert.ok(!(err instanceof ApplicationFailure));
    assert.equal((err as { code?: number }).code, 502);
    assert.equal(sandbox.log.acceptedEmails().length, 0);
  });

  it('maps a wrong API key to non-retryable ProviderAuth', async () => {
    const err = await rejection(email({ apiKey: 'SG.wrong' }).send(message(5)));
    assert.ok(err instanceof ApplicationFailure && err.type === 'ProviderAuth' && err.nonRetryable);
  });

  for (const mode of ['status-500', 'destroy-socket'] as const) {
    it(`accept-then-fail (${mode}): the send fails transiently, findSent then finds the message`, async () => {
      const adapter = email();
      const since = new Date().toISOString();
      const msg = message(6);
      sandbox.faults.inject('sendgrid', { kind: 'accept-then-fail', mode });
      const err = await rejection(adapter.send(msg));
      assert.ok(!(err instanceof ApplicationFailure), String(err));
      const accepted = sandbox.log.acceptedEmails();
      assert.equal(accepted.length, 1, 'the provider did accept it');
      const found = await adapter.findSent(msg.deliveryKey, msg.to, since);
      assert.equal(found?.providerMessageId, accepted[0]?.messageId);
      const lookup = sandbox.log.requests('sendgrid').at(-1);
      assert.match(lookup?.path ?? '', /^\/v3\/messages\?/);
      assert.equal(await adapter.findSent('inc-1:other:003Hd6:email', msg.to, since), null);
    });
  }

  it('fails the attempt when SendGrid hangs', async () => {
    sandbox.faults.inject('sendgrid', { kind: 'slow', delayMs: 5_000 });
    const err = await rejection(email({ timeoutMs: 200 }).send(message(7)));
    assert.ok(!(err instanceof ApplicationFailure));
  });

  it('createSendgridEmail takes a plain sender address', async () => {
    const adapter = createSendgridEmail({
      apiKey: sandbox.credentials.sendgrid.apiKey,
      baseUrl: sandbox.sendgridUrl,
      from: 'dpo@university.example',
    });
    await adapter.send(message(8));
    assert.deepEqual((sandbox.log.requests('sendgrid')[0]?.body as { from: unknown }).from, {
      email: 'dpo@university.example',
    });
  });
});
