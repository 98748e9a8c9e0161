/**
 * Legal clocks as a procedure's status holds them: merged as facts grow (never removed), met by
 * Herald's notice or an operator's filing, and the nearest pending due time. Pure functions on
 * plain JSON.
 */
import type { LegalClock } from '../domain/status.ts';

/** Met or missed: nothing more to watch. */
export const isClockSettled = (c: LegalClock): boolean => c.state === 'met' || c.state === 'missed';

/**
 * Puts freshly computed clocks into the status: new ones added (pending), known ones keep their
 * state and take the new due time; none is ever removed. Returns the ids added.
 */
export function mergeClocks(current: LegalClock[], computed: readonly LegalClock[]): string[] {
  const added: string[] = [];
  for (const clock of computed) {
    const known = current.find((c) => c.id === clock.id);
    if (known) {
      Object.assign(known, { dueAt: clock.dueAt, startedAt: clock.startedAt, startEvent: clock.startEvent });
      known.state ??= 'pending';
      known.meansOfMeeting ??= clock.meansOfMeeting;
      continue;
    }
    current.push({ ...clock, state: 'pending' });
    added.push(clock.id);
  }
  current.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.id.localeCompare(b.id));
  return added;
}

/**
 * Meets a clock at `atMs` (met, or missed and met late), with the filing that met it if an
 * operator recorded one. False when there is no such clock or it was met already.
 */
export function meetClock(
  clocks: LegalClock[],
  id: string,
  atMs: number,
  submission?: LegalClock['submission'],
): boolean {
  const clock = clocks.find((c) => c.id === id);
  if (!clock || clock.metAt !== undefined) return false;
  clock.metAt = new Date(atMs).toISOString();
  if (clock.state !== 'missed') clock.state = clock.dueAt !== null && atMs > Date.parse(clock.dueAt) ? 'missed' : 'met';
  if (submission) clock.submission = submission;
  return true;
}

/** The nearest due time among pending clocks, or null. */
export function nextClockDeadline(clocks: readonly LegalClock[] | undefined): string | null {
  const due = (clocks ?? [])
    .filter((c) => c.dueAt !== null && c.inForce && (c.state ?? 'pending') === 'pending')
    .map((c) => c.dueAt as string)
    .sort();
  return due[0] ?? null;
}

/**
 * A clock compressed like the demos' milestones: its period from the start event times `scale`
 * (1 in production, where the law's period stands).
 */
export function scaleClock(clock: LegalClock, scale: number): LegalClock {
  if (scale === 1 || clock.dueAt === null || clock.startedAt === undefined) return clock;
  const start = Date.parse(clock.startedAt);
  const due = start + Math.round((Date.parse(clock.dueAt) - start) * scale);
  return { ...clock, dueAt: new Date(due).toISOString() };
}
