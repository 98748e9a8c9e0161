/**
 * The credential watch's pure decisions: which warning is due at which time left, when a lockout
 * opens, and the lockout id a failing credential opens on a UTC day.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { businessIdSchema } from '../../../workflows/domain/incident.ts';
import { lockoutIncidentSchema } from '../../../workflows/domain/lockout.ts';
import {
  autoLockoutId,
  autoLockoutIncident,
  credentialId,
  credentialWatchInputSchema,
  decide,
  DEFAULT_WARNING_THRESHOLDS_HOURS,
} from '../../../workflows/monitors/watch-policy.ts';
import type { WatchObservation } from '../../../workflows/monitors/watch-policy.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-22T08:00:00Z');
const thresholds = DEFAULT_WARNING_THRESHOLDS_HOURS;

function observation(overrides: Partial<WatchObservation> = {}): WatchObservation {
  return {
    credential: 'tls-api.example.com-443',
    kind: 'tls-certificate',
    description: 'TLS certificate of api.example.com:443',
    status: 'ok',
    detail: 'issued by CN=Example CA',
    cause: 'certificate-chain-failure',
    ...overrides,
  };
}

const expiringIn = (ms: number) => observation({ expiresAt: new Date(NOW + ms).toISOString() });

describe('decide', () => {
  test('the default thresholds are 72 h and 24 h', () => {
    assert.deepEqual([...thresholds], [72, 24]);
    assert.deepEqual(credentialWatchInputSchema.parse({}).warningThresholdsHours, [72, 24]);
  });

  test('more than 72 h left: nothing, with the hours left', () => {
    assert.deepEqual(decide(expiringIn(100 * HOUR), NOW, thresholds), { action: 'none', hoursLeft: 100 });
  });

  test('71 h left: the 72 h warning', () => {
    assert.deepEqual(decide(expiringIn(71 * HOUR), NOW, thresholds), {
      action: 'warn',
      thresholdHours: 72,
      hoursLeft: 71,
    });
  });

  test('23 h left: only the tightest threshold reached, 24 h (not the 72 h one as well)', () => {
    assert.deepEqual(decide(expiringIn(23 * HOUR), NOW, thresholds), {
      action: 'warn',
      thresholdHours: 24,
      hoursLeft: 23,
    });
  });

  test('exactly at a threshold it is reached; a few minutes before it, not yet', () => {
    assert.equal(decide(expiringIn(72 * HOUR), NOW, thresholds).action, 'warn');
    const early = decide(expiringIn(72 * HOUR + 5 * 60_000), NOW, thresholds);
    assert.equal(early.action, 'none', '72 h 05 min left is not yet 72 h');
    const notYet24 = decide(expiringIn(24 * HOUR + 60_000), NOW, thresholds);
    assert.deepEqual(notYet24.action === 'warn' && notYet24.thresholdHours, 72, '24 h 01 min left: still 72 h');
  });

  test('hours left are reported to one decimal, rounded down', () => {
    const d = decide(expiringIn(23 * HOUR + 59 * 60_000), NOW, thresholds);
    assert.ok(d.action === 'warn');
    assert.equal(d.hoursLeft, 23.9);
  });

  test('custom thresholds, in any order', () => {
    const d = decide(expiringIn(5 * HOUR), NOW, [6, 168, 48]);
    assert.ok(d.action === 'warn');
    assert.equal(d.thresholdHours, 6);
  });

  test('an expiry already passed opens a lockout', () => {
    const expiresAt = new Date(NOW - HOUR).toISOString();
    assert.deepEqual(decide(observation({ expiresAt }), NOW, thresholds), {
      action: 'open-lockout',
      reason: `expired at ${expiresAt}`,
    });
    assert.equal(decide(expiringIn(0), NOW, thresholds).action, 'open-lockout', 'expiring this instant');
  });

  test('a failed check opens a lockout with its detail, whatever the expiry', () => {
    const failed = observation({
      status: 'failed',
      detail: 'Salesforce login refused (invalid_grant)',
      expiresAt: new Date(NOW + 1000 * HOUR).toISOString(),
    });
    assert.deepEqual(decide(failed, NOW, thresholds), {
      action: 'open-lockout',
      reason: 'Salesforce login refused (invalid_grant)',
    });
  });

  test('no expiry known and the check passed: nothing', () => {
    assert.deepEqual(decide(observation({ kind: 'provider-credential' }), NOW, thresholds), { action: 'none' });
  });
});

describe('autoLockoutId', () => {
  test('credential and UTC day: every run that day reaches the same id', () => {
    assert.equal(autoLockoutId('salesforce-token', NOW), 'auto-salesforce-token-2026-11-22');
    assert.equal(
      autoLockoutId('salesforce-token', Date.parse('2026-11-22T23:59:59Z')),
      'auto-salesforce-token-2026-11-22',
    );
    assert.equal(
      autoLockoutId('salesforce-token', Date.parse('2026-11-23T00:00:00Z')),
      'auto-salesforce-token-2026-11-23',
    );
  });

  test('an id that fits 64 characters is kept as it is', () => {
    const credential = 'c'.repeat(64 - 'auto--2026-11-22'.length);
    const id = autoLockoutId(credential, NOW);
    assert.equal(id.length, 64);
    assert.equal(id, `auto-${credential}-2026-11-22`);
  });

  test('long credential ids are shortened to at most 64 characters, stable and still distinct', () => {
    const long = credentialId('tls', `${'very-long-subdomain.'.repeat(4)}example.com:8443`);
    const other = credentialId('tls', `${'very-long-subdomain.'.repeat(4)}example.org:8443`);
    const id = autoLockoutId(long, NOW);
    assert.ok(id.length <= 64, `${id} has ${id.length} characters`);
    assert.ok(businessIdSchema.safeParse(id).success, `${id} is a business id`);
    assert.match(id, /^auto-tls-very-long-subdomain.*-[0-9a-f]{8}-2026-11-22$/);
    assert.equal(autoLockoutId(long, NOW), id, 'stable');
    assert.notEqual(autoLockoutId(other, NOW), id, 'same prefix, different credential, different id');
    for (let n = 49; n <= 120; n++) {
      const shortened = autoLockoutId('x'.repeat(n), NOW);
      assert.ok(shortened.length <= 64 && businessIdSchema.safeParse(shortened).success, shortened);
    }
  });

  test('the incident it opens is a valid lockout start', () => {
    const settings = credentialWatchInputSchema.parse({}).lockout;
    const failed = observation({ status: 'failed', detail: 'certificate does not verify (CERT_HAS_EXPIRED)' });
    const incident = autoLockoutIncident(failed, failed.detail, NOW, settings);
    assert.ok(lockoutIncidentSchema.safeParse(incident).success);
    assert.equal(incident.lockoutId, 'auto-tls-api.example.com-443-2026-11-22');
    assert.equal(incident.cause, 'certificate-chain-failure');
    assert.equal(incident.detectedAt, new Date(NOW).toISOString());
    assert.deepEqual(incident.surfaces, ['sync-jobs']);
  });

  test('a provider message of any length still makes a valid lockout (description capped)', () => {
    const settings = credentialWatchInputSchema.parse({}).lockout;
    const long = observation({ status: 'failed', detail: `refused: ${'x'.repeat(6000)}` });
    const incident = autoLockoutIncident(long, long.detail, NOW, settings);
    assert.ok(lockoutIncidentSchema.safeParse(incident).success);
    assert.ok(incident.description.length <= 4000);
  });
});

describe('credentialId', () => {
  test('business-id characters only, no leading or trailing separators', () => {
    assert.equal(credentialId('tls', 'api.example.com:443'), 'tls-api.example.com-443');
    for (const id of [credentialId('tls', '[::1]:443'), credentialId('.tls', 'host:443.')]) {
      assert.ok(businessIdSchema.safeParse(id).success, id);
      assert.doesNotMatch(id, /-$/);
    }
  });
});
