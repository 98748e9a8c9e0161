/**
 * Delivery callbacks as the real providers send them: SendGrid posts signed Event Webhook batches,
 * Twilio posts signed status callbacks to each message's StatusCallback. Off unless the sandbox is
 * started with `callbacks`; posted one at a time, after the provider's own reply went out, so a
 * send is never slowed by Herald's callback endpoint.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { AcceptedEmail, AcceptedSms } from './request-log.ts';
import { prng } from './seed.ts';
import { sendgridEventBatches, signSendgridBatch } from './sendgrid-event-webhook.ts';
import type { EmailOutcome } from './sendgrid-event-webhook.ts';
import { signTwilioCallback, twilioStatusCallbacks } from './twilio-status-callbacks.ts';
import type { TwilioCredentials } from './twilio.ts';

/** Twilio's delivery failure codes, reported in the callback's ErrorCode (never on create). */
export type TwilioDeliveryErrorCode = 30003 | 30004 | 30005 | 30006 | 30007 | 30008;

/** How the sandbox reports deliveries. Every message is delivered unless listed here. */
export interface CallbackOptions {
  /** SendGrid's Event Webhook URL; settable later ({@link SandboxCallbacks.setSendgridUrl}). Unset: SendGrid posts nothing. */
  sendgridUrl?: string;
  /** Addresses whose mail bounces: processed, deferred, bounce. */
  bouncingEmails?: readonly string[];
  /** Addresses SendGrid drops without sending (a suppression list): processed, dropped. */
  droppedEmails?: readonly string[];
  /** Numbers whose SMS ends undelivered with this ErrorCode: queued, sent, undelivered. */
  undeliverablePhones?: Readonly<Record<string, TwilioDeliveryErrorCode>>;
  /** Posts every callback twice, as a provider retrying it would. */
  duplicates?: boolean;
  /** Posts the events of each send one by one in a random order, instead of in sequence. */
  shuffle?: boolean;
  /** Seed of the shuffle; default 1. */
  seed?: number;
}

/** One callback the sandbox posted, and what Herald answered. */
export interface CallbackPost {
  provider: 'sendgrid' | 'twilio';
  url: string;
  /** The raw body as signed and sent. */
  body: string;
  /** Herald's HTTP status; 0 when the request failed (`error`). */
  status: number;
  error?: string;
}

/** The sandbox's callback side, as tests see it. */
export interface SandboxCallbacks {
  /** The key SendGrid signs with, base64 DER SPKI as SendGrid shows it (SENDGRID_WEBHOOK_PUBLIC_KEY). */
  readonly sendgridPublicKey: string;
  /** Points SendGrid's Event Webhook at `url` (e.g. once Herald's API listens). */
  setSendgridUrl(url: string): void;
  /** Every callback posted so far, in order. */
  posts(): CallbackPost[];
  /** Resolves once every callback queued so far has been posted and answered. */
  settled(): Promise<void>;
}

/** One HTTP request to make; signed when it is sent, as a provider's retry would be. */
export interface CallbackRequest {
  provider: CallbackPost['provider'];
  url: string;
  body: string;
  headers(): Record<string, string>;
}

/** Emits callbacks for what the providers accepted; the sandbox's SendGrid and Twilio call it. */
export class CallbackEmitter implements SandboxCallbacks {
  readonly sendgridPublicKey: string;
  readonly #privateKey: KeyObject;
  readonly #options: CallbackOptions | undefined;
  readonly #twilio: TwilioCredentials;
  readonly #shutdown: AbortSignal;
  readonly #random: () => number;
  readonly #posts: CallbackPost[] = [];
  #sendgridUrl: string | undefined;
  #queue: Promise<void> = Promise.resolve();

  /** `options` undefined: callbacks off. */
  constructor(options: CallbackOptions | undefined, twilio: TwilioCredentials, shutdown: AbortSignal) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.sendgridPublicKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    this.#privateKey = privateKey;
    this.#options = options;
    this.#twilio = twilio;
    this.#shutdown = shutdown;
    this.#random = prng(options?.seed ?? 1);
    this.#sendgridUrl = options?.sendgridUrl;
  }

  setSendgridUrl(url: string): void {
    this.#sendgridUrl = url;
  }

  posts(): CallbackPost[] {
    return this.#posts.map((p) => ({ ...p }));
  }

  settled(): Promise<void> {
    return this.#queue;
  }

  /** SendGrid accepted these recipients (one mail/send request). */
  emailsAccepted(rows: readonly AcceptedEmail[]): void {
    const url = this.#sendgridUrl;
    if (!this.#options || url === undefined) return;
    const outcome = (to: string): EmailOutcome =>
      this.#includes(this.#options?.bouncingEmails, to)
        ? 'bounce'
        : this.#includes(this.#options?.droppedEmails, to)
          ? 'dropped'
          : 'delivered';
    // Shuffled events go one per batch, so they also arrive in separate requests.
    const batches = sendgridEventBatches(rows, outcome, this.#options.shuffle === true);
    this.#enqueue(
      batches.map((batch) => {
        const body = JSON.stringify(batch);
        return { provider: 'sendgrid', url, body, headers: () => signSendgridBatch(this.#privateKey, body) };
      }),
    );
  }

  /** Twilio accepted this SMS, with the StatusCallback it was given (if any). */
  smsAccepted(sms: AcceptedSms, statusCallback: string | undefined): void {
    if (!this.#options || !statusCallback) return;
    const errorCode = this.#options.undeliverablePhones?.[sms.to];
    const { authToken, accountSid } = this.#twilio;
    this.#enqueue(
      twilioStatusCallbacks(sms, accountSid, errorCode).map((params) => {
        const body = new URLSearchParams(params).toString();
        return {
          provider: 'twilio',
          url: statusCallback,
          body,
          headers: () => signTwilioCallback(authToken, statusCallback, params),
        };
      }),
    );
  }

  #includes(list: readonly string[] | undefined, address: string): boolean {
    return list?.some((a) => a.toLowerCase() === address.toLowerCase()) ?? false;
  }

  /** Queues one send's callbacks, duplicated and shuffled as configured, behind everything queued. */
  #enqueue(requests: CallbackRequest[]): void {
    const all = this.#options?.duplicates ? requests.flatMap((r) => [r, r]) : requests;
    if (this.#options?.shuffle) shuffle(all, this.#random);
    for (const request of all) this.#queue = this.#queue.then(() => this.#post(request));
  }

  async #post(request: CallbackRequest): Promise<void> {
    // After the provider's reply: the callback is a separate, later request.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#shutdown.aborted) return;
    const post: CallbackPost = { provider: request.provider, url: request.url, body: request.body, status: 0 };
    try {
      const res = await fetch(request.url, {
        method: 'POST',
        headers: request.headers(),
        body: request.body,
        signal: this.#shutdown,
      });
      await res.arrayBuffer();
      post.status = res.status;
    } catch (err) {
      post.error = err instanceof Error ? err.message : String(err);
    }
    this.#posts.push(post);
  }
}

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
