/**
 * A team chat incoming webhook (Slack or Teams style: POST `{"text": …}` to a secret URL). No
 * vendor SDK: the webhook is plain HTTPS. Its answers are classified from the same table as the
 * other providers' (answer-table.ts): a revoked URL is refused credentials, a restricted channel a
 * missing permission, 429 retries after the hint, 5xx and time-outs are transient.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ChatPort, SendReceipt } from '../ports.ts';
import { ChatWebhookHttpError, toActivityError } from './errors.ts';
import { DEFAULT_PROVIDER_TIMEOUT_MS } from './timeout.ts';

export class ChatWebhook implements ChatPort {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = DEFAULT_PROVIDER_TIMEOUT_MS,
  ) {}

  async post(message: { text: string; deliveryKey: string }): Promise<SendReceipt> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: message.text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.ok) {
      // Webhooks return no message id; the delivery key names the post in the ledger.
      return { providerMessageId: `chat:${message.deliveryKey}`, acceptedAt: new Date().toISOString() };
    }
    const body = await response.text().catch(() => '');
    throw toActivityError(
      'ChatWebhook',
      new ChatWebhookHttpError(response.status, body.slice(0, 200), Object.fromEntries(response.headers)),
    );
  }

  sentNothing(err: unknown): boolean {
    // An answer: classified (ApplicationFailure) or a 5xx rethrown as it is.
    if (err instanceof ApplicationFailure || err instanceof ChatWebhookHttpError) return true;
    // fetch's "fetch failed" with the socket's error as its cause: refused before anything was sent.
    const code = (err as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    return code === 'ECONNREFUSED';
  }
}
