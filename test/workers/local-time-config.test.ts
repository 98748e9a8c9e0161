/** The local-time variables: parsed once at start, a bad value stops the process naming the variable. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../workers/config.ts';
import { REQUIRED_SAMPLE_ENV } from '../operations/compose-file.ts';

const problem = (extra: Record<string, string>): string => {
  try {
    parseConfig({ ...REQUIRED_SAMPLE_ENV, ...extra });
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

test('defaults: quiet hours 21:00-08:00 everywhere, no CRM zone field', () => {
  const c = parseConfig({ ...REQUIRED_SAMPLE_ENV });
  assert.equal(c.HERALD_SMS_QUIET_HOURS, '21:00-08:00');
  assert.equal(c.HERALD_SMS_QUIET_HOURS_BY_JURISDICTION, '');
  assert.equal(c.SALESFORCE_TIME_ZONE_FIELD, undefined);
});

test('bad values are refused naming the variable and the bad part', () => {
  assert.match(problem({ HERALD_SMS_QUIET_HOURS: '9pm-8am' }), /HERALD_SMS_QUIET_HOURS: .*"9pm" is not a time/);
  assert.match(problem({ HERALD_SMS_QUIET_HOURS: 'DE=off' }), /HERALD_SMS_QUIET_HOURS: .*must be HH:MM-HH:MM/);
  assert.match(
    problem({ HERALD_SMS_QUIET_HOURS_BY_JURISDICTION: 'US-CA=21:00-08:00,Bavaria=off' }),
    /HERALD_SMS_QUIET_HOURS_BY_JURISDICTION: .*"Bavaria=off" must be JURISDICTION=/,
  );
  assert.match(
    problem({ SALESFORCE_TIME_ZONE_FIELD: 'Time Zone' }),
    /SALESFORCE_TIME_ZONE_FIELD: must be a field API name/,
  );
  assert.equal(
    problem({ HERALD_SMS_QUIET_HOURS: 'off', HERALD_SMS_QUIET_HOURS_BY_JURISDICTION: 'US=21:00-08:00' }),
    'accepted',
  );
});
