/**
 * A team chat incoming webhook (Slack or Teams style: POST `{"text": …}` to a secret URL). No
 * vendor SDK: the webhook is plain HTTPS. Errors are classified like the other adapters: 4xx →
 * non-retryable (the URL is wrong or revoked), 429 → retry after the hint, 5xx/timeout → transient.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ChatPort, SendReceipt } from '../ports.ts';
import { PROVIDER_FAILURE_TYPES } from './errors.ts';
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
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '10');
      throw ApplicationFailure.create({
        message: 'chat webhook rate-limited the post',
        type: PROVIDER_FAILURE_TYPES.rateLimited,
        nextRetryDelay: Math.min(Math.max(seconds, 1), 900) * 1000,
      });
    }
    if (response.status >= 400 && response.status < 500) {
      throw ApplicationFailure.nonRetryable(
        `chat webhook refused the post (HTTP ${response.status}): check HERALD_CHAT_WEBHOOK_URL`,
        PROVIDER_FAILURE_TYPES.providerRejected,
      );
    }
    throw new Error(`chat webhook failed (HTTP ${response.status})`);
  }
}
