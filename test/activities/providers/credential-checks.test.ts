/**
 * checkCredentials() of the three adapters, through the real SDK clients against the sandbox:
 * valid credentials, revoked ones (a definitive `valid: false`), and a provider that answers 5xx or
 * is down altogether (throws: transient, so the watch reports "unreachable" rather than locking out).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { CredentialProbe } from '../../../activities/ports.ts';
import { createSalesforceCrm } from '../../../activities/providers/salesforce.ts';
import { createSendgridEmail } from '../../../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../../../activities/providers/twilio.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { RevocableProvider, Sandbox } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';

const PROVIDERS = ['salesforce', 'sendgrid', 'twilio'] as const satisfies readonly RevocableProvider[];
/** The providers with a credential probe (the chat webhook has none). */
type ProbedProvider = (typeof PROVIDERS)[number];

/** The three adapters as the worker builds them, pointed at `sandbox`. */
function probes(sandbox: Sandbox): Record<ProbedProvider, CredentialProbe> {
  const { salesforce, sendgrid, twilio } = sandbox.credentials;
  return {
    salesforce: createSalesforceCrm({ loginUrl: sandbox.salesforceUrl, ...salesforce, timeoutMs: 2_000 }),
    sendgrid: createSendgridEmail({
      apiKey: sendgrid.apiKey,
      baseUrl: sandbox.sendgridUrl,
      from: 'watch@example.test',
      timeoutMs: 2_000,
    }),
    twilio: createTwilioSms({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: twilio.fromNumber,
      baseUrl: sandbox.twilioUrl,
      timeoutMs: 2_000,
    }),
  };
}

/** A transient failure: anything but a non-retryable ApplicationFailure. */
function assertTransient(err: unknown, provider: string): void {
  assert.ok(err instanceof Error, `${provider}: rejects with an error`);
  assert.ok(!(err instanceof ApplicationFailure && err.nonRetryable), `${provider}: retryable (${err.message})`);
}

describe('credential checks against the sandbox', () => {
  let sandbox: Sandbox;
  let adapters: Record<ProbedProvider, CredentialProbe>;

  before(async () => {
    sandbox = await startSandbox({ seed: { count: 10 } });
  });
  after(() => sandbox?.close());
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
    // New adapters each test: Salesforce's re-login cap (3 a minute) must not carry over between tests.
    adapters = probes(sandbox);
  });
  afterEach(() => {
    for (const p of PROVIDERS) sandbox.restore(p);
  });

  test('valid credentials are valid, each from one cheap authenticated call', async () => {
    const salesforce = await adapters.salesforce.checkCredentials();
    assert.equal(salesforce.valid, true);
    assert.match(salesforce.detail, /session valid; \d+ of 15000 daily API requests left/);
    assert.ok(sandbox.log.requests('salesforce').some((r) => r.method === 'GET' && r.path.endsWith('/limits')));

    const sendgrid = await adapters.sendgrid.checkCredentials();
    assert.equal(sendgrid.valid, true);
    assert.match(sendgrid.detail, /mail\.send/);
    assert.deepEqual(
      sandbox.log.requests('sendgrid').map((r) => `${r.method} ${r.path}`),
      ['GET /v3/scopes'],
    );

    assert.deepEqual(await adapters.twilio.checkCredentials(), { valid: true, detail: 'account active' });
    assert.deepEqual(
      sandbox.log.requests('twilio').map((r) => `${r.method} ${r.path}`),
      [`GET /2010-04-01/Accounts/${sandbox.credentials.twilio.accountSid}.json`],
    );
  });

  test('an expired Salesforce session is renewed and the credential is still valid', async () => {
    await adapters.salesforce.checkCredentials();
    sandbox.log.clear();
    sandbox.faults.inject('salesforce', { kind: 'session-expired' });
    assert.equal((await adapters.salesforce.checkCredentials()).valid, true);
    const logins = sandbox.log.requests('salesforce').filter((r) => r.path === '/services/oauth2/token');
    assert.equal(logins.length, 1, 'one re-login');
  });

  for (const provider of PROVIDERS) {
    test(`${provider}: revoked credentials are invalid (not an error); restored, valid again`, async () => {
      assert.equal((await adapters[provider].checkCredentials()).valid, true, 'valid before');
      sandbox.revoke(provider);
      const check = await adapters[provider].checkCredentials();
      assert.equal(check.valid, false);
      assert.ok(check.detail.length > 0, 'says why');
      const secrets: Record<string, string> = { ...sandbox.credentials[provider] };
      for (const secret of Object.values(secrets)) {
        assert.ok(!check.detail.includes(secret), 'no credentials in the detail');
      }
      sandbox.restore(provider);
      assert.equal((await adapters[provider].checkCredentials()).valid, true, 'valid after restore');
    });
  }

  test('Salesforce revoked: the check re-authenticates before it answers invalid', async () => {
    await adapters.salesforce.checkCredentials();
    sandbox.log.clear();
    sandbox.revoke('salesforce');
    const check = await adapters.salesforce.checkCredentials();
    assert.equal(check.valid, false);
    assert.match(check.detail, /^Salesforce \(credentials\): login refused: .*\[error invalid_grant\]$/);
    const token = sandbox.log.requests('salesforce').filter((r) => r.path === '/services/oauth2/token');
    assert.ok(token.length >= 1 && token.every((r) => r.status === 400), 'fresh logins were tried and refused');
  });

  for (const provider of PROVIDERS) {
    test(`${provider}: a 503 answer throws (transient), it is no verdict`, async () => {
      await adapters[provider].checkCredentials(); // a session first, so Salesforce's probe reaches /limits
      sandbox.faults.inject(provider, { kind: 'status', status: 503 });
      assertTransient(await rejection(adapters[provider].checkCredentials()), provider);
    });
  }
});

describe('credential checks against a sandbox that is down', () => {
  let adapters: Record<ProbedProvider, CredentialProbe>;

  before(async () => {
    const gone = await startSandbox({ seed: { count: 1 } });
    adapters = probes(gone);
    await gone.close();
  });

  for (const provider of PROVIDERS) {
    test(`${provider}: an unreachable provider throws (transient)`, async () => {
      assertTransient(await rejection(adapters[provider].checkCredentials()), provider);
    });
  }
});
