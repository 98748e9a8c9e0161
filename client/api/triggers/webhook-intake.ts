/**
 * Receiving an authenticated incident-tool webhook: record it first (one row per delivery id), then
 * attempt it for at most the answer budget, and answer. The tool hears 200 with the outcome when
 * Temporal was quick, 202 "pending" when Herald has it durably but has not applied it yet (Temporal
 * slow or down, no route, unreadable body), and 503 only when nothing could be recorded — then the
 * tool must deliver again. PagerDuty waits 5 s for an answer; the budget stays well below that.
 */
import type { Context } from 'hono';
import type { AlertSource } from '../alerts/alert-event.ts';
import { readDelivery } from '../alerts/read-delivery.ts';
import { problem } from '../problem.ts';
import type { ApiEnv } from '../routes/route-kit.ts';
import type { WebhookAnswer } from './webhook-answer.ts';
import { answerForStored, answerStatus } from './webhook-answer.ts';

/** How long the answer may wait for the first attempt by default. */
export const DEFAULT_ANSWER_BUDGET_MS = 2_000;

export async function receiveWebhook(
  c: Context<ApiEnv>,
  source: AlertSource,
  deliveryId: string,
  raw: string,
): Promise<Response> {
  const { triggers, webhookAnswerBudgetMs = DEFAULT_ANSWER_BUDGET_MS } = c.get('options');
  const now = triggers.now();
  const receivedAt = now.toISOString();
  let recorded;
  try {
    recorded = await triggers.store.record({
      source,
      deliveryId,
      receivedAt,
      summary: readDelivery(source, raw, receivedAt).summary,
      body: raw,
      claimUntil: triggers.leaseUntil(now),
    });
  } catch (err) {
    triggers.log(
      'ERROR',
      'herald.trigger.not-recorded',
      'a webhook could not be recorded; the tool was told to retry',
      {
        source,
        deliveryId,
        error: err instanceof Error ? err.message : String(err),
      },
    );
    return problem(
      c,
      503,
      'Service unavailable',
      'Herald could not record this delivery (its store did not answer), so nothing was kept: deliver it again',
      {},
      { 'Retry-After': '5' },
    );
  }
  if (recorded.duplicate) return reply(c, answerForStored(recorded.trigger));
  const { trigger } = recorded;
  const attempt = triggers.attempt(trigger);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), webhookAnswerBudgetMs);
  });
  const answer = await Promise.race([attempt, late]);
  clearTimeout(timer);
  if (answer) return reply(c, answer);
  // The attempt goes on after the answer and records its own outcome.
  return reply(c, {
    outcome: 'pending',
    reason: `recorded; Temporal has not answered within ${webhookAnswerBudgetMs} ms — Herald goes on trying and retries until it does`,
    trigger: trigger.id,
  });
}

function reply(c: Context<ApiEnv>, answer: WebhookAnswer): Response {
  return c.json(answer, answerStatus(answer));
}
