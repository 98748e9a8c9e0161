/**
 * EmailPort over SendGrid v3 (@sendgrid/mail): sends one message per delivery key and finds it
 * again through the Email Activity API when a send was ambiguous.
 */
import { MailService } from '@sendgrid/mail';
import { ApplicationFailure } from '@temporalio/common';
import { EMAIL_BATCH_LIMIT } from '../ports.ts';
import type {
  CredentialCheck,
  CredentialProbe,
  EmailBatch,
  EmailMessage,
  EmailPort,
  FoundBatch,
  SendReceipt,
} from '../ports.ts';
import { isAccountProblem, PROVIDER_FAILURE_TYPES, toActivityError } from './errors.ts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, withTimeout } from './timeout.ts';

/** custom_args key carrying the delivery key with the message (events, activity lookups). */
export const DELIVERY_KEY_ARG = 'herald_delivery_key';
/** custom_args key shared by every message of one batched request. */
export const BATCH_KEY_ARG = 'herald_batch_key';

/** Breach notices must not carry tracking pixels or rewritten links. */
const NO_TRACKING = {
  clickTracking: { enable: false, enableText: false },
  openTracking: { enable: false },
};

/** The MailService's HTTP client, which the typings leave out but the SDK exposes as `.client`. */
interface SendgridHttpClient {
  setDefaultRequest(key: string, value: unknown): unknown;
  request(data: {
    method: 'GET';
    url: string;
    qs?: Record<string, string | number>;
  }): Promise<[{ statusCode: number; headers: unknown }, unknown]>;
}

/** A configured @sendgrid/mail MailService. */
export type SendgridClient = MailService & { client: SendgridHttpClient };

export interface SendgridClientOptions {
  apiKey: string;
  /** API origin, e.g. the sandbox; https://api.sendgrid.com when absent. */
  baseUrl?: string;
  /** Per-request timeout (axios); default 10 s. */
  timeoutMs?: number;
}

/**
 * Builds a MailService of its own (not the shared singleton) pointed at `baseUrl`. The base URL is
 * set after setApiKey(), which resets it to the global API host.
 */
export function createSendgridClient(options: SendgridClientOptions): SendgridClient {
  const service = new MailService() as SendgridClient;
  service.setApiKey(options.apiKey);
  if (options.baseUrl) service.client.setDefaultRequest('baseUrl', options.baseUrl.replace(/\/?$/, '/'));
  // axios would otherwise pick up HTTP(S)_PROXY from the environment.
  service.client.setDefaultRequest('proxy', false);
  service.setTimeout(options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS);
  return service;
}

export interface SendgridEmailOptions {
  /** Sender address, or address and display name. */
  from: string | { email: string; name?: string };
  /** Deadline per call; default 10 s. */
  timeoutMs?: number;
  /** Clock skew tolerated between our `since` and SendGrid's event times; default 5 min. */
  reconcileSkewMs?: number;
}

/** A message as the Email Activity API lists it. */
interface ActivityMessage {
  msg_id?: string;
  to_email?: string;
  last_event_time?: string;
}

/** Values go into a double-quoted Email Activity query; refuse what would break out of the quotes. */
function queryValue(value: string, what: string): string {
  if (/["\\]/.test(value) || [...value].some((ch) => ch.charCodeAt(0) < 0x20)) {
    throw ApplicationFailure.nonRetryable(
      `${what} cannot be used in a SendGrid activity query`,
      PROVIDER_FAILURE_TYPES.providerRejected,
    );
  }
  return value;
}

/** EmailPort over a SendGrid MailService (see createSendgridClient). */
export class SendgridEmail implements EmailPort, CredentialProbe {
  readonly #client: SendgridClient;
  readonly #from: { email: string; name?: string };
  readonly #timeoutMs: number;
  readonly #skewMs: number;

  constructor(client: SendgridClient, options: SendgridEmailOptions) {
    this.#client = client;
    this.#from = typeof options.from === 'string' ? { email: options.from } : options.from;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    this.#skewMs = options.reconcileSkewMs ?? 5 * 60_000;
  }

  async send(message: EmailMessage): Promise<SendReceipt> {
    let response;
    try {
      [response] = await withTimeout(
        this.#client.send({
          to: message.toName ? { email: message.to, name: message.toName } : message.to,
          from: this.#from,
          subject: message.subject,
          text: message.text,
          // The SDK sends text/plain first, then text/html, as SendGrid requires.
          ...(message.html === undefined ? {} : { html: message.html }),
          customArgs: { [DELIVERY_KEY_ARG]: message.deliveryKey },
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  content: Buffer.from(a.content, 'utf8').toString('base64'),
                  filename: a.filename,
                  type: a.contentType,
                  disposition: 'attachment',
                })),
              }
            : {}),
          trackingSettings: NO_TRACKING,
        }),
        this.#timeoutMs,
        'SendGrid mail send',
      );
    } catch (err) {
      throw toActivityError('SendGrid', err);
    }
    return receiptOf(response.headers);
  }

  /**
   * One mail/send request with a personalization per recipient, each carrying its own delivery key
   * and the batch key in custom_args. Substitution keys are literal tokens (no wrappers).
   */
  async sendBatch(batch: EmailBatch): Promise<SendReceipt> {
    if (batch.recipients.length === 0 || batch.recipients.length > EMAIL_BATCH_LIMIT) {
      throw ApplicationFailure.nonRetryable(
        `a SendGrid batch takes 1 to ${EMAIL_BATCH_LIMIT} recipients, not ${batch.recipients.length}`,
        PROVIDER_FAILURE_TYPES.providerRejected,
      );
    }
    let response;
    try {
      [response] = await withTimeout(
        this.#client.send({
          from: this.#from,
          subject: batch.subject,
          text: batch.text,
          ...(batch.html === undefined ? {} : { html: batch.html }),
          substitutionWrappers: ['', ''],
          personalizations: batch.recipients.map((r) => ({
            to: r.toName ? { email: r.to, name: r.toName } : r.to,
            customArgs: { [DELIVERY_KEY_ARG]: r.deliveryKey, [BATCH_KEY_ARG]: batch.batchKey },
            ...(r.substitutions ? { substitutions: r.substitutions } : {}),
          })),
          trackingSettings: NO_TRACKING,
        }),
        this.#timeoutMs,
        'SendGrid batch send',
      );
    } catch (err) {
      throw toActivityError('SendGrid', err);
    }
    return receiptOf(response.headers);
  }

  async findSentBatch(batchKey: string, since: string): Promise<FoundBatch> {
    const messages = await this.#activity(
      `unique_args['${BATCH_KEY_ARG}']="${queryValue(batchKey, 'batch key')}"`,
      EMAIL_BATCH_LIMIT,
      since,
    );
    const found: FoundBatch = {};
    for (const m of messages) {
      const to = m.to_email?.toLowerCase();
      if (to !== undefined && found[to] === undefined) found[to] = activityReceipt(m);
    }
    return found;
  }

  /**
   * Asks SendGrid which scopes the key has (`GET /v3/scopes`): a refused key (401/403) or one
   * without `mail.send` is invalid; an unreachable SendGrid throws (transient).
   */
  async checkCredentials(): Promise<CredentialCheck> {
    let body: unknown;
    try {
      [, body] = await withTimeout(
        this.#client.client.request({ method: 'GET', url: '/v3/scopes' }),
        this.#timeoutMs,
        'SendGrid scopes',
      );
    } catch (err) {
      const failure = toActivityError('SendGrid', err);
      if (isAccountProblem(failure)) {
        return { valid: false, detail: failure.message };
      }
      throw failure;
    }
    const scopes = (body as { scopes?: unknown } | undefined)?.scopes;
    const list = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
    if (!list.includes('mail.send')) return { valid: false, detail: 'SendGrid API key lacks the mail.send scope' };
    return { valid: true, detail: `key valid; scopes ${list.filter((s) => /^(mail|messages)\./.test(s)).join(', ')}` };
  }

  async findSent(deliveryKey: string, to: string, since: string): Promise<SendReceipt | null> {
    const query = `unique_args['${DELIVERY_KEY_ARG}']="${queryValue(deliveryKey, 'delivery key')}" AND to_email="${queryValue(to, 'recipient address')}"`;
    const found = (await this.#activity(query, 10, since)).find((m) => m.to_email?.toLowerCase() === to.toLowerCase());
    return found ? activityReceipt(found) : null;
  }

  /** Messages the Email Activity API lists for `query`, with a msg_id, not older than `since`. */
  async #activity(query: string, limit: number, since: string): Promise<ActivityMessage[]> {
    let body: unknown;
    try {
      [, body] = await withTimeout(
        this.#client.client.request({ method: 'GET', url: '/v3/messages', qs: { query, limit } }),
        this.#timeoutMs,
        'SendGrid activity lookup',
      );
    } catch (err) {
      throw toActivityError('SendGrid', err);
    }
    const earliest = Date.parse(since) - this.#skewMs;
    return ((body as { messages?: ActivityMessage[] } | undefined)?.messages ?? []).filter(
      (m) =>
        typeof m.msg_id === 'string' &&
        // last_event_time is at or after acceptance, so this never drops a message sent after `since`.
        (m.last_event_time === undefined || Date.parse(m.last_event_time) >= earliest),
    );
  }
}

function activityReceipt(m: ActivityMessage): SendReceipt {
  return {
    // The activity msg_id is the X-Message-Id followed by ".filter…" routing suffixes.
    providerMessageId: (m.msg_id ?? '').split('.')[0] as string,
    acceptedAt: m.last_event_time ? new Date(m.last_event_time).toISOString() : new Date().toISOString(),
  };
}

function receiptOf(headers: unknown): SendReceipt {
  const messageId = headerValue(headers, 'x-message-id');
  // Accepted but unidentifiable: fail transiently; the retry reconciles through a lookup.
  if (!messageId) throw new Error('SendGrid accepted the message but returned no X-Message-Id');
  return { providerMessageId: messageId, acceptedAt: new Date().toISOString() };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const getter = (headers as { get?: (n: string) => unknown }).get;
  const value = typeof getter === 'function' ? getter.call(headers, name) : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Client and adapter in one step, for the worker. */
export function createSendgridEmail(options: SendgridClientOptions & SendgridEmailOptions): SendgridEmail {
  return new SendgridEmail(createSendgridClient(options), options);
}
