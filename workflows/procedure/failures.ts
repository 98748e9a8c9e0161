/**
 * What went wrong in a step, in the procedure's terms. Activity and child-workflow failures are
 * the world failing: classified, recorded, ridden out. Anything else thrown in workflow code is a
 * bug in Herald itself: it is rethrown so it fails the workflow task (retried after a fix), never
 * the workflow (DESIGN convention 14).
 */
import { ApplicationFailure, TemporalFailure, TimeoutFailure, isCancellation } from '@temporalio/workflow';
import { PERMANENT_FAILURE_TYPES } from '../domain/blocked.ts';

export interface ClassifiedFailure {
  /** The ApplicationFailure type the adapter raised, "Timeout", or "Transient". */
  type: string;
  /** The innermost message, at most 300 characters. */
  message: string;
  /** No retry fixes it: a re-check or an operator must. */
  permanent: boolean;
}

/**
 * Classifies a failure from an activity or child workflow; rethrows cancellations (the procedure
 * is closing) and anything that is not a Temporal failure (a bug in workflow code).
 */
export function classifyFailure(err: unknown): ClassifiedFailure {
  if (isCancellation(err)) throw err;
  if (!(err instanceof TemporalFailure)) throw err;
  let type = 'Transient';
  let inner: unknown = err;
  for (let f: unknown = err; f instanceof Error; f = f.cause) {
    inner = f;
    if (f instanceof ApplicationFailure && f.type) type = f.type;
    else if (f instanceof TimeoutFailure) type = 'Timeout';
  }
  const message = (inner instanceof Error ? inner.message : String(inner)).slice(0, 300);
  return { type, message, permanent: (PERMANENT_FAILURE_TYPES as readonly string[]).includes(type) };
}
