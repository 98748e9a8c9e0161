/**
 * One step of a procedure on one service (an email send, an SMS send, a chat post, a CRM read):
 * the activity retries a few times by itself; after that the step owns its failure. A permanent
 * one blocks the service and the step waits for a re-check or an operator's `retry`; a transient
 * one is retried with a growing backoff. Either way nothing else in the procedure waits for it.
 */
import { condition } from '@temporalio/workflow';
import type { Service } from '../domain/blocked.ts';
import type { ClassifiedFailure } from './failures.ts';
import { classifyFailure } from './failures.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

export interface StepSpec {
  service: Service;
  /** Names the step in status and audits, e.g. "ops-alert:L0/email". */
  step: string;
  /** The step is no longer needed (acknowledged, skipped, superseded): give up waiting. */
  stop: () => boolean;
  /** Each failure, as it happens (e.g. to fall back to another channel after the first). */
  onFailure?: (failure: ClassifiedFailure) => void;
  /** Page ops when this step starts a service's failure episode; false for the pages themselves. */
  page?: boolean;
}

const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** A step's result, and when the call that produced it was made (workflow clock, ms). */
export interface StepResult<T> {
  value: T;
  calledAt: number;
}

/** Runs `call` until it succeeds (its result) or the step is no longer needed (null). */
export async function runStep<T>(
  ctx: ProcedureContextBase<CoreState, string>,
  spec: StepSpec,
  call: () => Promise<T>,
): Promise<StepResult<T> | null> {
  const blockages = ctx.blockages;
  for (let failures = 0; ;) {
    // Listed as waiting even if another step's failure blocked the service before this one called.
    if (blockages.isBlocked(spec.service) && !spec.stop()) blockages.waiting(spec.service, spec.step);
    await condition(() => !blockages.isBlocked(spec.service) || spec.stop());
    if (spec.stop()) {
      blockages.leave(spec.service, spec.step);
      return null;
    }
    const calledAt = Date.now();
    try {
      const value = await call();
      await blockages.succeeded(spec.service, spec.step);
      return { value, calledAt };
    } catch (err) {
      const failure = classifyFailure(err);
      spec.onFailure?.(failure);
      await blockages.failed(spec.service, spec.step, failure, spec.page ?? true);
      if (failure.permanent) continue; // waits above for the re-check or an operator
      const epoch = ctx.state.retryEpoch ?? 0;
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** failures++);
      await condition(() => spec.stop() || (ctx.state.retryEpoch ?? 0) !== epoch, backoff);
    }
  }
}
