/**
 * Milestones on clocks that start at awareness, shared by every procedure: built from a policy
 * table, then met, missed (and perhaps completed late) or skipped. Pure functions on plain JSON.
 */
import type { MilestoneDefinition } from '../domain/policy.ts';
import type { MilestoneStatus } from '../domain/status.ts';

/** Milestone statuses for a policy; due times count from `detectedAt`, scaled (demos only). */
export function milestonesFromPolicy<Id extends string>(
  policy: readonly MilestoneDefinition<Id>[],
  detectedAt: string,
  timeScale: number,
): MilestoneStatus<Id>[] {
  const detectedMs = Date.parse(detectedAt);
  return policy.map((m) => ({
    id: m.id,
    title: m.title,
    dueAt: m.dueAfterMs === null ? null : new Date(detectedMs + Math.round(m.dueAfterMs * timeScale)).toISOString(),
    state: 'pending',
    source: m.source,
  }));
}

export function findMilestone<Id extends string>(milestones: MilestoneStatus<Id>[], id: Id): MilestoneStatus<Id> {
  const found = milestones.find((m) => m.id === id);
  if (!found) throw new Error(`unknown milestone ${id}`);
  return found;
}

/** Done with, one way or another: met, skipped, or missed and completed late. */
export function isSettled(m: MilestoneStatus<string>): boolean {
  return m.state === 'met' || m.state === 'skipped' || (m.state === 'missed' && m.completedAt !== undefined);
}

/**
 * Records that a milestone's work completed at `atMs`: met when on time; one already marked missed
 * keeps that state and gains its completion time; a skipped one stays skipped.
 */
export function completeOn(m: MilestoneStatus<string>, atMs: number, note?: string): void {
  if (m.state === 'skipped') return;
  if (m.state === 'pending') m.state = m.dueAt !== null && atMs > Date.parse(m.dueAt) ? 'missed' : 'met';
  m.completedAt = new Date(atMs).toISOString();
  if (note !== undefined) m.note = note;
}

/** Pending → missed; false when it was not pending. */
export function markMissedOn(m: MilestoneStatus<string>): boolean {
  if (m.state !== 'pending') return false;
  m.state = 'missed';
  return true;
}

/** Skips a milestone that is not already met or skipped. */
export function skipOn(m: MilestoneStatus<string>, note: string): void {
  if (m.state === 'met' || m.state === 'skipped') return;
  m.state = 'skipped';
  m.note = note;
}

/** The nearest due time among pending milestones, or null. */
export function nextDeadlineOf(milestones: MilestoneStatus<string>[]): string | null {
  const pendingDue = milestones
    .filter((m) => m.state === 'pending' && m.dueAt !== null)
    .map((m) => m.dueAt as string)
    .sort();
  return pendingDue[0] ?? null;
}

/** The earlier of two ISO instants (null when neither is set). */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
