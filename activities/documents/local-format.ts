/**
 * Dates and times in a reader's own zone (Intl, with Node's full ICU data). Output depends only on
 * the arguments and the ICU data, so a document rendered twice from the same facts is the same.
 */
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
 * An instant for staff (and the lockout's customer contacts): in their zone and in UTC, e.g. "2025-03-01 10:15 Europe/Berlin (09:15 UTC)",
 * with the UTC date repeated when it differs; just "2025-03-01 09:15 UTC" for a reader in UTC.
 * With a `locale` other than English the dates take that locale's numeric form ("01.03.2025" in
 * de-DE, "01/03/2025" in fr-FR); English keeps the ISO date, and times are always 24-hour.
 */
export function formatStaffInstant(iso: string, timeZone: string | undefined, locale?: string): string {
  const ms = instantMs(iso);
  const utc = { date: staffDate(ms, 'UTC', locale), time: new Date(ms).toISOString().slice(11, 16) };
  if (timeZone === undefined || timeZone === 'UTC' || timeZone === 'Etc/UTC') return `${utc.date} ${utc.time} UTC`;
  const local = isoLocal(ms, timeZone);
  const localDate = staffDate(ms, timeZone, locale);
  const utcPart = localDate === utc.date ? `${utc.time} UTC` : `${utc.date} ${utc.time} UTC`;
  return `${localDate} ${local.time} ${timeZone} (${utcPart})`;
}

/** The calendar date of `ms` in `timeZone`: ISO for English or no locale, else the locale's numeric date. */
function staffDate(ms: number, timeZone: string, locale: string | undefined): string {
  const language = locale?.split('-')[0]?.toLowerCase();
  if (locale === undefined || language === 'en') return isoLocal(ms, timeZone).date;
  const date = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  // Some locales space their dates with no-break spaces, which an SMS cannot carry in GSM-7.
  return date.format(ms).replace(/[\u00a0\u202f]/g, ' ');
}

/** The wall-clock date and time of an instant in `timeZone`, for arithmetic on local hours. */
export function wallClock(ms: number, timeZone: string): { date: string; hour: number; minute: number } {
  const { date, time } = isoLocal(ms, timeZone);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { date, hour, minute };
}
