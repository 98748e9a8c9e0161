/** The status screen's next-channel line: the follow-up's counts, and who waits for their morning while anyone does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followUpLine } from '../../client/cli/render-status.ts';

const NOW = Date.parse('2026-03-01T04:00:00Z');
const counts = { failed: { email: 2, sms: 1 }, resent: { email: 1, sms: 0 }, unreachable: 1 };

test('the follow-up line counts failures, resends and the unreachable', () => {
  assert.equal(
    followUpLine(counts, NOW),
    'Next channel: 3 failed (2 email, 1 SMS); resent 1 email, 0 SMS; 1 unreachable',
  );
});

test('people whose follow-up SMS waits for their morning show with when the first goes, in both zones', () => {
  const waiting = { ...counts, waiting: { people: 4, resumeAt: '2026-03-01T13:00:00.000Z' } };
  assert.equal(
    followUpLine(waiting, NOW, 'America/New_York'),
    'Next channel: 3 failed (2 email, 1 SMS); resent 1 email, 0 SMS; 1 unreachable; 4 SMS waiting for the end of ' +
      'their quiet hours, first at 2026-03-01 13:00Z (2026-03-01 08:00 America/New_York) (in 9h 00m)',
  );
});
