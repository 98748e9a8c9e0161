/**
 * SmsPort over Twilio Programmable Messaging (twilio SDK): sends one SMS per delivery key and finds
 * it again by recipient and exact body when a send was ambiguous (Twilio has no idempotency key).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { CredentialCheck, CredentialProbe, SmsMessage, SmsPort, SendReceipt } from '../ports.ts';
import { isAccountProblem, toActivityError } from './errors.ts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, withTimeout } from './timeout.ts';

/** A twilio REST client. */
export type TwilioClient = twilio.Twilio;

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** API origin, e.g. the sandbox; Twilio's own hosts when absent. */
  baseUrl?: string;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}

/**
 * Response headers of the calls made inside `capture()`. RestException drops headers, and
 * Retry-After lives there; the store is per async context so concurrent sends do not mix.
 */
const responseHeaders = new AsyncLocalStorage<{ headers?: Record<string, string> }>();

/**
 * The SDK's RequestClient, plus: rewrites every request to `baseUrl` (twilio has no base-URL option
 * and each product has its own host), and records response headers for error classification.
 */
class HeraldRequestClient extends twilio.RequestClient {
  readonly #baseUrl: string | undefined;

  constructor(baseUrl: string | undefined, timeoutMs: number) {
    super({ timeout: timeoutMs });
    this.#baseUrl = baseUrl?.replace(/\/$/, '');
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    let uri = opts.uri;
    if (this.#baseUrl && uri) {
      const original = new URL(uri);
      uri = `${this.#baseUrl}${original.pathname}${original.search}`;
    }
    const response = await super.request<TData>({ ...opts, uri });
    const slot = responseHeaders.getStore();
    if (slot) slot.headers = response.headers as Record<string, string>;
    return response;
  }
}

/**
 * Builds a twilio client whose requests go to `baseUrl`. Region and edge are pinned empty so
 * TWILIO_REGION / TWILIO_EDGE in the environment cannot rewrite hosts behind our back.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  return twilio(options.accountSid, options.authToken, {
    httpClient: new HeraldRequestClient(options.baseUrl, timeoutMs),
    region: '',
    edge: '',
    env: {},
    autoRetry: false,
    timeout: timeoutMs,
  });
}

export interface TwilioSmsOptions {
  /** Sender number (E.164); or use `messagingServiceSid`. */
  from?: string;
  messagingServiceSid?: string;
  /** Status callback; the delivery key is added as `herald_delivery_key` so callbacks can be matched. */
  statusCallbackUrl?: string;
  /** Deadline per call; default 10 s. */
  timeoutMs?: number;
  /** Clock skew tolerated between our `since` and Twilio's date_created; default 5 min. */
  reconcileSkewMs?: number;
  /** Most recent messages to a number examined when reconciling; default 50. */
  reconcileLimit?: number;
}

/** SmsPort over a twilio client (see createTwilioClient). */
export class TwilioSms implements SmsPort, CredentialProbe {
  readonly #client: TwilioClient;
  readonly #options: TwilioSmsOptions;
  readonly #timeoutMs: number;

  constructor(client: TwilioClient, options: TwilioSmsOptions) {
    if (!options.from && !options.messagingServiceSid)
      throw new Error('TwilioSms needs `from` or `messagingServiceSid`');
    this.#client = client;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
  }

  async send(message: SmsMessage): Promise<SendReceipt> {
    const { from, messagingServiceSid, statusCallbackUrl } = this.#options;
    let statusCallback: string | undefined;
    if (statusCallbackUrl) {
      const url = new URL(statusCallbackUrl);
      url.searchParams.set('herald_delivery_key', message.deliveryKey);
      statusCallback = url.toString();
    }
    const created = await this.#call('Twilio message create', () =>
      this.#client.messages.create({
        to: message.to,
        body: message.body,
        ...(messagingServiceSid ? { messagingServiceSid } : { from }),
        ...(statusCallback ? { statusCallback } : {}),
      }),
    );
    return { providerMessageId: created.sid, acceptedAt: (created.dateCreated ?? new Date()).toISOString() };
  }

  /**
   * Lists the newest messages to `to` and matches the exact body created at or after `since`.
   * Not filtered by DateSent on purpose: a message still queued at Twilio has no date_sent yet, and
   * missing it here would mean sending it twice.
   */
  async findSent(_deliveryKey: string, to: string, since: string, body: string): Promise<SendReceipt | null> {
    const earliest = Date.parse(since) - (this.#options.reconcileSkewMs ?? 5 * 60_000);
    const messages = await this.#call('Twilio message list', () =>
      this.#client.messages.list({ to, limit: this.#options.reconcileLimit ?? 50 }),
    );
    const match = messages.find(
      (m) =>
        m.to === to &&
        m.body === body &&
        m.direction.startsWith('outbound') &&
        m.dateCreated instanceof Date &&
        m.dateCreated.getTime() >= earliest,
    );
    return match ? { providerMessageId: match.sid, acceptedAt: match.dateCreated.toISOString() } : null;
  }

  /**
   * Fetches the account (`GET /2010-04-01/Accounts/{Sid}.json`): refused credentials or an account
   * that is not active are invalid; an unreachable Twilio throws (transient).
   */
  async checkCredentials(): Promise<CredentialCheck> {
    let account;
    try {
      account = await this.#call('Twilio account fetch', () =>
        this.#client.api.v2010.accounts(this.#client.accountSid).fetch(),
      );
    } catch (err) {
      if (isAccountProblem(err)) {
        return { valid: false, detail: err.message };
      }
      throw err;
    }
    if (account.status !== 'active') return { valid: false, detail: `Twilio account is ${account.status}` };
    return { valid: true, detail: 'account active' };
  }

  async #call<T>(what: string, work: () => Promise<T>): Promise<T> {
    const slot: { headers?: Record<string, string> } = {};
    try {
      return await responseHeaders.run(slot, () => withTimeout(work(), this.#timeoutMs, what));
    } catch (err) {
      throw toActivityError('Twilio', err, slot.headers ? { headers: slot.headers } : {});
    }
  }
}

/** Client and adapter in one step, for the worker. */
export function createTwilioSms(options: TwilioClientOptions & TwilioSmsOptions): TwilioSms {
  return new TwilioSms(createTwilioClient(options), options);
}
