/** Opsgenie alert webhooks (Create, Acknowledge, Close) as AlertEvents. */
import { z } from 'zod';
import type { AlertEvent } from './alert-event.ts';

export const opsgenieWebhookSchema = z.object({
  action: z.string().min(1),
  alert: z.object({
    alertId: z.string().min(1),
    message: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).optional(),
    /** Milliseconds since the epoch. */
    createdAt: z.number().int().positive().optional(),
    entity: z.string().optional(),
    username: z.string().optional(),
    note: z.string().max(4000).optional(),
  }),
  integrationName: z.string().optional(),
});
export type OpsgenieWebhook = z.infer<typeof opsgenieWebhookSchema>;

const KINDS: Record<string, AlertEvent['kind']> = {
  Create: 'triggered',
  Acknowledge: 'acknowledged',
  Close: 'resolved',
};
const SEVERITY: Record<string, AlertEvent['severity']> = {
  P1: 'critical',
  P2: 'high',
  P3: 'medium',
  P4: 'low',
  P5: 'low',
};

export function opsgenieEvent(body: OpsgenieWebhook, receivedAt: string): AlertEvent {
  const a = body.alert;
  return {
    source: 'opsgenie',
    kind: KINDS[body.action] ?? 'other',
    externalId: a.alertId,
    service: a.entity ?? body.integrationName ?? 'default',
    title: a.message,
    description: a.description ?? a.message,
    occurredAt: a.createdAt ? new Date(a.createdAt).toISOString() : receivedAt,
    severity: SEVERITY[a.priority ?? 'P3'] ?? 'medium',
    actor: a.username ?? 'Opsgenie',
    ...(a.note ? { note: a.note } : {}),
  };
}
