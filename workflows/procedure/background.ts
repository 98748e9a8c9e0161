/**
 * Promises a procedure starts beside its main line. Workflow code may not leave a rejection
 * unhandled: the SDK fails the workflow task for it, and a closing procedure cancels everything.
 */
import { TemporalFailure, isCancellation, log } from '@temporalio/workflow';

/**
 * Runs work nobody awaits. It ends with the procedure (closing cancels it); a failure it could not
 * record itself is logged, and a bug in workflow code still fails the workflow task.
 */
export function inBackground(work: Promise<unknown>): void {
  work.catch((err: unknown) => {
    if (isCancellation(err)) return;
    // Unhandled, a bug's rejection fails the workflow task (retried after a fix), not the workflow.
    if (!(err instanceof TemporalFailure)) throw err;
    log.error('background step failed', { error: String(err) });
  });
}

/**
 * Marks a promise that will be awaited later as handled now, so a cancellation that arrives
 * before the await (a procedure closing) is not an unhandled rejection. The awaiter still sees it.
 */
export function awaitedLater<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
