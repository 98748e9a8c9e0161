/**
 * One notice to one audience, each channel its own step (DESIGN convention 17): email and SMS go
 * out side by side and retry independently, so one provider's outage never delays the other's
 * page. When neither reached anybody, the notice falls back to the team chat webhook (where the
 * audience allows it) and says so. Every acceptance is counted as it lands.
 */
import type { Channel } from '../domain/contacts.ts';
import type { DeliverySummary } from '../domain/delivery.ts';
import { emptySummary, mergeSummary } from '../domain/delivery.ts';
import type { ClassifiedFailure } from './failures.ts';
import { classifyFailure } from './failures.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';
import { awaitedLater } from './background.ts';
import { runStep } from './step.ts';

/** What the chat fallback reports: whether the webhook took the post, and when. */
export interface ChatOutcome {
  posted: boolean;
  acceptedAt?: string;
}

export interface NoticeRequest {
  /** The ledger key of this send occasion, e.g. "ops-alert:L0". */
  key: string;
  /** Who it is for, in audits (a directory group, "customers (security)"…). */
  audience: string;
  /** Sends the notice on one channel (one activity call). */
  send: (channel: Channel) => Promise<DeliverySummary>;
  /**
   * Sends it on one channel without the ledger, for a store that is down (audit-outbox.ts): called
   * at most once per channel, never retried, and that channel is never sent through the ledger after.
   */
  sendDirect?: (channel: Channel) => Promise<DeliverySummary>;
  /** The team chat fallback; none for notices that must not go to a team channel. */
  chat?: () => Promise<ChatOutcome>;
  /** Default email and SMS. */
  channels?: readonly Channel[];
  /** The notice is no longer needed: waiting steps give up. */
  stop?: () => boolean;
  /** The milestone the first acceptance completes, at the provider's acceptance time. */
  completes?: string;
  /** Each channel's result as it lands. */
  onDelivered?: (summary: DeliverySummary) => Promise<void> | void;
  /** Nobody could be reached on email or SMS (the chat fallback, if any, is being posted). */
  onUnreachable?: () => void;
  /** False for ops' own pages about a failing service: they do not page about themselves. */
  page?: boolean;
}

/** What the notice achieved on every channel; `chat` when the fallback posted. */
export interface NoticeOutcome extends DeliverySummary {
  chat: ChatOutcome | null;
}

export async function sendNotice(
  ctx: ProcedureContextBase<CoreState, string>,
  request: NoticeRequest,
): Promise<NoticeOutcome> {
  const channels = request.channels ?? (['email', 'sms'] as const);
  const stop = request.stop ?? (() => false);
  const outcome: NoticeOutcome = { ...emptySummary(), chat: null };
  const firstOutcome = new Set<Channel>();
  const problems: string[] = [];
  let fellBack: Promise<void> | null = null;

  const fallBackIfNobodyReached = (): Promise<void> => {
    if (fellBack || firstOutcome.size < channels.length || outcome.reached > 0) return fellBack ?? Promise.resolve();
    fellBack = awaitedLater(fallBack(ctx, request, channels, problems, outcome, stop));
    return fellBack;
  };
  const onFailure = (channel: Channel) => (failure: ClassifiedFailure) => {
    problems.push(`${channel}: ${failure.message}`);
    firstOutcome.add(channel);
    void fallBackIfNobodyReached();
  };

  if (channels.length === 0) void fallBackIfNobodyReached();
  await Promise.all(
    channels.map(async (channel) => {
      const step = { service: channel, step: `${request.key}/${channel}`, stop, page: request.page ?? true };
      const send = () => sendOnChannel(ctx, request, channel);
      const done = await runStep(ctx, { ...step, onFailure: onFailure(channel) }, send);
      firstOutcome.add(channel);
      if (done) {
        const result = done.value;
        mergeSummary(outcome, result);
        ctx.addDeliveries(result);
        for (const r of result.refusals ?? []) problems.push(`${channel}: ${r.recipientId} refused (${r.reason})`);
        if (request.completes) await ctx.completeOnAcceptance(request.completes, result, request.key, done.calledAt);
        await request.onDelivered?.(result);
      }
      await fallBackIfNobodyReached();
    }),
  );
  await (fellBack ?? Promise.resolve());
  return outcome;
}

/**
 * One channel's send: through the ledger; while the store is down, once straight to the provider
 * instead (where the notice allows it). A channel sent that way is done for this notice either way:
 * the ledger knows nothing of it, so sending it through the ledger later could send it twice.
 */
async function sendOnChannel(
  ctx: ProcedureContextBase<CoreState, string>,
  request: NoticeRequest,
  channel: Channel,
): Promise<DeliverySummary> {
  const id = `${request.key}/${channel}`;
  if (ctx.state.directSends?.includes(id)) return emptySummary();
  if (!request.sendDirect || !ctx.storeDown()) return request.send(channel);
  (ctx.state.directSends ??= []).push(id);
  let summary: DeliverySummary;
  try {
    summary = await request.sendDirect(channel);
  } catch (err) {
    const failure = classifyFailure(err);
    await ctx.audit('delivery.direct', 'herald', { ledgerMilestone: request.key, channel, failed: failure.message });
    return emptySummary();
  }
  await ctx.audit('delivery.direct', 'herald', {
    ledgerMilestone: request.key,
    channel,
    group: request.audience,
    accepted: (summary.receipts ?? []).map((r) => ({ recipientId: r.recipientId, acceptedAt: r.acceptedAt })),
    refused: (summary.refusals ?? []).map((r) => ({ recipientId: r.recipientId, reason: r.reason })),
  });
  return summary;
}

/** Email and SMS reached nobody: the chat webhook, audited either way. */
async function fallBack(
  ctx: ProcedureContextBase<CoreState, string>,
  request: NoticeRequest,
  channels: readonly Channel[],
  problems: readonly string[],
  outcome: NoticeOutcome,
  stop: () => boolean,
): Promise<void> {
  const chat = request.chat;
  await ctx.audit('delivery.fallback', 'herald', {
    ledgerMilestone: request.key,
    group: request.audience,
    from: channels.join('+'),
    to: chat ? 'chat' : 'none',
    problem: problems.join('; ').slice(0, 600) || 'nobody in the audience has an address on these channels',
  });
  // The next level is paged beside the chat post, not after it: the webhook may be failing too.
  if (outcome.reached === 0) request.onUnreachable?.();
  if (chat) {
    const step = { service: 'chat' as const, step: `${request.key}/chat`, stop, page: request.page ?? true };
    outcome.chat = (await runStep(ctx, step, chat))?.value ?? null;
  }
}
