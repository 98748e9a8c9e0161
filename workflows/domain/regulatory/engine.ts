/**
 * The regulatory clock engine: a pure function from incident facts to the legal clocks a procedure
 * must meet. Deterministic (no wall clock, no I/O), so a workflow can call it on every change of
 * facts and diff the result with {@link diffClocks}.
 */
import type { RegulatoryClock, StartEvent } from './clock.ts';
import { holds, resolveStartEvent } from './conditions.ts';
import { affectedIn, parseIncidentFacts, type IncidentFacts, type IncidentFactsInput } from './facts.ts';
import { calendarOf, describePeriod, dueAfter } from './periods.ts';
import type { ClockRule, Condition } from './rule-types.ts';
import { REGULATORY_RULES } from './rules.ts';
import { localDateOf } from './time-zones.ts';

function affectedJurisdictions(condition: Condition, into: Set<string>): Set<string> {
  if (condition.kind === 'affected' || condition.kind === 'affected-below') into.add(condition.jurisdiction);
  if (condition.kind === 'all' || condition.kind === 'any') {
    for (const c of condition.of) affectedJurisdictions(c, into);
  }
  return into;
}

function triggerOf(rule: ClockRule, facts: IncidentFacts): string {
  const counts = [...affectedJurisdictions(rule.when, new Set())].map(
    (j) => `${j === 'ANY' ? 'all jurisdictions' : j} ${affectedIn(facts, j)}`,
  );
  return counts.length === 0 ? rule.trigger : `${rule.trigger} (affected: ${counts.join(', ')})`;
}

function clockFor(rule: ClockRule, facts: IncidentFacts): RegulatoryClock | null {
  if (!holds(rule.when, facts, rule.jurisdiction)) return null;
  const resolved = resolveStartEvent(facts, rule.start, rule.jurisdiction);
  if (resolved === null) return null;
  const startMs = Date.parse(resolved.at);
  const startEvent: StartEvent = { ...resolved, at: new Date(startMs).toISOString() };
  const notes: string[] = [];

  let dueMs = dueAfter(rule.period, startMs, rule.timeZone, facts.holidays);
  if (dueMs !== null && rule.cap !== undefined) {
    const capStart = resolveStartEvent(facts, rule.cap.event, rule.jurisdiction);
    if (capStart !== null) {
      const capMs = dueAfter(rule.cap.period, Date.parse(capStart.at), rule.timeZone, facts.holidays);
      if (capMs !== null) {
        if (rule.cap.lapsesWhenStartIsLater === true && startMs > capMs) {
          notes.push(`outer limit lapsed (${rule.cap.reason}): the start event came after it`);
        } else if (capMs < dueMs) {
          dueMs = capMs;
          notes.push(`bounded: ${rule.cap.reason}`);
        }
      }
    }
  }
  // A due time is never before its start event.
  if (dueMs !== null && dueMs < startMs) dueMs = startMs;

  return {
    id: rule.clockId,
    ruleId: rule.id,
    regime: rule.regime,
    jurisdiction: rule.jurisdiction,
    title: rule.title,
    recipient: rule.recipient,
    startEvent,
    dueAt: dueMs === null ? null : new Date(dueMs).toISOString(),
    period: describePeriod(rule.period),
    calendar: calendarOf(rule.period, rule.timeZone),
    trigger: triggerOf(rule, facts),
    source: rule.source,
    inForce: rule.inForceFrom === undefined || localDateOf(rule.timeZone, startMs) >= rule.inForceFrom,
    notes,
  };
}

/** Orders clocks by due time (open-ended last), then by id. */
export function compareClocks(a: RegulatoryClock, b: RegulatoryClock): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt < b.dueAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The legal clocks for an incident's facts, soonest first (clocks without a fixed due time last).
 * Throws a ZodError when the facts are malformed. `rules` defaults to {@link REGULATORY_RULES}.
 */
export function computeRegulatoryClocks(
  input: IncidentFactsInput,
  rules: readonly ClockRule[] = REGULATORY_RULES,
): RegulatoryClock[] {
  const facts = parseIncidentFacts(input);
  const clocks: RegulatoryClock[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const clock = clockFor(rule, facts);
    if (clock === null) continue;
    if (seen.has(clock.id))
      throw new Error(`two rules produced clock ${clock.id}; alternatives must exclude each other`);
    seen.add(clock.id);
    clocks.push(clock);
  }
  return clocks.sort(compareClocks);
}
