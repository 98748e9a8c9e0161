/**
 * The incident-tool webhook variables in workers/config.ts: incident.io's signing secret as it
 * shows it (whsec_ and base64, never echoed), the answer budget under PagerDuty's 5 s, the alert
 * threshold, and the API's own embedded store for triggers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApiConfig, parseCliConfig } from '../../workers/config.ts';

const base = { HERALD_API_TOKENS_FILE: 'config/api-tokens.example.json' };

describe('webhook configuration', () => {
  it('HERALD_INCIDENT_IO_SECRET: whsec_ and base64 of at least 16 bytes; empty is unset; a bad one is named, not shown', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123').toString('base64')}`;
    assert.equal(parseApiConfig({ ...base, HERALD_INCIDENT_IO_SECRET: secret }).HERALD_INCIDENT_IO_SECRET, secret);
    assert.equal(parseApiConfig({ ...base, HERALD_INCIDENT_IO_SECRET: '' }).HERALD_INCIDENT_IO_SECRET, undefined);
    for (const bad of [
      '0123456789abcdef0123',
      `whsec_${Buffer.from('short').toString('base64')}`,
      'whsec_not base64!',
    ]) {
      assert.throws(
        () => parseApiConfig({ ...base, HERALD_INCIDENT_IO_SECRET: bad }),
        (err: Error) =>
          /HERALD_INCIDENT_IO_SECRET: must be the signing secret incident.io shows/.test(err.message) &&
          !err.message.includes(bad),
        bad,
      );
    }
  });

  it('the answer budget stays under PagerDuty’s 5 s; the alert threshold and the trigger store have defaults', () => {
    const config = parseApiConfig(base);
    assert.deepEqual(
      [config.HERALD_WEBHOOK_ANSWER_MS, config.HERALD_TRIGGER_ALERT_AFTER_SECONDS, config.HERALD_API_DATA_DIR],
      [2_000, 60, '.herald/api-data'],
    );
    assert.throws(() => parseApiConfig({ ...base, HERALD_WEBHOOK_ANSWER_MS: '5000' }), /HERALD_WEBHOOK_ANSWER_MS/);
    assert.throws(
      () => parseApiConfig({ ...base, HERALD_TRIGGER_ALERT_AFTER_SECONDS: '1' }),
      /HERALD_TRIGGER_ALERT_AFTER_SECONDS/,
    );
    assert.equal(
      parseCliConfig({ HERALD_API_DATA_DIR: '/srv/api' }).HERALD_API_DATA_DIR,
      '/srv/api',
      'herald triggers reads it too',
    );
  });
});
