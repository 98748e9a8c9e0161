/**
 * Dates and times in a reader's own zone (Intl, with Node's full ICU data). Output depends only on
 * the arguments and the ICU data, so a document rendered twice from the same facts is the same.
 */
import { formatInstant } from './format.ts';

function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: ${JSON.stringify(iso)}`);
  return ms;
}

/** A long calendar date in `locale` and `timeZone`, e.g. "March 1, 2025" (en-US) or "2 March 2025" (en-AU). */
export function formatLocalDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(instantMs(iso));
}

/** "YYYY-MM-DD HH:mm" of an instant in `timeZone` (24-hour clock, locale-independent). */
function isoLocal(ms: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * An instant for staff: in their zone and in UTC, e.g. "2025-03-01 10:15 Europe/Berlin (09:15 UTC)",
 * with the UTC date repeated when it differs; just "2025-03-01 09:15 UTC" for a reader in UTC.
 */
export function formatStaffInstant(iso: string, timeZone: string | undefined): string {
  const utc = formatInstant(iso);
  if (timeZone === undefined || timeZone === 'UTC' || timeZone === 'Etc/UTC') return utc;
  const ms = instantMs(iso);
  const local = isoLocal(ms, timeZone);
  const utcDate = new Date(ms).toISOString().slice(0, 10);
  const utcPart = local.date === utcDate ? utc.slice(11) : utc;
  return `${local.date} ${local.time} ${timeZone} (${utcPart})`;
}

/** The wall-clock date and time of an instant in `timeZone`, for arithmetic on local hours. */
export function wallClock(ms: number, timeZone: string): { date: string; hour: number; minute: number } {
  const { date, time } = isoLocal(ms, timeZone);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { date, hour, minute };
}
