/** The quiet-hours decision: wait for 08:00 local only when it still lands before every bound; DST included. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_QUIET_WINDOW,
  localInstant,
  parseQuietHoursPolicy,
  parseQuietWindow,
  quietWindowFor,
  smsTiming,
} from '../../../activities/local-time/quiet-hours.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const LA = 'America/Los_Angeles';
const noLimits = { legalDeadlinesMs: [] };

test('an SMS due at 23:30 local waits until 08:00 when slack allows', () => {
  // 23:30 PST on 10 February 2026 = 07:30 UTC on the 11th; 08:00 PST = 16:00 UTC.
  const now = at('2026-02-11T07:30:00Z');
  const limits = { internalTargetMs: at('2026-02-12T00:00:00Z'), legalDeadlinesMs: [at('2026-02-20T00:00:00Z')] };
  assert.deepEqual(smsTiming(now, LA, DEFAULT_QUIET_WINDOW, limits), {
    action: 'wait',
    until: at('2026-02-11T16:00:00Z'),
  });
});

test('…and goes at once when it does not: internal target, any legal deadline, or the lead time', () => {
  const now = at('2026-02-11T07:30:00Z');
  const morning = at('2026-02-11T16:00:00Z');
  const send = { action: 'send', reason: 'no-slack' };
  assert.deepEqual(
    smsTiming(now, LA, DEFAULT_QUIET_WINDOW, { internalTargetMs: morning - 1, legalDeadlinesMs: [] }),
    send,
  );
  assert.deepEqual(
    smsTiming(now, LA, DEFAULT_QUIET_WINDOW, {
      internalTargetMs: morning + HOUR,
      legalDeadlinesMs: [morning + HOUR, morning - 60_000],
    }),
    send,
    'one legal deadline before the morning is enough',
  );
  assert.deepEqual(
    smsTiming(now, LA, DEFAULT_QUIET_WINDOW, { internalTargetMs: morning + HOUR, legalDeadlinesMs: [] }, 2 * HOUR),
    send,
    'the waiting texts would take two hours to send',
  );
  assert.deepEqual(
    smsTiming(now, LA, DEFAULT_QUIET_WINDOW, { internalTargetMs: now - HOUR, legalDeadlinesMs: [] }),
    send,
    'already late',
  );
  // Exactly on the bound still lands in time.
  assert.equal(
    smsTiming(now, LA, DEFAULT_QUIET_WINDOW, { internalTargetMs: morning, legalDeadlinesMs: [] }).action,
    'wait',
  );
});

test('window edges: 20:59 and 08:00 send, 21:00 and 07:59 wait; after midnight waits for the same morning', () => {
  const local = (hhmm: string) => at(`2026-02-10T${hhmm}:00-08:00`);
  assert.equal(smsTiming(local('20:59'), LA, DEFAULT_QUIET_WINDOW, noLimits).action, 'send');
  assert.deepEqual(smsTiming(local('21:00'), LA, DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-02-11T08:00:00-08:00'),
  });
  assert.deepEqual(smsTiming(local('07:59'), LA, DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-02-10T08:00:00-08:00'),
  });
  assert.deepEqual(smsTiming(local('08:00'), LA, DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'send',
    reason: 'outside-quiet-hours',
  });
  assert.deepEqual(smsTiming(local('02:00'), LA, null, noLimits), { action: 'send', reason: 'no-quiet-hours' });
  // A window within one day (13:00-14:00) does not wrap.
  const lunch = { start: 13 * 60, end: 14 * 60 };
  assert.deepEqual(smsTiming(local('13:30'), LA, lunch, noLimits), {
    action: 'wait',
    until: at('2026-02-10T14:00:00-08:00'),
  });
  assert.equal(smsTiming(local('23:30'), LA, lunch, noLimits).action, 'send');
});

test('the same instant: night in Sydney, day in Berlin', () => {
  const now = at('2026-02-10T12:30:00Z'); // 23:30 AEDT, 13:30 CET
  assert.deepEqual(smsTiming(now, 'Australia/Sydney', DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-02-10T21:00:00Z'),
  });
  assert.equal(smsTiming(now, 'Europe/Berlin', DEFAULT_QUIET_WINDOW, noLimits).action, 'send');
});

test('daylight saving: the morning after a change is 08:00 in the new offset', () => {
  // Berlin springs forward on 29 March 2026: 23:30 CET on the 28th waits until 08:00 CEST = 06:00 UTC.
  assert.deepEqual(smsTiming(at('2026-03-28T22:30:00Z'), 'Europe/Berlin', DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-03-29T06:00:00Z'),
  });
  // Sydney falls back on 5 April 2026: 23:30 AEDT on the 4th waits until 08:00 AEST = 22:00 UTC.
  assert.deepEqual(smsTiming(at('2026-04-04T12:30:00Z'), 'Australia/Sydney', DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-04-04T22:00:00Z'),
  });
  // Los Angeles springs forward on 8 March 2026.
  assert.deepEqual(smsTiming(at('2026-03-08T07:30:00Z'), LA, DEFAULT_QUIET_WINDOW, noLimits), {
    action: 'wait',
    until: at('2026-03-08T15:00:00Z'),
  });
});

test('a local time in a gap is the instant the clocks jump past it; in an overlap, the first', () => {
  // 02:30 does not exist in Berlin on 29 March 2026 (02:00 → 03:00 CEST = 01:00 UTC).
  assert.equal(localInstant('2026-03-29', 2 * 60 + 30, 'Europe/Berlin'), at('2026-03-29T01:30:00Z'));
  // 02:30 occurs twice on 25 October 2026: first in CEST (00:30 UTC).
  assert.equal(localInstant('2026-10-25', 2 * 60 + 30, 'Europe/Berlin'), at('2026-10-25T00:30:00Z'));
  assert.equal(localInstant('2026-07-01', 8 * 60, 'UTC'), at('2026-07-01T08:00:00Z'));
});

test('policy: per jurisdiction, state before country before default; bad entries are refused by name', () => {
  const policy = parseQuietHoursPolicy('21:00-08:00', 'US-CA=22:00-07:30, FR=20:00-08:00,DE=off');
  assert.deepEqual(quietWindowFor(policy, 'US', 'ca'), { start: 22 * 60, end: 7 * 60 + 30 });
  assert.deepEqual(quietWindowFor(policy, 'US', 'NY'), DEFAULT_QUIET_WINDOW);
  assert.deepEqual(quietWindowFor(policy, 'FR', undefined), { start: 20 * 60, end: 8 * 60 });
  assert.equal(quietWindowFor(policy, 'DE', undefined), null);
  assert.deepEqual(quietWindowFor(policy, undefined, undefined), DEFAULT_QUIET_WINDOW);
  assert.equal(parseQuietHoursPolicy('off').default, null);
  assert.throws(() => parseQuietWindow('9pm-8am'), /"9pm" is not a time such as 21:00/);
  assert.throws(() => parseQuietWindow('21:00'), /must be HH:MM-HH:MM/);
  assert.throws(() => parseQuietWindow('08:00-08:00'), /starts and ends at the same time/);
  assert.throws(() => parseQuietHoursPolicy('21:00-08:00', 'Germany=off'), /"Germany=off" must be JURISDICTION=/);
  assert.throws(
    () => parseQuietHoursPolicy('21:00-08:00', 'DE=25:00-08:00'),
    /quiet hours for DE: "25:00" is not a time/,
  );
});
