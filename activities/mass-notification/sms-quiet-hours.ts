/**
 * Which people of an SMS page wait for their morning (quiet-hours.ts) and which are texted now.
 * Decided once per page run at the instant the workflow gives (`decidedAt`), so a retried attempt
 * splits the page the same way and its heartbeat cursor keeps pointing at the same people. The
 * people who wait are not claimed or reserved: the workflow runs the page again at `resumeAt`,
 * with a durable timer, and the ledger skips whoever was texted already.
 */
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { ActivityDeps } from '../deps.ts';
import type { DeliveryGroup } from '../ports.ts';
import { resolveTimeZone } from '../local-time/zones.ts';
import { DEFAULT_QUIET_WINDOW, quietWindowFor, smsTiming } from '../local-time/quiet-hours.ts';
import type { QuietHoursPolicy } from '../local-time/quiet-hours.ts';

/** What the workflow tells an SMS page about waiting: when it decides, and what bounds a wait. */
export interface SmsQuietInput {
  /** The workflow's time when it scheduled this run of the page (ISO). */
  decidedAt: string;
  /** The internal target of the notice (ISO), if any. */
  internalTargetAt?: string;
  /** Every legal deadline of the notice to these people (ISO). */
  legalDeadlines: readonly string[];
  /** How long the waiting texts take to send once morning comes (ms); default 0. */
  leadMs?: number;
}

/** The default policy (the worker's, from HERALD_SMS_QUIET_HOURS): 21:00–08:00 local everywhere. */
export const DEFAULT_QUIET_HOURS: QuietHoursPolicy = { default: DEFAULT_QUIET_WINDOW, byJurisdiction: {} };

/** The page's people split into those texted now and those who wait, with the earliest wake-up. */
export function splitForQuietHours(
  deps: ActivityDeps,
  people: readonly AffectedPerson[],
  quiet: SmsQuietInput | undefined,
): { now: AffectedPerson[]; waiting: { id: string; until: string }[]; resumeAt?: string } {
  const policy = deps.fanout?.quietHours;
  if (quiet === undefined || policy === undefined) return { now: [...people], waiting: [] };
  const organisationZone = deps.directory.organisation.timeZone;
  const decidedMs = Date.parse(quiet.decidedAt);
  const limits = {
    ...(quiet.internalTargetAt !== undefined ? { internalTargetMs: Date.parse(quiet.internalTargetAt) } : {}),
    legalDeadlinesMs: quiet.legalDeadlines.map((d) => Date.parse(d)),
  };
  const now: AffectedPerson[] = [];
  const waiting: { id: string; until: string }[] = [];
  let earliest: number | undefined;
  for (const person of people) {
    const { timeZone } = resolveTimeZone(person, organisationZone);
    const window = quietWindowFor(policy, person.country, person.state);
    const timing = smsTiming(decidedMs, timeZone, window, limits, quiet.leadMs ?? 0);
    if (timing.action === 'send') {
      now.push(person);
      continue;
    }
    waiting.push({ id: person.id, until: new Date(timing.until).toISOString() });
    earliest = earliest === undefined ? timing.until : Math.min(earliest, timing.until);
  }
  return earliest === undefined ? { now, waiting } : { now, waiting, resumeAt: new Date(earliest).toISOString() };
}

/** A page's people split for quiet hours: texted now, waiting (each until when), the first wake-up. */
export type QuietSplit = ReturnType<typeof splitForQuietHours>;

/**
 * On a later run of a page, someone texted (or refused for good) in an earlier run never waits
 * again: it may be their night by now, but the ledger has settled them, so they stay in the page's
 * `now` part (where the ledger skips and counts them) and the page wakes for nobody it is done with.
 */
export async function settledNeverWait(
  deps: ActivityDeps,
  group: DeliveryGroup,
  addressed: readonly AffectedPerson[],
  split: QuietSplit,
): Promise<QuietSplit> {
  if (split.waiting.length === 0) return split;
  const entries = await deps.ledger.getBatch(
    group,
    split.waiting.map((w) => w.id),
  );
  const settled = new Set(
    split.waiting.filter((_, i) => entries[i]?.state === 'sent' || entries[i]?.state === 'failed').map((w) => w.id),
  );
  if (settled.size === 0) return split;
  const waiting = split.waiting.filter((w) => !settled.has(w.id));
  const waits = new Set(waiting.map((w) => w.id));
  const now = addressed.filter((p) => !waits.has(p.id));
  if (waiting.length === 0) return { now, waiting };
  const resumeAt = waiting.map((w) => w.until).reduce((a, b) => (a < b ? a : b));
  return { now, waiting, resumeAt };
}
