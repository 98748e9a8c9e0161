/**
 * The provider requests a worker process has in flight at once, shared by every page it runs. Two
 * pages of a channel run side by side (the fan-out starts the next before the last one ends), so
 * while one page sends its last messages, writes its ledger and reports, the other already takes
 * the slots it frees: the provider sees as many requests in flight across a page's edge as within
 * a page, and never more than the configured number, however many pages or procedures run.
 */
import { abortReason } from '../fencing/cancellable-wait.ts';

/** Gives the slot back; a second call does nothing. */
export type ReleaseSlot = () => void;

/** One page's way to its process's slots: its waits end when the page is cancelled. */
export interface PageSlots {
  /** Resolves once a slot is free, first come first served; rejects with the cancellation. */
  take(): Promise<ReleaseSlot>;
}

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  refuse: (reason: Error) => void;
  signal: AbortSignal;
}

export class SendSlots {
  #free: number;
  readonly #waiting: Waiter[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`send slots must be a positive integer, got ${size}`);
    this.#free = size;
  }

  /** The slots as one page takes them; `signal` is the page's cancellation. */
  forPage(signal: AbortSignal): PageSlots {
    // One listener per page, not one per wait: a cancelled page's waits all end at once.
    signal.addEventListener('abort', () => this.#refuseAll(signal), { once: true });
    return { take: () => this.#take(signal) };
  }

  /** Slots in use now (for tests and metrics). */
  get inUse(): number {
    return this.size - this.#free;
  }

  #take(signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (this.#free > 0 && this.#waiting.length === 0) {
      this.#free--;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((grant, refuse) => this.#waiting.push({ grant, refuse, signal }));
  }

  #releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the first waiter, so nobody overtakes the line.
      const next = this.#waiting.shift();
      if (next) next.grant(this.#releaser());
      else this.#free++;
    };
  }

  #refuseAll(signal: AbortSignal): void {
    const error = abortReason(signal);
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const waiter = this.#waiting[i] as Waiter;
      if (waiter.signal !== signal) continue;
      this.#waiting.splice(i, 1);
      waiter.refuse(error);
    }
  }
}
