import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { createTwilioClient, createTwilioSms, TwilioSms } from '../../../activities/providers/twilio.ts';
import type { TwilioSmsOptions } from '../../../activities/providers/twilio.ts';
import type { SmsMessage } from '../../../activities/ports.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';

let sandbox: Sandbox;
const OPTED_OUT = '+353871111111';

function sms(options: Partial<TwilioSmsOptions> & { authToken?: string } = {}): TwilioSms {
  const { authToken, ...rest } = options;
  const client = createTwilioClient({
    accountSid: sandbox.credentials.twilio.accountSid,
    authToken: authToken ?? sandbox.credentials.twilio.authToken,
    baseUrl: sandbox.twilioUrl,
    timeoutMs: rest.timeoutMs ?? 2_000,
  });
  return new TwilioSms(client, { from: sandbox.credentials.twilio.fromNumber, timeoutMs: 2_000, ...rest });
}

const message = (n: number, to = `+4915100000${String(n).padStart(3, '0')}`): SmsMessage => ({
  to,
  body: `University notice ${n}: a data incident may affect you. Details by email.`,
  deliveryKey: `inc-1:notify-affected:003Hd${n}:sms`,
});

describe('TwilioSms against the sandbox', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 10 }, optedOutPhones: [OPTED_OUT] });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
  });

  it('sends one SMS; the log shows exactly that recipient, sender and body', async () => {
    const msg = message(1);
    const receipt = await sms({ statusCallbackUrl: 'http://127.0.0.1:1/twilio/status' }).send(msg);
    assert.match(receipt.providerMessageId, /^SM[0-9a-f]{32}$/);
    assert.deepEqual(
      sandbox.log.acceptedSms().map(({ to, from, body, sid }) => ({ to, from, body, sid })),
      [{ to: msg.to, from: sandbox.credentials.twilio.fromNumber, body: msg.body, sid: receipt.providerMessageId }],
    );
    const [request] = sandbox.log.requests('twilio');
    assert.equal(request?.path, `/2010-04-01/Accounts/${sandbox.credentials.twilio.accountSid}/Messages.json`);
    const callback = new URL((request?.body as Record<string, string>).StatusCallback ?? '');
    assert.equal(callback.searchParams.get('herald_delivery_key'), msg.deliveryKey);
  });

  it('maps 21211 (invalid number) to InvalidRecipient without repeating the number', async () => {
    const err = await rejection(sms().send(message(2, '0049 151 1234')));
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'InvalidRecipient');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /21211/);
    assert.ok(!err.message.includes('151 1234'));
  });

  it('maps 21610 (opted out) to InvalidRecipient', async () => {
    const err = await rejection(sms().send(message(3, OPTED_OUT)));
    assert.ok(err instanceof ApplicationFailure && err.type === 'InvalidRecipient' && err.nonRetryable);
    assert.equal(sandbox.log.acceptedSms().length, 0);
  });

  it('maps 20429 to RateLimited, honouring Retry-After when present', async () => {
    sandbox.faults.inject('twilio', { kind: 'rate-limit', retryAfterSeconds: 7 });
    const withHint = await rejection(sms().send(message(4)));
    assert.ok(withHint instanceof ApplicationFailure && withHint.type === 'RateLimited' && !withHint.nonRetryable);
    assert.equal(withHint.nextRetryDelay, 7_000);

    sandbox.faults.inject('twilio', { kind: 'rate-limit' });
    const without = await rejection(sms().send(message(4)));
    assert.ok(without instanceof ApplicationFailure && without.type === 'RateLimited');
    assert.equal(without.nextRetryDelay, 10_000);
  });

  it('rethrows a 5xx unchanged (transient)', async () => {
    sandbox.faults.inject('twilio', { kind: 'status', status: 500 });
    const err = await rejection(sms().send(message(5)));
    assert.ok(!(err instanceof ApplicationFailure), String(err));
    assert.equal((err as { status?: number }).status, 500);
  });

  it('maps bad credentials (20003) to ProviderAuth', async () => {
    const err = await rejection(sms({ authToken: 'wrong' }).send(message(6)));
    assert.ok(err instanceof ApplicationFailure && err.type === 'ProviderAuth' && err.nonRetryable);
  });

  it('accept-then-fail: the send fails transiently, findSent then finds it by recipient and exact body', async () => {
    const adapter = sms();
    const since = new Date().toISOString();
    const msg = message(7);
    sandbox.faults.inject('twilio', { kind: 'accept-then-fail', mode: 'destroy-socket' });
    const err = await rejection(adapter.send(msg));
    assert.ok(!(err instanceof ApplicationFailure), String(err));
    const accepted = sandbox.log.acceptedSms();
    assert.equal(accepted.length, 1, 'the provider did accept it');
    const found = await adapter.findSent(msg.deliveryKey, msg.to, since, msg.body);
    assert.equal(found?.providerMessageId, accepted[0]?.sid);
    assert.equal(
      await adapter.findSent(msg.deliveryKey, msg.to, since, `${msg.body} (2)`),
      null,
      'body must match exactly',
    );
    const later = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal(
      await adapter.findSent(msg.deliveryKey, msg.to, later, msg.body),
      null,
      'nothing since a later instant',
    );
  });

  it('fails the attempt when Twilio hangs', async () => {
    sandbox.faults.inject('twilio', { kind: 'slow', delayMs: 5_000 });
    const err = await rejection(sms({ timeoutMs: 200 }).send(message(8)));
    assert.ok(!(err instanceof ApplicationFailure));
  });

  it('createTwilioSms builds client and adapter in one step', async () => {
    const t = sandbox.credentials.twilio;
    const adapter = createTwilioSms({
      accountSid: t.accountSid,
      authToken: t.authToken,
      from: t.fromNumber,
      baseUrl: sandbox.twilioUrl,
    });
    const receipt = await adapter.send(message(9));
    assert.equal(sandbox.log.acceptedSms()[0]?.sid, receipt.providerMessageId);
  });
});
