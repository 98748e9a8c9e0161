/**
 * The operators' record of an incident's legal position, one rule for both procedures: a
 * determination (a high risk assessed, a materiality decision…) adds the clocks it starts; a filing
 * with its evidence meets the clock it was made for and may start a later one. Role-checked by the
 * action table; the record only grows.
 */
import type {
  RecordDeterminationAction,
  RecordSubmissionAction,
  RegulatoryRecord,
} from '../domain/regulatory-record.ts';
import { determinationProblem, emptyRecord } from '../domain/regulatory-record.ts';
import type { LegalClock } from '../domain/status.ts';
import { meetClock } from './legal-clock-state.ts';

/** What the record actions read and write in a procedure's state. */
export interface RecordState {
  enforcedClocks?: boolean;
  regulatory?: RegulatoryRecord;
  status: { legalClocks?: LegalClock[] };
}

export function recordDeterminationProblem(state: RecordState, action: RecordDeterminationAction): string | null {
  if (!state.enforcedClocks) return 'this procedure began before determinations could be recorded';
  return determinationProblem(state.regulatory ?? emptyRecord(), action);
}

export function recordSubmissionProblem(state: RecordState, action: RecordSubmissionAction): string | null {
  if (!state.enforcedClocks) return 'this procedure began before filings could be recorded';
  const clocks = state.status.legalClocks ?? [];
  const clock = clocks.find((c) => c.id === action.clockId);
  if (!clock)
    return `no legal clock ${action.clockId}; this procedure's clocks: ${clocks.map((c) => c.id).join(', ') || 'none yet'}`;
  if (clock.metAt !== undefined) {
    return `clock ${clock.id} is already met (at ${clock.metAt}${clock.submission ? `, ${clock.submission.reference}` : ''})`;
  }
  return null;
}

/** Adds the determination; `refresh` recomputes the clocks and returns the ids it added. */
export function applyDetermination(
  state: RecordState,
  action: RecordDeterminationAction,
  recordedAt: string,
  refresh: () => string[],
): Record<string, unknown> {
  const record = (state.regulatory ??= emptyRecord());
  const entries = (record.determinations[action.determination] ??= []);
  entries.push({
    at: action.at,
    by: action.actor.id,
    reason: action.reason,
    recordedAt,
    ...(action.correction ? { correction: true } : {}),
  });
  return {
    determination: action.determination,
    at: action.at,
    correction: action.correction === true,
    clocksAdded: refresh(),
  };
}

/** Adds the filing and meets its clock at the filing time; later clocks it starts are added. */
export function applySubmission(
  state: RecordState,
  action: RecordSubmissionAction,
  recordedAt: string,
  refresh: () => string[],
): Record<string, unknown> {
  const record = (state.regulatory ??= emptyRecord());
  (record.submissions[action.clockId] ??= []).push({
    at: action.at,
    reference: action.reference,
    filedBy: action.filedBy,
    recordedBy: action.actor.id,
    recordedAt,
    ...(action.note ? { note: action.note } : {}),
  });
  const clocks = state.status.legalClocks ?? [];
  meetClock(clocks, action.clockId, Date.parse(action.at), {
    reference: action.reference,
    filedBy: action.filedBy,
    recordedBy: action.actor.id,
  });
  const clock = clocks.find((c) => c.id === action.clockId);
  return {
    clockId: action.clockId,
    at: action.at,
    reference: action.reference,
    filedBy: action.filedBy,
    clockState: clock?.state,
    clocksAdded: refresh(),
  };
}
