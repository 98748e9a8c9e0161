import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { SendThread, SendThreadStopped } from '../../../activities/off-thread/send-thread-client.ts';
import type { SendThreadOptions } from '../../../activities/off-thread/send-thread-client.ts';
import { classifyFailure } from '../../../activities/mass-notification/send-retry.ts';
import type { FailureKind } from '../../../activities/mass-notification/send-retry.ts';
import type { EmailBatch, EmailPort, SendReceipt, SmsMessage, SmsPort } from '../../../activities/ports.ts';
import { createSendgridEmail } from '../../../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../../../activities/providers/twilio.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Fault, Sandbox } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';

const execFileAsync = promisify(execFile);
let sandbox: Sandbox;
let options: SendThreadOptions;
let thread: SendThread;
let local: { sms: SmsPort; email: EmailPort };
let viaThread: { sms: SmsPort; email: EmailPort };

const sms = (n: number, to = `+4915100000${String(n).padStart(3, '0')}`): SmsMessage => ({
  to,
  body: `University notice ${n}: a data incident may affect you. Details by email.`,
  deliveryKey: `inc-1/affected-people/003Hd${n}/sms`,
});

const batch = (
  n: number,
  addresses = [`student${n}a@student.example.edu`, `student${n}b@student.example.edu`],
): EmailBatch => ({
  subject: 'Important: a data incident affecting you',
  text: 'Dear {{name}}, ...',
  batchKey: `inc-1/affected-people/email/${n}`,
  recipients: addresses.map((to, i) => ({
    to,
    deliveryKey: `inc-1/affected-people/003Hd${n}${i}/email`,
    substitutions: { '{{name}}': `Student ${i}` },
  })),
});

const toSeconds = (ms: unknown) => (typeof ms === 'number' ? Math.round(ms / 1000) : ms);
const seconds = (f: FailureKind) => (f.kind === 'rate-limited' ? { ...f, delayMs: toSeconds(f.delayMs) } : f);

/** What the send path reads of a failed send (send-retry.ts, delivery-attempts.ts, Temporal's failure). */
function asRead(err: unknown) {
  const e = err as Error & { status?: unknown; code?: unknown };
  return {
    isFailure: err instanceof ApplicationFailure,
    name: e.name,
    message: e.message,
    status: e.status,
    code: e.code,
    // SendGrid's reset is a time of day, so its delay is a few ms shorter a few ms later: to the second.
    classified: seconds(classifyFailure(err)),
    ...(err instanceof ApplicationFailure
      ? { type: err.type, nonRetryable: err.nonRetryable, delay: toSeconds(err.nextRetryDelay), details: err.details }
      : {}),
  };
}

describe('the send thread: mass-notification sends off the main thread, answered as the adapters answer', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 10 }, optedOutPhones: ['+353871111111'] });
    options = {
      twilio: {
        accountSid: sandbox.credentials.twilio.accountSid,
        authToken: sandbox.credentials.twilio.authToken,
        baseUrl: sandbox.twilioUrl,
        from: sandbox.credentials.twilio.fromNumber,
        timeoutMs: 500,
      },
      sendgrid: {
        apiKey: sandbox.credentials.sendgrid.apiKey,
        baseUrl: sandbox.sendgridUrl,
        from: 'privacy@university.example',
        timeoutMs: 500,
      },
    };
    local = { sms: createTwilioSms(options.twilio), email: createSendgridEmail(options.sendgrid) };
    thread = new SendThread(options);
    viaThread = { sms: thread.sms(local.sms), email: thread.email(local.email) };
  });
  after(async () => {
    await thread.close();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
  });

  it('sends SMS and email batches: the receipts are the ones the sandbox logged', async () => {
    const texts = await Promise.all([1, 2, 3].map((n) => viaThread.sms.send(sms(n))));
    assert.deepEqual(
      sandbox.log
        .acceptedSms()
        .map((s) => s.sid)
        .sort(),
      texts.map((r: SendReceipt) => r.providerMessageId).sort(),
    );
    const mail = await viaThread.email.sendBatch(batch(1));
    const accepted = sandbox.log.acceptedEmails();
    assert.deepEqual(accepted.map((m) => m.to).sort(), [
      'student1a@student.example.edu',
      'student1b@student.example.edu',
    ]);
    assert.ok(
      accepted.every((m) => m.messageId.startsWith(mail.providerMessageId)),
      JSON.stringify(accepted),
    );
  });

  const smsRefusals: [string, Fault | null, string?][] = [
    ['an invalid number (21211)', null, '0049 151 1234'],
    ['an opted-out number (21610)', null, '+353871111111'],
    ['a rate limit with Retry-After', { kind: 'rate-limit', retryAfterSeconds: 7 }],
    ['a 5xx', { kind: 'status', status: 503 }],
    ['an accepted send whose socket dropped', { kind: 'accept-then-fail', mode: 'destroy-socket' }],
    ['a hang past the deadline', { kind: 'slow', delayMs: 1_500 }],
  ];
  for (const [what, fault, to] of smsRefusals) {
    it(`an SMS fails on ${what} exactly as on the main thread`, async () => {
      if (fault) sandbox.faults.inject('twilio', fault);
      const expected = asRead(await rejection(local.sms.send(sms(4, to))));
      if (fault) sandbox.faults.inject('twilio', fault);
      assert.deepEqual(asRead(await rejection(viaThread.sms.send(sms(4, to)))), expected);
    });
  }

  const emailRefusals: [string, Fault | null, string[]?][] = [
    ['an address SendGrid refuses', null, ['not-an-address']],
    ['a rate limit with Retry-After', { kind: 'rate-limit', retryAfterSeconds: 30 }],
    ['a 5xx', { kind: 'status', status: 502 }],
    ['an accepted request whose socket dropped', { kind: 'accept-then-fail', mode: 'destroy-socket' }],
    ['a hang past the deadline', { kind: 'slow', delayMs: 1_500 }],
  ];
  for (const [what, fault, addresses] of emailRefusals) {
    it(`an email batch fails on ${what} exactly as on the main thread`, async () => {
      if (fault) sandbox.faults.inject('sendgrid', fault);
      const expected = asRead(await rejection(local.email.sendBatch(batch(5, addresses))));
      if (fault) sandbox.faults.inject('sendgrid', fault);
      assert.deepEqual(asRead(await rejection(viaThread.email.sendBatch(batch(5, addresses)))), expected);
    });
  }

  it('a thread that stops fails the sends it held as unanswered, and the next send starts another', async () => {
    sandbox.faults.inject('twilio', { kind: 'slow', delayMs: 300 });
    const held = viaThread.sms.send(sms(5));
    await new Promise((r) => setTimeout(r, 100));
    await thread.close();
    const err = await rejection(held);
    assert.ok(err instanceof SendThreadStopped, String(err));
    assert.deepEqual(classifyFailure(err), { kind: 'ambiguous', answered: false });
    const receipt = await viaThread.sms.send(sms(6));
    assert.ok(sandbox.log.acceptedSms().some((s) => s.sid === receipt.providerMessageId));
  });

  it('an idle thread does not keep the process up', async () => {
    const fixture = fileURLToPath(new URL('./idle-exit-fixture.ts', import.meta.url));
    const run = await execFileAsync(process.execPath, ['--import', 'tsx', fixture], { timeout: 20_000 });
    assert.match(run.stdout, /^sent SM[0-9a-f]{32}$/m, 'the send went through the thread and the process exited');
  });

  it('lookups and single messages go to the adapters on this thread', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const text = sms(7);
    const receipt = await viaThread.sms.send(text);
    const found = await viaThread.sms.findSent(text.deliveryKey, text.to, since, text.body);
    assert.equal(found?.providerMessageId, receipt.providerMessageId);
  });
});
