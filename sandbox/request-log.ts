/**
 * Everything the sandbox saw, so tests can assert exactly who received what.
 */
import type { Fault } from './faults.ts';

export const PROVIDERS = ['salesforce', 'sendgrid', 'twilio', 'chat'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** One HTTP request as the sandbox answered it. */
export interface LoggedRequest {
  provider: Provider;
  method: string;
  /** Path with query string. */
  path: string;
  /** Status answered; 0 while pending or when the socket was dropped without an answer. */
  status: number;
  /** Parsed body (JSON object, form fields, or text); undefined when empty. */
  body: unknown;
  /** ISO instant the request arrived. */
  at: string;
  /** The injected fault this request met (queued or chaos), if any. */
  fault?: Fault['kind'];
}

/** One email recipient in a request the sandbox accepted (even if it then failed the answer). */
export interface AcceptedEmail {
  to: string;
  subject: string;
  /** The text/plain part. */
  text: string;
  /** The text/html part, when the message had one. */
  html?: string;
  customArgs: Record<string, string>;
  /** Attachments as sent (content decoded from base64). */
  attachments: { filename: string; type: string; content: string }[];
  messageId: string;
  at: string;
}

/** One SMS the sandbox accepted (even if it then failed the answer). */
export interface AcceptedSms {
  to: string;
  from: string;
  body: string;
  sid: string;
  at: string;
}

/** In-memory request log shared by the three sandbox servers. */
export class RequestLog {
  readonly #requests: LoggedRequest[] = [];
  readonly #emails: AcceptedEmail[] = [];
  readonly #sms: AcceptedSms[] = [];
  #inFlight = 0;

  /** Records an arriving request; the returned entry gets its status when the answer goes out. */
  start(entry: Omit<LoggedRequest, 'status' | 'fault'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, status: 0 };
    this.#requests.push(logged);
    this.#inFlight++;
    return logged;
  }

  /** The provider is done with a request (answered it, dropped it, or gave up on it). */
  end(): void {
    this.#inFlight--;
  }

  /**
   * Requests a provider is still working on (a slow answer, a held one): a message can still be
   * accepted while this is above 0, so counts are final only once it is 0.
   */
  inFlight(): number {
    return this.#inFlight;
  }

  recordEmails(rows: AcceptedEmail[]): void {
    this.#emails.push(...rows);
  }

  recordSms(row: AcceptedSms): void {
    this.#sms.push(row);
  }

  /** All requests in arrival order, optionally for one provider. */
  requests(provider?: Provider): LoggedRequest[] {
    return this.#requests.filter((r) => provider === undefined || r.provider === provider).map((r) => ({ ...r }));
  }

  acceptedEmails(): AcceptedEmail[] {
    return this.#emails.map((e) => ({ ...e, customArgs: { ...e.customArgs } }));
  }

  acceptedSms(): AcceptedSms[] {
    return this.#sms.map((s) => ({ ...s }));
  }

  /** How many messages were accepted so far, without copying them (for progress polling). */
  acceptedCounts(): { emails: number; sms: number } {
    return { emails: this.#emails.length, sms: this.#sms.length };
  }

  /** Forgets everything (between test cases sharing one sandbox). */
  clear(): void {
    this.#requests.length = 0;
    this.#emails.length = 0;
    this.#sms.length = 0;
  }
}
