/**
 * Waits inside an activity that Temporal can see and stop: the activity heartbeats while it waits
 * (the worker learns of a cancellation only from a heartbeat's answer), and the wait ends the
 * moment the activity is cancelled, with the activity's own CancelledFailure.
 */
import { Context, heartbeat } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** Heartbeat spacing while waiting: inside any heartbeat timeout; the SDK throttles what it sends. */
export const WAIT_HEARTBEAT_MS = 1_000;

/** The waits and cancellation checks of one activity execution. */
export interface ActivityWaits {
  /** Aborted when the activity is cancelled (or its worker shuts down). */
  readonly signal: AbortSignal;
  /** Sleeps `ms`, heartbeating; rejects with the cancellation as soon as it comes. */
  readonly wait: (ms: number) => Promise<void>;
  /** Throws the cancellation if it came. */
  readonly throwIfCancelled: () => void;
  /** Heartbeats now (with the activity's own details); the SDK throttles what it sends. */
  readonly beat: () => void;
}

/**
 * The current activity's waits; `beat` is its heartbeat (with the activity's own details, so a
 * wait never overwrites a resume cursor). Outside an activity: plain waits that nothing cancels.
 */
export function activityWaits(beat?: () => void): ActivityWaits {
  let signal: AbortSignal;
  try {
    signal = Context.current().cancellationSignal;
  } catch {
    signal = new AbortController().signal;
    beat ??= () => {};
  }
  const beatNow = beat ?? (() => heartbeat());
  return {
    signal,
    wait: (ms) => waitCancellably(ms, signal, beatNow),
    throwIfCancelled: () => throwIfAborted(signal),
    beat: beatNow,
  };
}

/** Sleeps `ms`, calling `beat` at least every {@link WAIT_HEARTBEAT_MS}; rejects once `signal` aborts. */
export async function waitCancellably(ms: number, signal: AbortSignal, beat: () => void): Promise<void> {
  const end = performance.now() + ms;
  for (;;) {
    throwIfAborted(signal);
    beat();
    const left = end - performance.now();
    if (left <= 0) return;
    try {
      await sleep(Math.min(left, WAIT_HEARTBEAT_MS), undefined, { signal });
    } catch (err) {
      throwIfAborted(signal);
      throw err;
    }
  }
}

/** Throws the signal's reason (the SDK aborts with a CancelledFailure) when it aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortReason(signal);
}

/** Why `signal` aborted, as the error a cancelled wait ends with. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new CancelledFailure(String(reason));
}
