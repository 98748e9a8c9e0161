/**
 * Public holidays that business-day clocks skip. US federal holidays follow fixed rules and are
 * computed; every other calendar takes its holidays as input data (`holidays` in the incident facts,
 * a map from calendar id to `YYYY-MM-DD` dates), merged with the computed ones.
 */
import { addDays, weekdayOf, type LocalDate } from './time-zones.ts';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ymd(year: number, month: number, day: number): LocalDate {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** n-th (1-based) weekday (0 = Sunday) of a month (1-based); n = -1 for the last one. */
function nthWeekdayDate(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n === -1) {
    const last = ymd(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = ymd(year, month, 1);
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1));
}

/** A fixed-date holiday moved to Friday when on Saturday, to Monday when on Sunday (5 U.S.C. 6103(b)). */
function observed(date: LocalDate): LocalDate {
  const wd = weekdayOf(date);
  if (wd === 6) return addDays(date, -1);
  if (wd === 0) return addDays(date, 1);
  return date;
}

function federalHolidaysOfYear(year: number): LocalDate[] {
  const days = [
    observed(ymd(year, 1, 1)), // New Year's Day
    nthWeekdayDate(year, 1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekdayDate(year, 2, 1, 3), // Washington's Birthday
    nthWeekdayDate(year, 5, 1, -1), // Memorial Day
    observed(ymd(year, 7, 4)), // Independence Day
    nthWeekdayDate(year, 9, 1, 1), // Labor Day
    nthWeekdayDate(year, 10, 1, 2), // Columbus Day
    observed(ymd(year, 11, 11)), // Veterans Day
    nthWeekdayDate(year, 11, 4, 4), // Thanksgiving Day
    observed(ymd(year, 12, 25)), // Christmas Day
  ];
  if (year >= 2021) days.push(observed(ymd(year, 6, 19))); // Juneteenth National Independence Day
  return days;
}

/**
 * The US federal holidays (5 U.S.C. 6103(a)) observed in a calendar year, as observed by federal
 * offices (6103(b)); a Saturday New Year's Day is observed on the preceding 31 December. Inauguration
 * Day (a holiday only in the Washington, D.C. area) and closures by executive order are not
 * included: supply them as data under the `US` calendar when they apply.
 */
export function usFederalHolidays(year: number): LocalDate[] {
  const prefix = `${year}-`;
  return [...federalHolidaysOfYear(year), ...federalHolidaysOfYear(year + 1)]
    .filter((d) => d.startsWith(prefix))
    .sort();
}
