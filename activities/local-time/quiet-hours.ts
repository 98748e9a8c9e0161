/**
 * Quiet hours for the affected people's SMS: a text due in the recipient's night waits for their
 * morning only when the morning still lands before the internal target and every legal deadline;
 * otherwise it goes now. Pure: the decision depends only on its arguments (and ICU's zone data).
 * Email never waits and staff pages never wait: only the affected-people SMS page asks.
 */
import { wallClock } from '../documents/local-format.ts';

/** A nightly window in local wall-clock minutes after midnight; `start > end` wraps past midnight. */
export interface QuietWindow {
  start: number;
  end: number;
}

/** The default quiet hours: 21:00 to 08:00 local. */
export const DEFAULT_QUIET_WINDOW: QuietWindow = { start: 21 * 60, end: 8 * 60 };

/** Quiet hours per jurisdiction ("US-CA", "US", "DE"), `null` for none; `default` for the rest. */
export interface QuietHoursPolicy {
  default: QuietWindow | null;
  byJurisdiction: Readonly<Record<string, QuietWindow | null>>;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(text: string, what: string): number {
  const m = HH_MM.exec(text.trim());
  if (!m) throw new Error(`${what}: ${JSON.stringify(text)} is not a time such as 21:00`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "21:00-08:00" → a window; "off" → null (no quiet hours). Throws naming the problem. */
export function parseQuietWindow(text: string, what = 'quiet hours'): QuietWindow | null {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'off') return null;
  const [from, to, ...rest] = trimmed.split('-');
  if (from === undefined || to === undefined || rest.length > 0) {
    throw new Error(`${what}: ${JSON.stringify(text)} must be HH:MM-HH:MM (e.g. 21:00-08:00) or off`);
  }
  const window = { start: minutesOf(from, what), end: minutesOf(to, what) };
  if (window.start === window.end) throw new Error(`${what}: ${JSON.stringify(text)} starts and ends at the same time`);
  return window;
}

/**
 * The policy from the default window and a comma-separated list of `JURISDICTION=HH:MM-HH:MM|off`
 * (e.g. "US-CA=21:00-08:00,FR=20:00-08:00,DE=off"). Throws naming the bad entry.
 */
export function parseQuietHoursPolicy(defaultText: string, byJurisdictionText = ''): QuietHoursPolicy {
  const byJurisdiction: Record<string, QuietWindow | null> = {};
  for (const entry of byJurisdictionText
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? '' : entry.slice(0, eq).trim().toUpperCase();
    if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(key)) {
      throw new Error(`quiet hours: ${JSON.stringify(entry)} must be JURISDICTION=HH:MM-HH:MM, e.g. US-CA=21:00-08:00`);
    }
    byJurisdiction[key] = parseQuietWindow(entry.slice(eq + 1), `quiet hours for ${key}`);
  }
  return { default: parseQuietWindow(defaultText, 'default quiet hours'), byJurisdiction };
}

/** The window for a person in `country` (ISO alpha-2) and `state`: "US-CA" first, then "US", then the default. */
export function quietWindowFor(
  policy: QuietHoursPolicy,
  country: string | undefined,
  state: string | undefined,
): QuietWindow | null {
  const c = country?.trim().toUpperCase();
  const s = state?.trim().toUpperCase();
  for (const key of [c && s ? `${c}-${s}` : undefined, c]) {
    if (key !== undefined && key !== '' && key in policy.byJurisdiction) return policy.byJurisdiction[key] ?? null;
  }
  return policy.default;
}

/** What bounds a wait: the internal target and the legal deadlines of the notice, as epoch ms. */
export interface SmsLimits {
  internalTargetMs?: number;
  legalDeadlinesMs: readonly number[];
}

/** Send now, or wait until `until` (epoch ms, the end of the recipient's quiet hours). */
export type SmsTiming =
  { action: 'send'; reason: 'no-quiet-hours' | 'outside-quiet-hours' | 'no-slack' } | { action: 'wait'; until: number };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Offset of `timeZone` from UTC at `ms`, in ms (whole minutes). */
function offsetMs(ms: number, timeZone: string): number {
  const floored = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
  const { date, hour, minute } = wallClock(floored, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute) - floored;
}

/**
 * The instant a local wall-clock time occurs on a local date. In a daylight-saving gap (the time
 * never occurs) the instant the clocks jump past it; in an overlap (it occurs twice) the first.
 */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const candidates = [
    ...new Set([asUtc - offsetMs(asUtc - DAY_MS, timeZone), asUtc - offsetMs(asUtc + DAY_MS, timeZone)]),
  ];
  const exact = candidates.filter((t) => {
    const w = wallClock(t, timeZone);
    return w.date === date && w.hour * 60 + w.minute === minutes;
  });
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Whether an SMS due at `nowMs` for a recipient in `timeZone` goes now or waits for the end of
 * their quiet hours: it waits only when it is quiet time there and the wake-up instant plus
 * `leadMs` (the time the waiting texts then take to send) is no later than the internal target
 * and every legal deadline. A deadline already passed, or too close, sends now.
 */
export function smsTiming(
  nowMs: number,
  timeZone: string,
  window: QuietWindow | null,
  limits: SmsLimits,
  leadMs = 0,
): SmsTiming {
  if (window === null) return { action: 'send', reason: 'no-quiet-hours' };
  const local = wallClock(nowMs, timeZone);
  const minutes = local.hour * 60 + local.minute;
  const wraps = window.start > window.end;
  const quiet = wraps
    ? minutes >= window.start || minutes < window.end
    : minutes >= window.start && minutes < window.end;
  if (!quiet) return { action: 'send', reason: 'outside-quiet-hours' };
  const wakeDate = wraps && minutes >= window.start ? nextDate(local.date) : local.date;
  const until = localInstant(wakeDate, window.end, timeZone);
  const landsAt = until + leadMs;
  const bounds = [
    ...(limits.internalTargetMs === undefined ? [] : [limits.internalTargetMs]),
    ...limits.legalDeadlinesMs,
  ];
  return bounds.every((bound) => landsAt <= bound) ? { action: 'wait', until } : { action: 'send', reason: 'no-slack' };
}
