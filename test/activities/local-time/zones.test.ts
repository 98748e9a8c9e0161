/** Zone resolution (CRM field, address, organisation) and the local formats letters and staff messages use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocalDate, formatStaffInstant, wallClock } from '../../../activities/documents/local-format.ts';
import { zoneOfPlace } from '../../../activities/local-time/place-zones.ts';
import { canonicalTimeZone, resolveTimeZone } from '../../../activities/local-time/zones.ts';

test('zone names are checked with Intl and spelled canonically; offsets and unknown names are refused', () => {
  assert.equal(canonicalTimeZone('Europe/Berlin'), 'Europe/Berlin');
  assert.equal(canonicalTimeZone(' europe/berlin '), 'Europe/Berlin');
  assert.equal(canonicalTimeZone('Mars/Olympus'), undefined);
  assert.equal(canonicalTimeZone('+01:00'), undefined);
  assert.equal(canonicalTimeZone(''), undefined);
  assert.equal(canonicalTimeZone(null), undefined);
});

test('every zone in the address table is one Intl knows', () => {
  const places: [string, string | undefined][] = [
    ...['AT', 'BE', 'DE', 'FR', 'GB', 'IE', 'NL', 'SG', 'IN', 'BR', 'CA', 'AU', 'US'].map(
      (c) => [c, undefined] as [string, undefined],
    ),
    ...'AK AZ CA CO FL HI IN KY NY TX WA PR GU'.split(' ').map((s) => ['US', s] as [string, string]),
    ...'BC AB SK MB ON NS NL'.split(' ').map((s) => ['CA', s] as [string, string]),
    ...'NSW VIC QLD SA WA TAS NT'.split(' ').map((s) => ['AU', s] as [string, string]),
    ...'AM MT AC PE SP'.split(' ').map((s) => ['BR', s] as [string, string]),
  ];
  for (const [country, state] of places) {
    const zone = zoneOfPlace(country, state);
    assert.ok(zone && canonicalTimeZone(zone), `${country} ${state ?? ''}: ${zone}`);
  }
});

test('the address decides by state where a country has several zones, by name or abbreviation', () => {
  assert.equal(zoneOfPlace('US', 'CA'), 'America/Los_Angeles');
  assert.equal(zoneOfPlace('US', 'California'), 'America/Los_Angeles');
  assert.equal(zoneOfPlace('US', 'arizona'), 'America/Phoenix');
  assert.equal(zoneOfPlace('US', 'Nowhere'), 'America/New_York', "unknown state: the country's main zone");
  assert.equal(zoneOfPlace('US', undefined), 'America/New_York');
  assert.equal(zoneOfPlace('AU', 'New South Wales'), 'Australia/Sydney');
  assert.equal(zoneOfPlace('AU', 'WA'), 'Australia/Perth');
  assert.equal(zoneOfPlace('CA', 'Quebec'), 'America/Toronto');
  assert.equal(zoneOfPlace('DE', 'Bayern'), 'Europe/Berlin', 'a one-zone country ignores the state');
  assert.equal(zoneOfPlace('ZZ', undefined), undefined);
  assert.equal(zoneOfPlace(undefined, 'CA'), undefined);
});

test('the CRM field first, then the address, then the organisation, then UTC', () => {
  assert.deepEqual(resolveTimeZone({ timeZone: 'Asia/Tokyo', country: 'DE' }, 'Europe/Dublin'), {
    timeZone: 'Asia/Tokyo',
    source: 'crm',
  });
  assert.deepEqual(resolveTimeZone({ timeZone: 'Mars/Olympus', country: 'DE' }, 'Europe/Dublin'), {
    timeZone: 'Europe/Berlin',
    source: 'address',
  });
  assert.deepEqual(resolveTimeZone({ country: 'ZZ' }, 'Europe/Dublin'), {
    timeZone: 'Europe/Dublin',
    source: 'organisation',
  });
  assert.deepEqual(resolveTimeZone({}, undefined), { timeZone: 'UTC', source: 'organisation' });
});

test('local dates follow the zone across midnight and daylight saving', () => {
  // 05:00 UTC: the evening before on the US west coast.
  assert.equal(formatLocalDate('2026-03-01T05:00:00Z', 'en-US', 'America/Los_Angeles'), 'February 28, 2026');
  assert.equal(formatLocalDate('2026-03-01T05:00:00Z', 'en-AU', 'Australia/Sydney'), '1 March 2026');
  // Sydney leaves daylight saving on 5 April 2026 03:00 local (16:00 UTC the day before).
  assert.deepEqual(wallClock(Date.parse('2026-04-04T15:59:00Z'), 'Australia/Sydney'), {
    date: '2026-04-05',
    hour: 2,
    minute: 59,
  });
  assert.deepEqual(wallClock(Date.parse('2026-04-04T16:00:00Z'), 'Australia/Sydney'), {
    date: '2026-04-05',
    hour: 2,
    minute: 0,
  });
  assert.throws(() => formatLocalDate('yesterday', 'en', 'UTC'), /Not an ISO instant/);
});

test('staff instants: their zone and UTC, the UTC date only when it differs; UTC alone for UTC readers', () => {
  assert.equal(
    formatStaffInstant('2026-07-01T09:15:00Z', 'Europe/Berlin'),
    '2026-07-01 11:15 Europe/Berlin (09:15 UTC)',
  );
  assert.equal(
    formatStaffInstant('2026-07-01T23:15:00Z', 'Europe/Berlin'),
    '2026-07-02 01:15 Europe/Berlin (2026-07-01 23:15 UTC)',
  );
  assert.equal(formatStaffInstant('2026-07-01T09:15:00Z', undefined), '2026-07-01 09:15 UTC');
  assert.equal(formatStaffInstant('2026-07-01T09:15:00Z', 'UTC'), '2026-07-01 09:15 UTC');
});

test("staff instants in the reader's locale: numeric dates of de and fr, ISO for English, 24-hour times", () => {
  assert.equal(
    formatStaffInstant('2026-07-01T23:15:00Z', 'Europe/Berlin', 'de-DE'),
    '02.07.2026 01:15 Europe/Berlin (01.07.2026 23:15 UTC)',
  );
  assert.equal(
    formatStaffInstant('2026-07-01T09:15:00Z', 'Europe/Paris', 'fr-FR'),
    '01/07/2026 11:15 Europe/Paris (09:15 UTC)',
  );
  assert.equal(formatStaffInstant('2026-07-01T09:15:00Z', undefined, 'de-CH'), '01.07.2026 09:15 UTC');
  for (const english of ['en-US', 'en-GB', 'en']) {
    assert.equal(
      formatStaffInstant('2026-07-01T09:15:00Z', 'America/New_York', english),
      '2026-07-01 05:15 America/New_York (09:15 UTC)',
    );
  }
});
