/**
 * The last fallback of a notification: one post to the team chat webhook, through the ledger so a
 * retried activity posts at most once. A webhook has no lookup: an earlier attempt that may have
 * posted (its answer lost) counts as posted, unconfirmed, and is audited so; one the webhook
 * answered with an error posted nothing and is tried again.
 */
import { ApplicationFailure } from '@temporalio/common';
import { deliverOnce } from './deliver-once.ts';
import type { ActivityDeps } from './deps.ts';

export interface ChatPostInput {
  incidentId: string;
  ledgerMilestone: string;
  text: string;
}

/** Whether the webhook took the post, and when (the original time for a post found already made). */
export interface ChatPostResult {
  posted: boolean;
  acceptedAt?: string;
}

export async function postToChat(deps: ActivityDeps, input: ChatPostInput): Promise<ChatPostResult> {
  const { chat } = deps;
  if (chat === undefined) {
    throw ApplicationFailure.nonRetryable('no chat webhook configured (HERALD_CHAT_WEBHOOK_URL)', 'ConfigurationError');
  }
  const key = {
    incidentId: input.incidentId,
    milestone: input.ledgerMilestone,
    recipientId: 'chat-webhook',
    channel: 'chat' as const,
  };
  const deliveryKey = `${input.incidentId}/${input.ledgerMilestone}/chat-webhook/chat`;
  const outcome = await deliverOnce(deps.ledger, key, {
    send: () => chat.post({ text: input.text, deliveryKey }),
    findSent: async (since) => ({ providerMessageId: `chat:${deliveryKey}:unconfirmed`, acceptedAt: since }),
    sentNothing: (err) => chat.sentNothing?.(err) ?? false,
  });
  const entry = await deps.ledger.get(key);
  await deps.audit.append({
    entryId: `delivery:${deliveryKey}:${outcome === 'failed' ? 'failed' : 'sent'}`,
    incidentId: input.incidentId,
    type: outcome === 'failed' ? 'delivery.failed' : 'delivery.sent',
    actor: 'herald',
    at: new Date().toISOString(),
    data: {
      milestone: input.ledgerMilestone,
      recipientId: 'chat-webhook',
      channel: 'chat',
      reconciled: outcome === 'already-sent',
      ...(entry?.providerMessageId?.endsWith(':unconfirmed') ? { unconfirmed: true } : {}),
    },
  });
  if (outcome === 'failed') return { posted: false };
  return { posted: true, acceptedAt: entry?.acceptedAt ?? new Date().toISOString() };
}
