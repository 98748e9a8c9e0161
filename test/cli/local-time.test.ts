/** The status screens show each time in UTC and in the operator's zone; a bad `--time-zone` is refused. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { bothZones, parseTimeZone } from '../../client/cli/local-time.ts';
import { legalClockLines, milestoneLine } from '../../client/cli/render-status.ts';
import type { LegalClock, MilestoneStatus } from '../../workflows/domain/status.ts';
import { runCommand } from '../support/run-command.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const NOW = Date.parse('2026-03-01T04:00:00Z');

test('an instant in UTC and in the zone, the UTC form alone for UTC', () => {
  assert.equal(
    bothZones('2026-03-01T05:00:00.000Z', 'America/Los_Angeles'),
    '2026-03-01 05:00Z (2026-02-28 21:00 America/Los_Angeles)',
  );
  assert.equal(
    bothZones('2026-03-01T05:00:07.000Z', 'Australia/Sydney', true),
    '2026-03-01 05:00:07Z (2026-03-01 16:00 Australia/Sydney)',
  );
  assert.equal(bothZones('2026-03-01T05:00:00.000Z', 'UTC'), '2026-03-01 05:00Z');
  assert.equal(bothZones('2026-03-01T05:00:00.000Z', undefined), '2026-03-01 05:00Z');
});

test('milestones and legal clocks carry both', () => {
  const m: MilestoneStatus<string> = {
    id: 'authority-notice',
    title: 'Supervisory-authority notice',
    dueAt: '2026-03-01T05:00:00.000Z',
    state: 'pending',
    source: 'GDPR Art. 33(1)',
  };
  assert.match(
    milestoneLine(m, NOW, 'Europe/Berlin'),
    /due 2026-03-01 05:00:00Z \(2026-03-01 06:00 Europe\/Berlin\) +in 1h 00m/,
  );
  const clock = {
    regime: 'GDPR',
    jurisdiction: 'DE',
    title: 'Authority notice',
    dueAt: '2026-03-01T05:00:00.000Z',
    period: '72 hours',
    source: 'Art. 33',
    id: 'gdpr-de',
  } as unknown as LegalClock;
  assert.match(
    legalClockLines([clock], NOW, 'Asia/Tokyo')[1] ?? '',
    /due 2026-03-01 05:00Z \(2026-03-01 14:00 Asia\/Tokyo\) \(in 1h 00m\)/,
  );
});

test('--time-zone takes IANA names only', () => {
  assert.equal(parseTimeZone('asia/tokyo'), 'Asia/Tokyo');
  assert.throws(() => parseTimeZone('Mars/Olympus'), /"Mars\/Olympus" is not an IANA time zone/);
  assert.throws(() => parseTimeZone('+01:00'), /not an IANA time zone/);
});

test('herald incident status --time-zone Mars/Olympus exits 2 naming the option, before any connection', async () => {
  const result = await runCommand(heraldBin, ['incident', 'status', 'INC-1', '--time-zone', 'Mars/Olympus'], {
    env: { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1' },
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--time-zone.*Mars\/Olympus.*not an IANA time zone/);
});
