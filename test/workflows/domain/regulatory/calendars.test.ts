/**
 * The calendar layer: zone offsets (checked against the platform's IANA data), local dates,
 * month arithmetic, US federal holidays and business-day counting.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { usFederalHolidays } from '../../../../workflows/domain/regulatory/holidays.ts';
import { addBusinessDays } from '../../../../workflows/domain/regulatory/periods.ts';
import {
  TIME_ZONES,
  addMonths,
  endOfLocalDay,
  localDateOf,
  offsetMinutesAt,
  weekdayOf,
  type TimeZoneId,
} from '../../../../workflows/domain/regulatory/time-zones.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset in minutes from Intl's `longOffset` name ("GMT-05:00", "GMT+05:30", "GMT"). */
function intlOffsetMinutes(zone: string, utcMs: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, formatter);
  }
  const name = formatter.formatToParts(new Date(utcMs)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
  if (m === null) throw new Error(`unexpected zone name ${name}`);
  if (m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

const zoneIds = Object.keys(TIME_ZONES) as TimeZoneId[];
/** Brazil dropped daylight saving in 2019; the rules here are the current ones. */
const validFrom = (zone: TimeZoneId) => (zone === 'America/Sao_Paulo' ? Date.UTC(2019, 2, 1) : Date.UTC(2010, 0, 1));
const SIX_HOURS = 6 * 3_600_000;

describe('time zones', () => {
  it('offsets agree with the IANA database for every zone, 2010 (Brazil 2019) to 2037 (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zoneIds), fc.double({ min: 0, max: 1, noNaN: true }), (zone, f) => {
        const ms = Math.floor(validFrom(zone) + f * (Date.UTC(2037, 11, 31) - validFrom(zone)));
        return offsetMinutesAt(zone, ms) === intlOffsetMinutes(zone, ms);
      }),
      { numRuns: 3000 },
    );
  });

  it('offsets agree with the IANA database minute by minute around every 2026–2028 transition', () => {
    for (const zone of zoneIds) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2029, 0, 1); ms += SIX_HOURS) {
        if (intlOffsetMinutes(zone, ms) === intlOffsetMinutes(zone, ms + SIX_HOURS)) continue;
        for (let m = ms; m <= ms + SIX_HOURS; m += 60_000) {
          assert.equal(offsetMinutesAt(zone, m), intlOffsetMinutes(zone, m), `${zone} at ${new Date(m).toISOString()}`);
        }
      }
    }
  });

  it('gives the local date of an instant', () => {
    assert.equal(localDateOf('America/New_York', Date.parse('2027-01-01T03:00:00Z')), '2026-12-31');
    assert.equal(localDateOf('Asia/Singapore', Date.parse('2026-12-31T16:30:00Z')), '2027-01-01');
    assert.equal(localDateOf('Asia/Kolkata', Date.parse('2027-05-12T18:29:59Z')), '2027-05-12');
    assert.equal(localDateOf('Asia/Kolkata', Date.parse('2027-05-12T18:30:00Z')), '2027-05-13');
  });

  it('ends a local day at 23:59:59.999 local time, in standard and daylight time', () => {
    assert.equal(new Date(endOfLocalDay('America/New_York', '2026-12-20')).toISOString(), '2026-12-21T04:59:59.999Z');
    assert.equal(new Date(endOfLocalDay('America/New_York', '2026-07-10')).toISOString(), '2026-07-11T03:59:59.999Z');
    assert.equal(new Date(endOfLocalDay('Australia/Sydney', '2026-12-21')).toISOString(), '2026-12-21T12:59:59.999Z');
    // 8 March 2026 is the day US daylight time begins; 1 November 2026 the day it ends.
    assert.equal(new Date(endOfLocalDay('America/Chicago', '2026-03-08')).toISOString(), '2026-03-09T04:59:59.999Z');
    assert.equal(new Date(endOfLocalDay('America/Chicago', '2026-11-01')).toISOString(), '2026-11-02T05:59:59.999Z');
  });

  it('adds months the Regulation 1182/71 way: same date, or the last day of a shorter month', () => {
    assert.equal(addMonths('2027-01-31', 1), '2027-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2027-03-31', 1), '2027-04-30');
    assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  });
});

describe('US federal holidays (5 U.S.C. 6103)', () => {
  it('lists the eleven observed holidays of 2026 (Independence Day on Saturday observed Friday 3 July)', () => {
    assert.deepEqual(usFederalHolidays(2026), [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('observes a Saturday New Year 2028 on Friday 31 December 2027, and Christmas 2027 on Friday 24 December', () => {
    const y2027 = usFederalHolidays(2027);
    assert.ok(y2027.includes('2027-12-31'));
    assert.ok(y2027.includes('2027-12-24'));
    assert.ok(!usFederalHolidays(2028).includes('2028-01-01'));
  });

  it('has no Juneteenth before 2021', () => {
    assert.ok(!usFederalHolidays(2020).some((d) => d.endsWith('-06-19')));
    assert.ok(usFederalHolidays(2021).includes('2021-06-18'));
  });

  it('observes a Sunday holiday on the Monday after (Christmas 2022)', () => {
    assert.ok(usFederalHolidays(2022).includes('2022-12-26'));
  });
});

describe('business days', () => {
  it('counts from the day after the start date, skipping weekends and holidays', () => {
    assert.equal(addBusinessDays('2026-11-25', 4, 'US', {}), '2026-12-02');
    assert.equal(addBusinessDays('2026-11-20', 3, 'BR', {}), '2026-11-25');
    assert.equal(addBusinessDays('2026-11-20', 3, 'BR', { BR: ['2026-11-23'] }), '2026-11-26');
  });

  it('always lands on a business day, exactly n business days later (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 1, max: 25 }),
        (ms, n) => {
          const start = new Date(ms).toISOString().slice(0, 10);
          const end = addBusinessDays(start, n, 'US', {});
          const wd = weekdayOf(end);
          const holidays = new Set([
            ...usFederalHolidays(Number(start.slice(0, 4))),
            ...usFederalHolidays(Number(start.slice(0, 4)) + 1),
          ]);
          if (wd === 0 || wd === 6 || holidays.has(end)) return false;
          // One business day fewer lands strictly earlier.
          return n === 1 || addBusinessDays(start, n - 1, 'US', {}) < end;
        },
      ),
    );
  });
});
