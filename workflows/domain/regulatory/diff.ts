/**
 * Compares two clock lists computed from the facts of one incident at two moments, so a workflow
 * can audit what a scope update did: clocks added, clocks whose due time or trigger changed, and
 * (only when facts were withdrawn or a test ruled out) clocks removed.
 */
import type { RegulatoryClock } from './clock.ts';

/** The fields whose change the diff reports. */
export const COMPARED_FIELDS = ['dueAt', 'startEvent', 'trigger', 'ruleId', 'inForce'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface ClockChange {
  before: RegulatoryClock;
  after: RegulatoryClock;
  fields: ComparedField[];
}

export interface ClockDiff {
  /** Clocks in `after` whose id is not in `before`. */
  added: RegulatoryClock[];
  /** Clocks in `before` whose id is not in `after`. */
  removed: RegulatoryClock[];
  /** Clocks in both whose compared fields differ. */
  changed: ClockChange[];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What changed between two clock lists, matched by clock id; order follows `after` (then `before`). */
export function diffClocks(before: readonly RegulatoryClock[], after: readonly RegulatoryClock[]): ClockDiff {
  const beforeById = new Map(before.map((c) => [c.id, c]));
  const afterIds = new Set(after.map((c) => c.id));
  const added: RegulatoryClock[] = [];
  const changed: ClockChange[] = [];
  for (const clock of after) {
    const previous = beforeById.get(clock.id);
    if (previous === undefined) {
      added.push(clock);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !sameValue(previous[f], clock[f]));
    if (fields.length > 0) changed.push({ before: previous, after: clock, fields });
  }
  const removed = before.filter((c) => !afterIds.has(c.id));
  return { added, removed, changed };
}
