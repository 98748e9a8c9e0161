/**
 * Times on the CLI's screens: UTC as the procedures keep them, and the operator's own zone beside
 * it (`--time-zone`, else the zone of the CLI's environment, e.g. `TZ`).
 */
import { InvalidArgumentError, Option } from 'commander';

/** The zone of this process's environment (Intl reads `TZ`), e.g. "Europe/Berlin"; "UTC" when none. */
export function environmentTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The `--time-zone` option's parser: the canonical IANA name, or an error naming the problem. */
export function parseTimeZone(value: string): string {
  if (!/^[+-]/.test(value.trim())) {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
    } catch {
      // refused below
    }
  }
  throw new InvalidArgumentError(`${JSON.stringify(value)} is not an IANA time zone such as Europe/Berlin`);
}

const isUtc = (zone: string | undefined): boolean => zone === undefined || zone === 'UTC' || zone === 'Etc/UTC';

/**
 * "2026-03-01 05:00Z (2026-02-28 21:00 America/Los_Angeles)": the instant in UTC and, unless the
 * zone is UTC, in `timeZone`. `seconds` keeps the seconds of the UTC part.
 */
export function bothZones(iso: string, timeZone: string | undefined, seconds = false): string {
  const utc = `${iso.slice(0, seconds ? 19 : 16).replace('T', ' ')}Z`;
  const ms = Date.parse(iso);
  if (isUtc(timeZone) || Number.isNaN(ms)) return utc;
  // Swedish dates are ISO-shaped: "2026-02-28 21:00".
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
  return `${utc} (${local} ${timeZone})`;
}

/** `--time-zone <zone>` for the status screens; absent: the environment's zone, read when the command runs. */
export function timeZoneOption(): Option {
  return new Option('--time-zone <zone>', "IANA zone shown beside UTC (default: the environment's, e.g. TZ)").argParser(
    parseTimeZone,
  );
}
