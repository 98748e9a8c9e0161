/**
 * In-memory providers for workflow tests: they implement the ports, record every accepted
 * message, and can be told to fail, so deadline paths can be driven deterministically.
 * (End-to-end tests use the real SDK adapters against sandbox/ instead.)
 */
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { CrmScope } from '../../workflows/domain/incident.ts';
import type {
  ChatPort,
  CrmPage,
  CrmPort,
  EmailBatch,
  EmailMessage,
  EmailPort,
  FoundBatch,
  SendReceipt,
  SmsMessage,
  SmsPort,
} from '../../activities/ports.ts';

export class ProviderOutage extends Error {
  override readonly name = 'ProviderOutage';
}

/** Which sends fail right now, by delivery key; a test flips it as time passes. */
export interface OutageSwitch {
  /** Transient: the send throws a plain error (an outage), retried. */
  failing: (deliveryKey: string) => boolean;
  /**
   * What the adapter would throw instead, e.g. `ApplicationFailure.nonRetryable(…, 'ProviderAuth')`
   * for a revoked key or `'InvalidRecipient'` for a refused address; undefined sends normally.
   */
  refusing?: (channel: 'email' | 'sms' | 'chat', deliveryKey: string) => Error | undefined;
  /** Accept the message, then answer only when the promise settles (a slow answer after acceptance). */
  holding?: (deliveryKey: string) => Promise<void> | undefined;
}

function refusal(outage: OutageSwitch, channel: 'email' | 'sms' | 'chat', deliveryKey: string): void {
  const err = outage.refusing?.(channel, deliveryKey);
  if (err) throw err;
}

export function noOutage(): OutageSwitch {
  return { failing: () => false };
}

export class RecordingEmail implements EmailPort {
  readonly sent: (EmailMessage & SendReceipt & { batchKey?: string })[] = [];
  /** Provider requests made by sendBatch. */
  requests = 0;
  constructor(private readonly outage: OutageSwitch = noOutage()) {}

  async send(message: EmailMessage): Promise<SendReceipt> {
    refusal(this.outage, 'email', message.deliveryKey);
    if (this.outage.failing(message.deliveryKey))
      throw new ProviderOutage(`email provider unavailable for ${message.deliveryKey}`);
    const receipt = { providerMessageId: `email-${this.sent.length + 1}`, acceptedAt: new Date().toISOString() };
    this.sent.push({ ...message, ...receipt });
    await this.outage.holding?.(message.deliveryKey);
    return receipt;
  }

  async findSent(deliveryKey: string): Promise<SendReceipt | null> {
    return this.sent.find((m) => m.deliveryKey === deliveryKey) ?? null;
  }

  /** Records one message per recipient, with its substitutions applied, under one request id. */
  async sendBatch(batch: EmailBatch): Promise<SendReceipt> {
    for (const r of batch.recipients) refusal(this.outage, 'email', r.deliveryKey);
    if (batch.recipients.some((r) => this.outage.failing(r.deliveryKey)))
      throw new ProviderOutage(`email provider unavailable for batch ${batch.batchKey}`);
    this.requests++;
    const receipt = { providerMessageId: `email-batch-${this.requests}`, acceptedAt: new Date().toISOString() };
    for (const r of batch.recipients) {
      const substitute = (text: string) =>
        Object.entries(r.substitutions ?? {}).reduce((out, [token, value]) => out.split(token).join(value), text);
      this.sent.push({
        to: r.to,
        ...(r.toName ? { toName: r.toName } : {}),
        subject: substitute(batch.subject),
        text: substitute(batch.text),
        deliveryKey: r.deliveryKey,
        batchKey: batch.batchKey,
        ...receipt,
      });
    }
    return receipt;
  }

  async findSentBatch(batchKey: string): Promise<FoundBatch> {
    return Object.fromEntries(this.sent.filter((m) => m.batchKey === batchKey).map((m) => [m.to.toLowerCase(), m]));
  }

  to(address: string): (EmailMessage & SendReceipt & { batchKey?: string })[] {
    return this.sent.filter((m) => m.to === address);
  }
}

export class RecordingSms implements SmsPort {
  readonly sent: (SmsMessage & SendReceipt)[] = [];
  constructor(private readonly outage: OutageSwitch = noOutage()) {}

  async send(message: SmsMessage): Promise<SendReceipt> {
    refusal(this.outage, 'sms', message.deliveryKey);
    if (this.outage.failing(message.deliveryKey))
      throw new ProviderOutage(`sms provider unavailable for ${message.deliveryKey}`);
    const receipt = { providerMessageId: `sms-${this.sent.length + 1}`, acceptedAt: new Date().toISOString() };
    this.sent.push({ ...message, ...receipt });
    return receipt;
  }

  async findSent(deliveryKey: string): Promise<SendReceipt | null> {
    return this.sent.find((m) => m.deliveryKey === deliveryKey) ?? null;
  }
}

export class RecordingChat implements ChatPort {
  readonly posts: { text: string; deliveryKey: string }[] = [];
  constructor(private readonly outage: OutageSwitch = noOutage()) {}

  async post(message: { text: string; deliveryKey: string }): Promise<SendReceipt> {
    refusal(this.outage, 'chat', message.deliveryKey);
    if (this.outage.failing(message.deliveryKey))
      throw new ProviderOutage(`chat unavailable for ${message.deliveryKey}`);
    this.posts.push(message);
    return { providerMessageId: `chat-${this.posts.length}`, acceptedAt: new Date().toISOString() };
  }

  /** Its outages and refusals answer before anything is posted. */
  sentNothing(): boolean {
    return true;
  }
}

/** A CRM holding a fixed list of people, served in pages of `pageSize`. */
export class ListCrm implements CrmPort {
  constructor(
    private readonly people: AffectedPerson[],
    private readonly pageSize = 2,
  ) {}

  async findAffectedPeople(_scope: CrmScope, cursor?: string): Promise<CrmPage> {
    const offset = cursor ? Number(cursor) : 0;
    const next = offset + this.pageSize;
    return {
      people: this.people.slice(offset, next),
      ...(next < this.people.length ? { nextCursor: String(next) } : {}),
    };
  }
}

/** A CRM that refuses while `refusing()` returns an error (a frozen integration user), else serves `inner`. */
export class SwitchableCrm implements CrmPort {
  refusing: () => Error | undefined = () => undefined;
  constructor(private readonly inner: CrmPort) {}

  async findAffectedPeople(scope: CrmScope, cursor?: string): Promise<CrmPage> {
    const err = this.refusing();
    if (err) throw err;
    return this.inner.findAffectedPeople(scope, cursor);
  }
}
