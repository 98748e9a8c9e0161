/**
 * Which time zone a person's dates are written in: the zone their CRM record names, else the one
 * their mailing address lies in, else the organisation's. Zone names are IANA's, checked against
 * Node's ICU data through Intl (so "Europe/Berlin" passes and "Mars/Olympus" or "CET+1" do not).
 */
import { zoneOfPlace } from './place-zones.ts';

/** The zone used when neither the person nor the organisation names one. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The canonical spelling of an IANA zone name ("europe/berlin" → "Europe/Berlin"), or undefined if Intl does not know it. */
export function canonicalTimeZone(name: string | null | undefined): string | undefined {
  const trimmed = name?.trim();
  // Intl also takes UTC offsets ("+01:00"); those are no IANA names and have no daylight saving.
  if (!trimmed || /^[+-]/.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** True when `name` is an IANA time-zone name Intl knows. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** Where a person's zone came from, for reports and tests. */
export type ZoneSource = 'crm' | 'address' | 'organisation';

/** What a person carries that decides their zone. */
export interface ZonedPerson {
  /** As stated in the CRM or the directory (validated when read). */
  timeZone?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  state?: string;
}

/** The person's zone and where it came from. */
export function resolveTimeZone(
  person: ZonedPerson,
  organisationZone: string | undefined,
): { timeZone: string; source: ZoneSource } {
  const stated = canonicalTimeZone(person.timeZone);
  if (stated !== undefined) return { timeZone: stated, source: 'crm' };
  const derived = zoneOfPlace(person.country, person.state);
  if (derived !== undefined) return { timeZone: derived, source: 'address' };
  return { timeZone: canonicalTimeZone(organisationZone) ?? DEFAULT_TIME_ZONE, source: 'organisation' };
}
