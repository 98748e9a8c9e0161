/**
 * The monitors' configuration: HERALD_WATCH_* variables parsed once at start (a bad value stops
 * the process with a message naming the variable and the bad entry), and the monitor dependencies
 * built from them.
 */
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSalesforceCrm } from '../../activities/providers/salesforce.ts';
import { createSendgridEmail } from '../../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../../activities/providers/twilio.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { buildMonitorDeps } from '../../workers/build-monitor-deps.ts';
import type { MonitorAdapters } from '../../workers/build-monitor-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import type { HeraldConfig } from '../../workers/config.ts';

const TMP = '/tmp/herald-test-monitors/monitor-config';

/** The variables every worker needs (values never contacted here). */
const required = {
  SALESFORCE_CLIENT_ID: 'client',
  SALESFORCE_CLIENT_SECRET: 'secret',
  SALESFORCE_USERNAME: 'integration@example.test',
  SALESFORCE_PASSWORD: 'password',
  SENDGRID_API_KEY: 'SG.key',
  HERALD_EMAIL_FROM: 'herald@example.test',
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM_NUMBER: '+15005550006',
};

const config = (extra: Record<string, string>): HeraldConfig => parseConfig({ ...required, ...extra });

/** The message of the error parseConfig throws for `extra`. */
function configError(extra: Record<string, string>): string {
  try {
    config(extra);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail(`expected ${JSON.stringify(extra)} to be refused`);
}

describe('HERALD_WATCH_* configuration', () => {
  test('unset: nothing watched but the providers, enterprise accounts by Type "Enterprise"', () => {
    const c = config({});
    assert.deepEqual(c.HERALD_WATCH_TLS_ENDPOINTS, []);
    assert.deepEqual(c.HERALD_WATCH_KNOWN_EXPIRIES, []);
    assert.equal(c.HERALD_WATCH_TLS_CA_FILE, undefined);
    assert.equal(c.SALESFORCE_ENTERPRISE_ACCOUNT_TYPE, 'Enterprise');
  });

  test('comma-separated values, trimmed, empty entries ignored', () => {
    const c = config({
      HERALD_WATCH_TLS_ENDPOINTS: ' api.example.com:443, 127.0.0.1:8443,,[::1]:65535 ',
      HERALD_WATCH_KNOWN_EXPIRIES:
        'salesforce-connected-app-cert=2027-03-01T00:00:00Z, saml.idp_cert=2028-02-29T23:59+01:00',
    });
    assert.deepEqual(c.HERALD_WATCH_TLS_ENDPOINTS, ['api.example.com:443', '127.0.0.1:8443', '[::1]:65535']);
    assert.deepEqual(c.HERALD_WATCH_KNOWN_EXPIRIES, [
      'salesforce-connected-app-cert=2027-03-01T00:00:00Z',
      'saml.idp_cert=2028-02-29T23:59+01:00',
    ]);
  });

  for (const bad of ['api.example.com', 'api.example.com:', 'https://api.example.com:443', 'host:0', 'host:70000']) {
    test(`HERALD_WATCH_TLS_ENDPOINTS=${bad} is refused, naming the variable and the entry`, () => {
      const message = configError({ HERALD_WATCH_TLS_ENDPOINTS: `ok.example.com:443,${bad}` });
      assert.match(message, /HERALD_WATCH_TLS_ENDPOINTS: must be a comma-separated list of host:port endpoints/);
      assert.ok(message.includes(JSON.stringify(bad)), message);
      assert.ok(!message.includes('"ok.example.com:443"'), 'only the bad entry is named');
    });
  }

  for (const bad of [
    'cert',
    'cert=tomorrow',
    '=2027-03-01T00:00:00Z',
    'cert=2027-03-01', // no time
    'cert=2027-03-01T00:00:00', // no offset
    'cert=2026-02-30T00:00:00Z', // Date.parse would read 2 March
    'cert=2027-02-29T00:00Z', // not a leap year
    'cert=2027-13-01T00:00Z',
    'cert=2027-03-01T24:00Z', // Date.parse would read the next midnight
    'cert=2027-03-01T12:60Z',
    `${'c'.repeat(42)}=2027-03-01T00:00:00Z`, // id too long for a lockout id
  ]) {
    test(`HERALD_WATCH_KNOWN_EXPIRIES=${bad} is refused, naming the variable and the entry`, () => {
      const message = configError({ HERALD_WATCH_KNOWN_EXPIRIES: bad });
      assert.match(message, /HERALD_WATCH_KNOWN_EXPIRIES: must be a comma-separated list of id=ISO-instant pairs/);
      assert.ok(message.includes(JSON.stringify(bad)), message);
    });
  }

  test('several bad variables are all named in one message', () => {
    const message = configError({ HERALD_WATCH_TLS_ENDPOINTS: 'nope', HERALD_WATCH_KNOWN_EXPIRIES: 'nope' });
    assert.match(message, /HERALD_WATCH_TLS_ENDPOINTS/);
    assert.match(message, /HERALD_WATCH_KNOWN_EXPIRIES/);
  });
});

describe('buildMonitorDeps', () => {
  let store: HeraldStore;
  let adapters: MonitorAdapters;

  before(async () => {
    await mkdir(TMP, { recursive: true });
    store = await openStore();
    // Built, never called: nothing listens on these addresses.
    const c = config({});
    adapters = {
      crm: createSalesforceCrm({ loginUrl: 'http://127.0.0.1:9', ...credentials(c) }),
      email: createSendgridEmail({ apiKey: c.SENDGRID_API_KEY, from: c.HERALD_EMAIL_FROM }),
      sms: createTwilioSms({
        accountSid: c.TWILIO_ACCOUNT_SID,
        authToken: c.TWILIO_AUTH_TOKEN,
        from: c.TWILIO_FROM_NUMBER,
      }),
    };
  });
  after(async () => {
    await store?.close();
    await rm(TMP, { recursive: true, force: true });
  });

  const credentials = (c: HeraldConfig) => ({
    clientId: c.SALESFORCE_CLIENT_ID,
    clientSecret: c.SALESFORCE_CLIENT_SECRET,
    username: c.SALESFORCE_USERNAME,
    password: c.SALESFORCE_PASSWORD,
  });

  test('endpoints and known expiries (as UTC instants) from the configuration; all three providers probed', async () => {
    const deps = await buildMonitorDeps(
      config({
        HERALD_WATCH_TLS_ENDPOINTS: 'api.example.com:443',
        HERALD_WATCH_KNOWN_EXPIRIES: 'saml-idp-cert=2028-02-29T23:59+01:00',
      }),
      store.driver,
      adapters,
    );
    assert.deepEqual(deps.tlsEndpoints, ['api.example.com:443']);
    assert.deepEqual(deps.knownExpiries, [{ credential: 'saml-idp-cert', expiresAt: '2028-02-29T22:59:00.000Z' }]);
    assert.deepEqual(Object.keys(deps.credentials).sort(), ['salesforce', 'sendgrid', 'twilio']);
    assert.equal(deps.customers, adapters.crm);
    assert.equal(await deps.contactSnapshots?.latest(), null, 'the snapshot tables exist, empty');
  });

  test('a CA file that cannot be read stops the start, naming HERALD_WATCH_TLS_CA_FILE', async () => {
    const missing = join(TMP, 'missing-ca.pem');
    await assert.rejects(
      buildMonitorDeps(config({ HERALD_WATCH_TLS_CA_FILE: missing }), store.driver, adapters),
      (err: Error) => err.message.startsWith(`HERALD_WATCH_TLS_CA_FILE ${missing}: ENOENT`),
    );
  });
});
