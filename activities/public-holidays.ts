/**
 * Public holidays for the business-day calendars whose holidays the clock engine does not compute
 * (issue 19: Brazil's dias úteis for the ANPD, Vermont's business days), from the maintained
 * `date-holidays` dataset, pinned in package.json. The workflow takes them with the organisation
 * profile (an activity's result, so replays see the same dates); the profile's own dates are kept.
 */
import Holidays from 'date-holidays';
import { BUSINESS_CALENDARS } from '../workflows/domain/regulatory/periods.ts';
import type { BusinessCalendarId } from '../workflows/domain/regulatory/periods.ts';
import type { OrganisationProfile } from '../workflows/domain/organisation-profile.ts';

/** Calendars that take their holidays as data, each as date-holidays names it (country, state). */
const DATASET_CALENDARS = (Object.keys(BUSINESS_CALENDARS) as BusinessCalendarId[]).filter(
  (id) => BUSINESS_CALENDARS[id].computedHolidays === 'none',
);

/** The public holidays (not bank, optional or observance days) of `calendar` in `years`: YYYY-MM-DD. */
export function publicHolidays(calendar: BusinessCalendarId, years: readonly number[]): string[] {
  const [country, state] = calendar.split('-') as [string, string | undefined];
  const dataset = state === undefined ? new Holidays(country) : new Holidays(country, state);
  const dates = years.flatMap((year) =>
    (dataset.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
  );
  return [...new Set(dates)].sort();
}

/**
 * `profile` with the dataset's public holidays merged into its own, for the year of `now` and the
 * years either side (a clock counted from an awareness last December, or due next January).
 */
export function withPublicHolidays(profile: OrganisationProfile, now: Date): OrganisationProfile {
  const year = now.getUTCFullYear();
  const years = [year - 1, year, year + 1];
  const holidays: Record<string, string[]> = { ...profile.holidays };
  for (const calendar of DATASET_CALENDARS) {
    holidays[calendar] = [...new Set([...(holidays[calendar] ?? []), ...publicHolidays(calendar, years)])].sort();
  }
  return { ...profile, holidays };
}
