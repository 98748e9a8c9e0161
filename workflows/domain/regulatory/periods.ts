/**
 * Deadline arithmetic: how a legal period (hours, calendar days, business days, months, days after
 * the calendar year) turns a start instant into a due instant.
 *
 * Conventions (docs/regulatory-clocks.md):
 * - hours are elapsed time from the start instant;
 * - day, business-day and month periods count whole local days after the day of the start event
 *   (that day is day 0) and end at the last millisecond of the last day, in the rule's time zone;
 *   a period with an office cut-off (EDGAR's 17:30) ends at the cut-off instead;
 * - no period is extended because it ends on a weekend or holiday (where a law allows that, the
 *   computed due time is earlier than the legal one, never later).
 */
import { usFederalHolidays } from './holidays.ts';
import {
  addDays,
  addMonths,
  endOfLocalDay,
  localDateOf,
  localTimeToUtc,
  weekdayOf,
  type LocalDate,
  type TimeZoneId,
} from './time-zones.ts';

/** Calendars whose business days a rule can count, keyed like the `holidays` input. */
export const BUSINESS_CALENDARS = {
  US: {
    label: 'US federal business days',
    timeZone: 'America/New_York',
    computedHolidays: 'us-federal',
  },
  BR: {
    label: 'Brazilian business days (dias úteis)',
    timeZone: 'America/Sao_Paulo',
    computedHolidays: 'none',
  },
  'US-VT': {
    label: 'Vermont business days',
    timeZone: 'America/New_York',
    computedHolidays: 'none',
  },
} as const satisfies Record<string, { label: string; timeZone: TimeZoneId; computedHolidays: 'us-federal' | 'none' }>;

/** A business-day calendar id; also the key of its holidays in the incident facts. */
export type BusinessCalendarId = keyof typeof BUSINESS_CALENDARS;

/** A legal period, as data. */
export type Period =
  | { kind: 'hours'; hours: number }
  | { kind: 'calendar-days'; days: number }
  | {
      kind: 'business-days';
      days: number;
      calendar: BusinessCalendarId;
      /** Local office cut-off on the last day (`HH:MM`); end of day when absent. */
      cutoff?: string;
    }
  | { kind: 'months'; months: number }
  | { kind: 'days-after-year-end'; days: number }
  | { kind: 'open'; wording: string };

/** The calendar a clock was computed on, as reported with the clock. */
export type CalendarUsed =
  | { kind: 'calendar-hours' }
  | { kind: 'calendar-days'; timeZone: TimeZoneId }
  | { kind: 'calendar-months'; timeZone: TimeZoneId }
  | {
      kind: 'business-days';
      calendar: BusinessCalendarId;
      label: string;
      timeZone: TimeZoneId;
      /** Holidays skipped: computed federal holidays, supplied dates, or both. */
      holidays: 'us-federal+supplied' | 'supplied';
    }
  | { kind: 'none' };

/** Public holidays supplied as data: calendar id → `YYYY-MM-DD` dates. */
export type HolidayData = Partial<Record<string, readonly string[]>>;

const HOUR_MS = 3_600_000;

function isBusinessDay(date: LocalDate, calendar: BusinessCalendarId, holidays: HolidayData): boolean {
  const wd = weekdayOf(date);
  if (wd === 0 || wd === 6) return false;
  if (holidays[calendar]?.includes(date)) return false;
  if (BUSINESS_CALENDARS[calendar].computedHolidays === 'us-federal') {
    return !usFederalHolidays(Number(date.slice(0, 4))).includes(date);
  }
  return true;
}

/** The n-th business day after a local date (the date itself is day 0). */
export function addBusinessDays(
  date: LocalDate,
  days: number,
  calendar: BusinessCalendarId,
  holidays: HolidayData,
): LocalDate {
  let current = date;
  let counted = 0;
  while (counted < days) {
    current = addDays(current, 1);
    if (isBusinessDay(current, calendar, holidays)) counted += 1;
  }
  return current;
}

function parseCutoff(cutoff: string): [number, number] {
  const [h, m] = cutoff.split(':').map(Number) as [number, number];
  return [h, m];
}

/**
 * The due instant (epoch ms) of a period starting at `startMs`, or null for an open period
 * ("without undue delay", "as soon as feasible"). `zone` is the rule's zone for day-based periods;
 * business days use their calendar's zone.
 */
export function dueAfter(period: Period, startMs: number, zone: TimeZoneId, holidays: HolidayData): number | null {
  switch (period.kind) {
    case 'hours':
      return startMs + period.hours * HOUR_MS;
    case 'calendar-days':
      return endOfLocalDay(zone, addDays(localDateOf(zone, startMs), period.days));
    case 'months':
      return endOfLocalDay(zone, addMonths(localDateOf(zone, startMs), period.months));
    case 'days-after-year-end': {
      const yearEnd = `${localDateOf(zone, startMs).slice(0, 4)}-12-31`;
      return endOfLocalDay(zone, addDays(yearEnd, period.days));
    }
    case 'business-days': {
      const calZone = BUSINESS_CALENDARS[period.calendar].timeZone;
      const last = addBusinessDays(localDateOf(calZone, startMs), period.days, period.calendar, holidays);
      if (period.cutoff === undefined) return endOfLocalDay(calZone, last);
      const [h, m] = parseCutoff(period.cutoff);
      return localTimeToUtc(calZone, last, h, m);
    }
    case 'open':
      return null;
  }
}

/** The calendar a period counts on. */
export function calendarOf(period: Period, zone: TimeZoneId): CalendarUsed {
  switch (period.kind) {
    case 'hours':
      return { kind: 'calendar-hours' };
    case 'calendar-days':
    case 'days-after-year-end':
      return { kind: 'calendar-days', timeZone: zone };
    case 'months':
      return { kind: 'calendar-months', timeZone: zone };
    case 'business-days': {
      const cal = BUSINESS_CALENDARS[period.calendar];
      return {
        kind: 'business-days',
        calendar: period.calendar,
        label: cal.label,
        timeZone: cal.timeZone,
        holidays: cal.computedHolidays === 'us-federal' ? 'us-federal+supplied' : 'supplied',
      };
    }
    case 'open':
      return { kind: 'none' };
  }
}

/** A short human description of a period: "72 hours", "4 business days (US federal, by 17:30)". */
export function describePeriod(period: Period): string {
  switch (period.kind) {
    case 'hours':
      return `${period.hours} hours`;
    case 'calendar-days':
      return period.days === 0 ? 'the same calendar day' : `${period.days} calendar days`;
    case 'months':
      return period.months === 1 ? 'one month' : `${period.months} months`;
    case 'days-after-year-end':
      return `${period.days} days after the end of the calendar year`;
    case 'business-days': {
      const cutoff = period.cutoff === undefined ? '' : `, by ${period.cutoff}`;
      return `${period.days} business days (${BUSINESS_CALENDARS[period.calendar].label}${cutoff})`;
    }
    case 'open':
      return period.wording;
  }
}
