/**
 * Shared helpers for the regulatory clock tests: base facts, a clock lookup, and the table-case
 * shape.
 */
import assert from 'node:assert/strict';
import {
  computeRegulatoryClocks,
  type IncidentFactsInput,
  type RegulatoryClock,
} from '../../../../workflows/domain/regulatory/index.ts';

/** Facts for an incident nobody special is affected by, aware on Friday 20 November 2026, 18:30 UTC. */
export function facts(overrides: Partial<IncidentFactsInput> = {}): IncidentFactsInput {
  return {
    awareAt: '2026-11-20T18:30:00Z',
    affected: {},
    dataCategories: ['contact', 'government-id'],
    ...overrides,
  };
}

/** What a table case expects of one clock. */
export interface ClockExpectation {
  id: string;
  /** Expected due time; null for an open-ended clock. Omitted: not checked. */
  dueAt?: string | null;
  /** The clock must not be listed. */
  absent?: true;
  startAt?: string;
  startName?: string;
  inForce?: boolean;
  /** A regular expression one of the notes must match. */
  note?: RegExp;
}

/** One row of a table-driven suite: the test name names the article it checks. */
export interface ClockCase {
  name: string;
  facts: IncidentFactsInput;
  expect: ClockExpectation[];
}

export function findClock(clocks: readonly RegulatoryClock[], id: string): RegulatoryClock | undefined {
  return clocks.find((c) => c.id === id);
}

/** Computes the clocks of a case and checks every expectation. */
export function checkCase(c: ClockCase): void {
  const clocks = computeRegulatoryClocks(c.facts);
  for (const e of c.expect) {
    const clock = findClock(clocks, e.id);
    if (e.absent === true) {
      assert.equal(clock, undefined, `${e.id} should not be listed`);
      continue;
    }
    assert.ok(clock, `${e.id} should be listed; got ${clocks.map((k) => k.id).join(', ')}`);
    if (e.dueAt !== undefined) assert.equal(clock.dueAt, e.dueAt, `${e.id} due`);
    if (e.startAt !== undefined) assert.equal(clock.startEvent.at, e.startAt, `${e.id} start`);
    if (e.startName !== undefined) assert.equal(clock.startEvent.name, e.startName, `${e.id} start event`);
    if (e.inForce !== undefined) assert.equal(clock.inForce, e.inForce, `${e.id} in force`);
    if (e.note !== undefined) {
      const note = e.note;
      assert.ok(
        clock.notes.some((n) => note.test(n)),
        `${e.id} notes ${JSON.stringify(clock.notes)} match ${note}`,
      );
    }
  }
}
