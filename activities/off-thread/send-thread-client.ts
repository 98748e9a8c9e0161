/**
 * Mass-notification sends on a thread of their own. A worker's fan-out is bound by its one
 * JavaScript thread, and two thirds of that thread went to the provider SDKs' HTTP clients
 * (measured, issue 18): the pages' sends — one Twilio request per SMS, one SendGrid request per
 * thousand emails — move to a worker thread running the same adapters, so the client work runs
 * beside the pages' ledger, pacing and Temporal work instead of taking turns with it. The pages
 * still decide what goes out and when (slots, pacer, fence); the thread only makes the calls.
 * Lookups and single messages stay on the main thread's adapters: they are rare, and an alert
 * should not wait for a thread to start.
 *
 * A thread that stops fails the sends it held as unanswered (transient: looked up before any
 * resend) and the next send starts another.
 */
import { Worker } from 'node:worker_threads';
import type { EmailBatch, EmailPort, SendReceipt, SmsMessage, SmsPort } from '../ports.ts';
import type { SendgridClientOptions, SendgridEmailOptions } from '../providers/sendgrid.ts';
import type { TwilioClientOptions, TwilioSmsOptions } from '../providers/twilio.ts';
import { unpackError } from './error-transfer.ts';
import type { TransferredError } from './error-transfer.ts';

/** The adapters' settings, as the thread builds them (plain data). */
export interface SendThreadOptions {
  twilio: TwilioClientOptions & TwilioSmsOptions;
  sendgrid: SendgridClientOptions & SendgridEmailOptions;
}

/** A send the thread makes. */
type Call = { call: 'sms.send'; message: SmsMessage } | { call: 'email.sendBatch'; batch: EmailBatch };

/** What the main thread posts. */
export type SendRequest = Call & { id: number };

/** What the thread answers. */
export type SendAnswer = { id: number } & ({ receipt: SendReceipt } | TransferredError);

/** Thrown for sends in flight when the thread stops: the provider may have taken them. */
export class SendThreadStopped extends Error {
  override readonly name = 'SendThreadStopped';
}

interface Waiting {
  thread: Worker;
  resolve: (receipt: SendReceipt) => void;
  reject: (err: Error) => void;
}

/** The thread and the sends waiting on it. */
export class SendThread {
  readonly #options: SendThreadOptions;
  readonly #waiting = new Map<number, Waiting>();
  /** Sends in flight per thread: a thread keeps the process up only while it holds some. */
  readonly #held = new Map<Worker, number>();
  #thread: Worker | undefined;
  #nextId = 0;

  constructor(options: SendThreadOptions) {
    this.#options = options;
  }

  /** `sms`'s send on the thread, its lookups on `sms` itself. */
  sms(sms: SmsPort): SmsPort {
    return {
      send: (message) => this.#call({ call: 'sms.send', message }),
      findSent: (...args) => sms.findSent(...args),
    };
  }

  /** `email`'s batch send on the thread, everything else on `email` itself. */
  email(email: EmailPort): EmailPort {
    return {
      send: (message) => email.send(message),
      findSent: (...args) => email.findSent(...args),
      sendBatch: (batch) => this.#call({ call: 'email.sendBatch', batch }),
      findSentBatch: (...args) => email.findSentBatch(...args),
    };
  }

  /** Stops the thread; sends in flight fail as unanswered. */
  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = undefined;
    await thread?.terminate();
  }

  #call(call: Call): Promise<SendReceipt> {
    const id = this.#nextId++;
    const thread = this.#started();
    this.#hold(thread, +1);
    return new Promise<SendReceipt>((resolve, reject) => {
      this.#waiting.set(id, { thread, resolve, reject });
      thread.postMessage({ id, ...call } satisfies SendRequest);
    });
  }

  #started(): Worker {
    if (this.#thread) return this.#thread;
    const thread = new Worker(new URL('./send-thread.ts', import.meta.url), {
      workerData: this.#options,
      // The adapters and the requests in flight: a small heap keeps the worker's RSS in bounds.
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 48 },
    });
    thread.on('message', (answer: SendAnswer) => this.#answer(answer));
    thread.on('error', (err: Error) => this.#stopped(thread, `failed: ${err.message}`));
    thread.on('exit', (code) => this.#stopped(thread, `exited with code ${code}`));
    // An idle thread must not keep the process up. After the listeners: listening refs it again.
    thread.unref();
    this.#thread = thread;
    return thread;
  }

  #answer(answer: SendAnswer): void {
    const waiting = this.#waiting.get(answer.id);
    if (!waiting) return;
    this.#waiting.delete(answer.id);
    this.#hold(waiting.thread, -1);
    if ('receipt' in answer) waiting.resolve(answer.receipt);
    else waiting.reject(unpackError(answer));
  }

  /** A send in flight keeps the process up, as a request on this thread would; an idle thread does not. */
  #hold(thread: Worker, change: 1 | -1): void {
    const held = (this.#held.get(thread) ?? 0) + change;
    if (held === 1 && change === 1) thread.ref();
    if (held === 0) thread.unref();
    this.#held.set(thread, held);
  }

  #stopped(thread: Worker, why: string): void {
    if (this.#thread === thread) this.#thread = undefined;
    this.#held.delete(thread);
    for (const [id, w] of this.#waiting) {
      if (w.thread !== thread) continue;
      this.#waiting.delete(id);
      w.reject(new SendThreadStopped(`the send thread ${why}`));
    }
  }
}
