/**
 * Fault injection on demand: per provider, a queue of faults consumed by matching requests in order,
 * and a probabilistic chaos mode (see chaos.ts) for the requests no queued fault claims.
 */
import { Chaos, isMessageSend } from './chaos.ts';
import type { ChaosOptions } from './chaos.ts';
import type { Provider } from './request-log.ts';

/**
 * What to do to one request instead of (or before) answering it normally.
 * - `status`: answer this HTTP status with the provider's error body shape (e.g. 500, 503).
 * - `rate-limit`: the provider's own rate-limit answer — SendGrid 429 with X-RateLimit-* headers,
 *   Twilio 429 code 20429 with Retry-After, Salesforce 403 REQUEST_LIMIT_EXCEEDED.
 * - `slow`: wait `delayMs`, then answer normally.
 * - `accept-then-fail`: do the work (the message is accepted and logged), then answer 500 or drop
 *   the socket, so the client sees a failure although the provider acted.
 * - `accept-then-timeout`: do the work (accepted and logged), then hold the answer for `holdMs` and
 *   drop the socket: with `holdMs` beyond the client's timeout the client times out, although the
 *   provider acted.
 * - `session-expired` (Salesforce): invalidate the access token used and answer 401 INVALID_SESSION_ID.
 */
export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'accept-then-fail'; mode?: 'status-500' | 'destroy-socket' }
  | { kind: 'accept-then-timeout'; holdMs: number }
  | { kind: 'session-expired' };

export interface InjectOptions {
  /** How many matching requests this fault hits; default 1. `Infinity` for "always". */
  times?: number;
  /** Restricts the fault to some requests (default: every request except Salesforce's OAuth token endpoint). */
  match?: (method: string, path: string) => boolean;
}

interface Pending {
  fault: Fault;
  remaining: number;
  match: ((method: string, path: string) => boolean) | undefined;
}

/** The fault queues of the three providers, and their chaos modes. */
export class Faults {
  readonly #queues = new Map<Provider, Pending[]>();
  readonly #chaos = new Map<Provider, Chaos>();

  /** Queues `fault` for the next `times` matching requests to `provider`. */
  inject(provider: Provider, fault: Fault, options: InjectOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times > 0)) throw new RangeError('times must be positive');
    const queue = this.#queues.get(provider) ?? [];
    queue.push({ fault, remaining: times, match: options.match });
    this.#queues.set(provider, queue);
  }

  /**
   * Turns on chaos mode for `provider` (replacing any earlier one): from now on its message sends
   * (or every faultable request, with `includeLookups`) fail at the given rates, decided by a PRNG
   * seeded with `options.seed`. Queued faults still come first.
   */
  chaos(provider: Provider, options: ChaosOptions): void {
    this.#chaos.set(provider, new Chaos(options));
  }

  /** Turns chaos mode off for a provider (or all); queued faults stay. */
  calm(provider?: Provider): void {
    if (provider === undefined) this.#chaos.clear();
    else this.#chaos.delete(provider);
  }

  /**
   * Takes the first queued fault for this request, if any; otherwise asks the provider's chaos mode.
   * A queued fault with its own `match` decides for itself; one without applies when `applies` (the
   * provider's default, e.g. not the token endpoint). Chaos applies to message sends, or to what
   * `applies` allows when it includes lookups.
   */
  take(provider: Provider, method: string, path: string, applies: boolean): Fault | undefined {
    const queue = this.#queues.get(provider);
    const index = queue?.findIndex((p) => (p.match === undefined ? applies : p.match(method, path))) ?? -1;
    const pending = queue?.[index];
    if (queue && pending) {
      pending.remaining -= 1;
      if (pending.remaining <= 0) queue.splice(index, 1);
      return pending.fault;
    }
    const chaos = this.#chaos.get(provider);
    if (!chaos) return undefined;
    const inScope = chaos.options.includeLookups === true ? applies : isMessageSend(provider, method, path);
    return inScope ? chaos.decide() : undefined;
  }

  /** Faults still queued for a provider (or all). */
  pending(provider?: Provider): number {
    let n = 0;
    for (const [p, queue] of this.#queues) if (provider === undefined || p === provider) n += queue.length;
    return n;
  }

  /** Forgets every queued fault and turns chaos mode off. */
  clear(): void {
    this.#queues.clear();
    this.#chaos.clear();
  }
}
