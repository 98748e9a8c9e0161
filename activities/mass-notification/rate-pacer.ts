/**
 * Spaces provider calls evenly at a rate, and holds every caller until a provider's rate-limit
 * reset when it answers 429: one pacer per batch activity, shared by its concurrent sends.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class RatePacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  #nextSlot = 0;
  #pausedUntil = 0;

  constructor(perSecond: number, now: () => number = Date.now) {
    if (!(perSecond > 0)) throw new RangeError(`rate must be positive, got ${perSecond}`);
    this.#intervalMs = 1000 / perSecond;
    this.#now = now;
  }

  /** Resolves when the caller may make the next call. */
  async take(): Promise<void> {
    const now = this.#now();
    const slot = Math.max(this.#nextSlot, this.#pausedUntil, now);
    this.#nextSlot = slot + this.#intervalMs;
    // Timers are no finer than a millisecond: a shorter wait is a burst the provider tolerates.
    if (slot - now >= 1) await sleep(slot - now);
  }

  /** No call before `atMs` (the provider's reset time). */
  pauseUntil(atMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, atMs);
  }
}
