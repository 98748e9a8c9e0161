/**
 * Local calendar dates for the jurisdictions the regulatory clocks use, without the IANA time-zone
 * database: each zone is a standard offset plus, where it has one, a daylight-saving rule written
 * out in code. The rules are the ones in force since 2008 (US Energy Policy Act 2005 from 2007, EU
 * Directive 2000/84/EC, New South Wales from 2008; Brazil has had no daylight saving since 2019);
 * earlier instants may get the wrong offset. Deterministic: no `Intl`, no wall clock.
 */

/** A date in a zone's local calendar, `YYYY-MM-DD`. */
export type LocalDate = string;

/** How a zone shifts to daylight-saving time. */
export type DaylightRule = 'none' | 'us' | 'eu' | 'au-south';

/** A zone: offset from UTC in standard time, and its daylight-saving rule. */
export interface ZoneDefinition {
  standardOffsetMinutes: number;
  daylight: DaylightRule;
}

/** The zones the rule tables refer to, by their IANA names (the names are labels; the data is here). */
export const TIME_ZONES = {
  'America/New_York': { standardOffsetMinutes: -300, daylight: 'us' },
  'America/Chicago': { standardOffsetMinutes: -360, daylight: 'us' },
  'America/Denver': { standardOffsetMinutes: -420, daylight: 'us' },
  'America/Los_Angeles': { standardOffsetMinutes: -480, daylight: 'us' },
  'America/Toronto': { standardOffsetMinutes: -300, daylight: 'us' },
  'America/Sao_Paulo': { standardOffsetMinutes: -180, daylight: 'none' },
  'Europe/London': { standardOffsetMinutes: 0, daylight: 'eu' },
  'Europe/Brussels': { standardOffsetMinutes: 60, daylight: 'eu' },
  'Asia/Kolkata': { standardOffsetMinutes: 330, daylight: 'none' },
  'Asia/Singapore': { standardOffsetMinutes: 480, daylight: 'none' },
  'Australia/Sydney': { standardOffsetMinutes: 600, daylight: 'au-south' },
} as const satisfies Record<string, ZoneDefinition>;

/** A zone name known to {@link TIME_ZONES}. */
export type TimeZoneId = keyof typeof TIME_ZONES;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Day of month (1–31) of the n-th (1-based) given weekday (0 = Sunday) in a month (0-based). */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (n - 1);
}

/** Day of month of the last given weekday in a month (0-based). */
function lastWeekday(year: number, month: number, weekday: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7);
}

function isDaylight(zone: ZoneDefinition, utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  const std = zone.standardOffsetMinutes * MINUTE_MS;
  switch (zone.daylight) {
    case 'none':
      return false;
    case 'us': {
      // Second Sunday of March 02:00 standard time to first Sunday of November 02:00 daylight time.
      const start = Date.UTC(year, 2, nthWeekday(year, 2, 0, 2), 2) - std;
      const end = Date.UTC(year, 10, nthWeekday(year, 10, 0, 1), 2) - std - HOUR_MS;
      return utcMs >= start && utcMs < end;
    }
    case 'eu': {
      // Last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
      const start = Date.UTC(year, 2, lastWeekday(year, 2, 0), 1);
      const end = Date.UTC(year, 9, lastWeekday(year, 9, 0), 1);
      return utcMs >= start && utcMs < end;
    }
    case 'au-south': {
      // First Sunday of October 02:00 standard time to first Sunday of April 03:00 daylight time.
      const end = Date.UTC(year, 3, nthWeekday(year, 3, 0, 1), 2) - std;
      const start = Date.UTC(year, 9, nthWeekday(year, 9, 0, 1), 2) - std;
      return utcMs < end || utcMs >= start;
    }
  }
}

/** Offset from UTC, in minutes, of a zone at an instant. */
export function offsetMinutesAt(zoneId: TimeZoneId, utcMs: number): number {
  const zone: ZoneDefinition = TIME_ZONES[zoneId];
  return zone.standardOffsetMinutes + (isDaylight(zone, utcMs) ? 60 : 0);
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(zoneId: TimeZoneId, utcMs: number): LocalDate {
  const shifted = new Date(utcMs + offsetMinutesAt(zoneId, utcMs) * MINUTE_MS);
  return shifted.toISOString().slice(0, 10);
}

/**
 * The instant at which a local wall-clock time occurs. Times inside a daylight-saving gap or overlap
 * resolve to one of the candidates; the clocks only ask for end-of-day and office cut-off times,
 * which no rule here shifts.
 */
export function localTimeToUtc(zoneId: TimeZoneId, date: LocalDate, hour: number, minute: number, ms = 0): number {
  const localAsUtc = dayNumberOf(date) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + ms;
  let guess = localAsUtc - offsetMinutesAt(zoneId, localAsUtc) * MINUTE_MS;
  guess = localAsUtc - offsetMinutesAt(zoneId, guess) * MINUTE_MS;
  return guess;
}

/** The last millisecond (23:59:59.999 local) of a local date. */
export function endOfLocalDay(zoneId: TimeZoneId, date: LocalDate): number {
  return localTimeToUtc(zoneId, date, 23, 59, 59_999);
}

/** Days since 1970-01-01 of a local date. */
export function dayNumberOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The local date a number of days after (or before) another. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date((dayNumberOf(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week of a local date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(dayNumberOf(date) * DAY_MS).getUTCDay();
}

/**
 * The same day of month some months later; the last day of the month when that month is shorter
 * (Regulation (EEC, Euratom) No 1182/71, Art. 3(2)(c)).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetMonthStart = new Date(Date.UTC(y, m - 1 + months, 1));
  const daysInTarget = new Date(
    Date.UTC(targetMonthStart.getUTCFullYear(), targetMonthStart.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return new Date(
    Date.UTC(targetMonthStart.getUTCFullYear(), targetMonthStart.getUTCMonth(), Math.min(d, daysInTarget)),
  )
    .toISOString()
    .slice(0, 10);
}
