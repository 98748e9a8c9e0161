/**
 * Messages to another thread, posted together: everything posted during one turn of the event
 * loop goes in one message at its end. Each message wakes the other thread, and on a busy machine
 * a wake-up waits for a core (docs/benchmarks.md); the sends answered in one turn (a poll of their
 * sockets) or started in one (the lanes a batch of answers freed) cross as one.
 */
export class Outbox<T> {
  #batch: T[] = [];
  #scheduled = false;

  constructor(private readonly deliver: (batch: T[]) => void) {}

  post(message: T): void {
    this.#batch.push(message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the loop's poll phase: every socket read in it has posted by then.
    setImmediate(() => this.flush());
  }

  /** Delivers what is waiting now. */
  flush(): void {
    this.#scheduled = false;
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.deliver(batch);
  }
}
