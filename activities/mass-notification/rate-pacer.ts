/**
 * Spaces provider calls evenly at a rate, and holds every caller until a provider's rate-limit
 * reset when it answers 429: one pacer per batch activity, shared by its concurrent sends. It
 * waits through the activity's own wait, so a paced or rate-limited page heartbeats and stops the
 * moment it is cancelled.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Clock and wait of a {@link RatePacer}. */
export interface RatePacerOptions {
  now?: () => number;
  /** How the pacer waits; default a plain timer (inside an activity: its cancellable wait). */
  wait?: (ms: number) => Promise<void>;
}

/** Even spacing of one batch activity's provider calls, paused by rate limits. */
export class RatePacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #wait: (ms: number) => Promise<void>;
  #nextSlot = 0;
  #pausedUntil = 0;

  constructor(perSecond: number, options: RatePacerOptions = {}) {
    if (!(perSecond > 0)) throw new RangeError(`rate must be positive, got ${perSecond}`);
    this.#intervalMs = 1000 / perSecond;
    this.#now = options.now ?? Date.now;
    this.#wait = options.wait ?? ((ms) => sleep(ms));
  }

  /** Resolves when the caller may make the next call; rejects when the wait is cancelled. */
  async take(): Promise<void> {
    const now = this.#now();
    const slot = Math.max(this.#nextSlot, this.#pausedUntil, now);
    this.#nextSlot = slot + this.#intervalMs;
    // Timers are no finer than a millisecond: a shorter wait is a burst the provider tolerates.
    if (slot - now >= 1) await this.#wait(slot - now);
  }

  /** No call before `atMs` (the provider's reset time). */
  pauseUntil(atMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, atMs);
  }
}
