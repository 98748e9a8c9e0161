/**
 * Spaces provider calls evenly at a rate, and holds every caller until a provider's rate-limit
 * reset when it answers 429: one pacer per batch activity, shared by its concurrent sends. It
 * waits through the activity's own wait, so a paced or rate-limited page heartbeats and stops the
 * moment it is cancelled.
 *
 * With a shared schedule (the provider account's, store/provider-rates.ts) the pacer takes its
 * slots from it a block at a time, so every page of every procedure sending through the account
 * shares the account's rate, and a 429 pauses them all.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The provider account's schedule: reserves slots (resolving to the wait before the first) and pauses. */
export interface SharedSchedule {
  reserve(slots: number, intervalMs: number): Promise<number>;
  pause(forMs: number): Promise<void>;
}

/** Clock, wait and schedule of a {@link RatePacer}. */
export interface RatePacerOptions {
  now?: () => number;
  /** How the pacer waits; default a plain timer (inside an activity: its cancellable wait). */
  wait?: (ms: number) => Promise<void>;
  /** The account's schedule shared with other senders; absent: this pacer alone keeps the rate. */
  shared?: SharedSchedule;
}

/**
 * Failures in a row (no success between) before the provider is backed off as a whole: as many as
 * a page has in flight, so a provider that fails everything is backed off within one round, while
 * a share of failures scattered among successes (the chaos mix's 25 %) practically never is (a run
 * of 8 there came often enough to stall every page end).
 */
export const FAILURE_RUN = 32;
/** The provider's backoff after a run of failures: doubling from 250 ms with each further one, at most 8 s. */
export function providerBackoffMs(failuresInARow: number): number {
  return Math.min(8_000, 250 * 2 ** Math.min(6, failuresInARow - FAILURE_RUN));
}

/** A tenth of a second of slots per reservation: few store round trips, little left unused at a page's end. */
const BLOCK_SECONDS = 0.1;

/** Even spacing of one batch activity's provider calls, paused by rate limits. */
export class RatePacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #wait: (ms: number) => Promise<void>;
  readonly #shared: SharedSchedule | undefined;
  readonly #block: number;
  #nextSlot = 0;
  #pausedUntil = 0;
  /** Slots left of the last shared reservation (unbounded without a shared schedule). */
  #left: number;
  #reserving: Promise<void> | undefined;
  #failuresInARow = 0;

  constructor(perSecond: number, options: RatePacerOptions = {}) {
    if (!(perSecond > 0)) throw new RangeError(`rate must be positive, got ${perSecond}`);
    this.#intervalMs = 1000 / perSecond;
    this.#now = options.now ?? Date.now;
    this.#wait = options.wait ?? ((ms) => sleep(ms));
    this.#shared = options.shared;
    this.#block = Math.max(1, Math.round(perSecond * BLOCK_SECONDS));
    this.#left = this.#shared ? 0 : Infinity;
  }

  /** Resolves when the caller may make the next call; rejects when the wait is cancelled. */
  async take(): Promise<void> {
    while (this.#left <= 0) await (this.#reserving ??= this.#reserveBlock());
    this.#left--;
    const now = this.#now();
    const slot = Math.max(this.#nextSlot, this.#pausedUntil, now);
    this.#nextSlot = slot + this.#intervalMs;
    // Timers are no finer than a millisecond: a shorter wait is a burst the provider tolerates.
    if (slot - now >= 1) await this.#wait(slot - now);
  }

  /** No call before `atMs` (the provider's reset time); with a shared schedule, no call of the account. */
  pauseUntil(atMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, atMs);
    // A pause not shared only costs the other senders a 429 of their own.
    this.#shared?.pause(atMs - this.#now()).catch(() => undefined);
  }

  /**
   * A call failed in a way that may be the provider's trouble (a 5xx, no answer). Scattered
   * failures cost only their own retry; a run of them with no success between pauses every
   * sender of the provider, longer with each further failure, as a rate limit does.
   */
  failed(): void {
    if (++this.#failuresInARow >= FAILURE_RUN) this.pauseUntil(this.#now() + providerBackoffMs(this.#failuresInARow));
  }

  /** A call went through: the provider's run of failures is over. */
  succeeded(): void {
    this.#failuresInARow = 0;
  }

  /** One block of the account's slots: this pacer's next slot moves to the block's first. */
  async #reserveBlock(): Promise<void> {
    try {
      const waitMs = await (this.#shared as SharedSchedule).reserve(this.#block, this.#intervalMs);
      this.#nextSlot = Math.max(this.#nextSlot, this.#now() + waitMs);
      this.#left += this.#block;
    } finally {
      this.#reserving = undefined;
    }
  }
}
