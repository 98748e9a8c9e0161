/**
 * What Herald answers an incident tool, and stores with the trigger: the outcome, the trigger's id
 * (to follow it in `GET /v1/triggers/{id}` or `herald triggers`), and what was shortened. `pending`
 * is answered 202: recorded durably, Herald acts on it; everything else 200.
 */
import { z } from 'zod';
import type { TriggerRecord } from '../../../activities/store/trigger-store.ts';
import { ALERT_OUTCOMES } from '../alerts/apply-alert.ts';

export const webhookAnswerSchema = z
  .object({
    outcome: z.enum(ALERT_OUTCOMES),
    procedure: z.enum(['lockout', 'data-leak']).optional(),
    workflowId: z.string().optional(),
    reason: z.string().optional(),
    trigger: z.string().describe('the kept trigger: GET /v1/triggers/{id}'),
    duplicate: z.boolean().optional().describe('a redelivery of a delivery id Herald has already recorded'),
    truncated: z.array(z.string()).optional().describe('fields Herald shortened, e.g. "title: 312 → 200 characters"'),
  })
  .meta({ id: 'WebhookAnswer' });
export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;

/** 202 while Herald still has to act on it, 200 once it did (or found nothing to do). */
export const answerStatus = (answer: WebhookAnswer): 200 | 202 => (answer.outcome === 'pending' ? 202 : 200);

/** The answer to a redelivery: what became of the first delivery, as far as the store knows. */
export function answerForStored(trigger: TriggerRecord): WebhookAnswer {
  const stored = webhookAnswerSchema.safeParse(trigger.outcome);
  if (trigger.state !== 'pending' && trigger.state !== 'discarded' && stored.success) {
    return { ...stored.data, duplicate: true };
  }
  const reason =
    trigger.state === 'discarded'
      ? `discarded by ${trigger.decidedBy ?? 'an operator'}: ${trigger.reason ?? ''}`
      : (trigger.reason ?? 'recorded; Herald is applying it');
  return {
    outcome: trigger.state === 'discarded' ? 'ignored' : 'pending',
    reason,
    trigger: trigger.id,
    duplicate: true,
  };
}
