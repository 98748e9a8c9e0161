/**
 * People a page leaves to a later run of itself: those an earlier attempt of the page still holds
 * (a dead worker's send may be in flight until its claim lease ends) when that is too long to wait
 * inside the page, and, for SMS, those in their quiet hours. The fan-out runs the page again then
 * (affected-fanout.ts); the ledger skips whoever was reached meanwhile.
 */
import type { LeftKeys } from '../fencing/claim-keeper.ts';

/**
 * A wait for an earlier attempt's lease longer than this goes to a later run of the page: a
 * worker's death then costs the fan-out the page's heartbeat time-out, not the dead attempt's lease.
 */
export const LATER_RUN_AFTER_MS = 5_000;

/** What a page result says of its later run, when it needs one. */
export interface LaterRun {
  /** People left for a later run of the page. */
  deferred?: number;
  /** When the first of them may be reached (ISO). */
  resumeAt?: string;
  /** Of those, the people an earlier attempt still held (its send may be in flight), not waiting for their morning. */
  held?: number;
}

/** The people an attempt leaves because an earlier attempt's lease on them runs too long. */
export class LeftBehind {
  readonly #ids: string[] = [];
  #readyAt = 0;

  /** Leaves a person whose key is free at `readyAt` (performance.now()), the earlier lease's end. */
  leave(recipientId: string, readyAt: number): void {
    this.#ids.push(recipientId);
    this.#readyAt = Math.max(this.#readyAt, readyAt);
  }

  /** Whom this attempt left, if anyone: their keys stay held until the earlier lease ends (ClaimKeeper.release). */
  get left(): LeftKeys | undefined {
    return this.#ids.length > 0 ? { ids: this.#ids, readyAt: this.#readyAt } : undefined;
  }
}

/**
 * Who a later run of the page is for, and from when: the people waiting for their morning, and
 * those an earlier attempt still held (free once this attempt's lease on them, which covers the
 * earlier one's, has run out).
 */
export function laterRun(
  waiting: readonly unknown[],
  resumeAt: string | undefined,
  left: LeftKeys | undefined,
): LaterRun {
  const heldUntil = left && new Date(Date.now() + Math.max(0, left.readyAt - performance.now())).toISOString();
  const at = [...(waiting.length > 0 && resumeAt !== undefined ? [resumeAt] : []), ...(heldUntil ? [heldUntil] : [])];
  if (at.length === 0) return {};
  const held = left ? { held: left.ids.length } : {};
  return {
    deferred: waiting.length + (left?.ids.length ?? 0),
    resumeAt: at.reduce((a, b) => (a < b ? a : b)),
    ...held,
  };
}
