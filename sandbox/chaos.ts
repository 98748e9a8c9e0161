/**
 * Probabilistic faults for chaos tests: per provider, a seeded PRNG decides for each message send
 * whether it fails (5xx), is accepted and then never answered in time, or falls into a rate-limit
 * burst. The same seed and the same sequence of requests give the same faults, so a failing run
 * can be replayed.
 */
import type { Fault } from './faults.ts';
import type { Provider } from './request-log.ts';
import { prng } from './seed.ts';

/** How a provider misbehaves in chaos mode. Rates are fractions of the requests chaos applies to. */
export interface ChaosOptions {
  /** PRNG seed: the same seed and request sequence give the same faults. */
  seed: number;
  /** Fraction answered with a server error (`serverErrorStatuses`), e.g. 0.2. */
  serverErrorRate?: number;
  /** The 5xx statuses a server error picks from, uniformly; default 500, 502, 503. */
  serverErrorStatuses?: readonly number[];
  /** Fraction accepted (and logged as accepted) whose answer never comes in time, e.g. 0.05. */
  acceptThenTimeoutRate?: number;
  /** How long such an answer is held before the socket is dropped; default 15 s (the adapters give up at 10 s). */
  acceptThenTimeoutHoldMs?: number;
  /**
   * Rate-limit bursts: of every `every` requests, the last `length` get the provider's rate-limit
   * answer (retry after `retryAfterSeconds`, default 1). With `unit: 'ms'` the windows are time
   * (the last `length` ms of every `every` ms since chaos began), so bursts come whether a client
   * sends one message per request or a thousand; counted in requests (the default) the faults are
   * reproducible exactly.
   */
  rateLimitBurst?: { every: number; length: number; unit?: 'requests' | 'ms'; retryAfterSeconds?: number };
  /** Also fault lookups and everything else the provider serves, not just message sends. */
  includeLookups?: boolean;
}

/** Default hold of an accepted-then-timed-out answer: beyond the adapters' 10 s client timeout. */
export const DEFAULT_ACCEPT_THEN_TIMEOUT_HOLD_MS = 15_000;

const DEFAULT_SERVER_ERRORS = [500, 502, 503] as const;

/** The requests that send a message (the ones chaos faults by default), per provider. */
export function isMessageSend(provider: Provider, method: string, path: string): boolean {
  if (method !== 'POST') return false;
  switch (provider) {
    case 'sendgrid':
      return path === '/v3/mail/send';
    case 'twilio':
      return /^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(path);
    case 'chat':
      return path.startsWith('/hooks/');
    case 'salesforce':
      return false;
  }
}

/** One provider's chaos: decides the fault, if any, for each request it applies to, in order. */
export class Chaos {
  readonly options: Readonly<ChaosOptions>;
  readonly #rand: () => number;
  readonly #statuses: readonly number[];
  readonly #clock: () => number;
  readonly #startedAt: number;
  #decisions = 0;

  /** `clock` times `unit: 'ms'` bursts (tests pass a fake one). */
  constructor(options: ChaosOptions, clock: () => number = Date.now) {
    const serverErrorRate = options.serverErrorRate ?? 0;
    const acceptThenTimeoutRate = options.acceptThenTimeoutRate ?? 0;
    for (const [name, rate] of [
      ['serverErrorRate', serverErrorRate],
      ['acceptThenTimeoutRate', acceptThenTimeoutRate],
    ] as const) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
    }
    if (serverErrorRate + acceptThenTimeoutRate > 1) throw new RangeError('the fault rates add up to more than 1');
    const burst = options.rateLimitBurst;
    if (burst && !(Number.isInteger(burst.every) && Number.isInteger(burst.length) && burst.length > 0)) {
      throw new RangeError('rateLimitBurst needs whole numbers every and length, length > 0');
    }
    if (burst && burst.length >= burst.every) throw new RangeError('rateLimitBurst.length must be less than every');
    this.#statuses = options.serverErrorStatuses ?? DEFAULT_SERVER_ERRORS;
    if (this.#statuses.length === 0 || this.#statuses.some((s) => !(s >= 500 && s <= 599))) {
      throw new RangeError('serverErrorStatuses must be 5xx statuses');
    }
    this.options = { ...options };
    this.#rand = prng(options.seed);
    this.#clock = clock;
    this.#startedAt = clock();
  }

  /** How many requests chaos has decided on so far. */
  get decisions(): number {
    return this.#decisions;
  }

  /** The fault for the next request chaos applies to, or undefined to answer it normally. */
  decide(): Fault | undefined {
    const n = this.#decisions++;
    // Two draws per request whatever the outcome, so one decision never shifts the next ones.
    const roll = this.#rand();
    const pick = this.#rand();
    const burst = this.options.rateLimitBurst;
    const position = burst?.unit === 'ms' ? this.#clock() - this.#startedAt : n;
    if (burst && position % burst.every >= burst.every - burst.length) {
      return { kind: 'rate-limit', retryAfterSeconds: burst.retryAfterSeconds ?? 1 };
    }
    const serverErrorRate = this.options.serverErrorRate ?? 0;
    if (roll < serverErrorRate) {
      const status = this.#statuses[Math.floor(pick * this.#statuses.length)] ?? 500;
      return { kind: 'status', status };
    }
    if (roll < serverErrorRate + (this.options.acceptThenTimeoutRate ?? 0)) {
      return {
        kind: 'accept-then-timeout',
        holdMs: this.options.acceptThenTimeoutHoldMs ?? DEFAULT_ACCEPT_THEN_TIMEOUT_HOLD_MS,
      };
    }
    return undefined;
  }
}
