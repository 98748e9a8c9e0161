/**
 * Fault injection on demand: per provider, a queue of faults consumed by matching requests in order.
 */
import type { Provider } from './request-log.ts';

/**
 * What to do to one request instead of (or before) answering it normally.
 * - `status`: answer this HTTP status with the provider's error body shape (e.g. 500, 503).
 * - `rate-limit`: the provider's own rate-limit answer — SendGrid 429 with X-RateLimit-* headers,
 *   Twilio 429 code 20429 with Retry-After, Salesforce 403 REQUEST_LIMIT_EXCEEDED.
 * - `slow`: wait `delayMs`, then answer normally.
 * - `accept-then-fail`: do the work (the message is accepted and logged), then answer 500 or drop
 *   the socket, so the client sees a failure although the provider acted.
 * - `session-expired` (Salesforce): invalidate the access token used and answer 401 INVALID_SESSION_ID.
 */
export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'accept-then-fail'; mode?: 'status-500' | 'destroy-socket' }
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

/** The fault queues of the three providers. */
export class Faults {
  readonly #queues = new Map<Provider, Pending[]>();

  /** Queues `fault` for the next `times` matching requests to `provider`. */
  inject(provider: Provider, fault: Fault, options: InjectOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times > 0)) throw new RangeError('times must be positive');
    const queue = this.#queues.get(provider) ?? [];
    queue.push({ fault, remaining: times, match: options.match });
    this.#queues.set(provider, queue);
  }

  /**
   * Takes the first queued fault for this request, if any. A fault with its own `match` decides for
   * itself; one without applies when `applies` (the provider's default, e.g. not the token endpoint).
   */
  take(provider: Provider, method: string, path: string, applies: boolean): Fault | undefined {
    const queue = this.#queues.get(provider);
    if (!queue) return undefined;
    const index = queue.findIndex((p) => (p.match === undefined ? applies : p.match(method, path)));
    const pending = queue[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) queue.splice(index, 1);
    return pending.fault;
  }

  /** Faults still queued for a provider (or all). */
  pending(provider?: Provider): number {
    let n = 0;
    for (const [p, queue] of this.#queues) if (provider === undefined || p === provider) n += queue.length;
    return n;
  }

  clear(): void {
    this.#queues.clear();
  }
}
