/**
 * PagerDuty webhooks (v3): the signature is `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw
 * body>` (several, comma-separated, while a secret rotates); events become AlertEvents.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AlertEvent } from './alert-event.ts';

/** True when one of the header's v1 signatures is the HMAC of `rawBody` under `secret`. */
export function verifyPagerDutySignature(rawBody: string, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  return header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .some((s) => {
      const given = Buffer.from(s.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

export const pagerDutyWebhookSchema = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string().min(1),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: z.object({ summary: z.string().optional(), id: z.string().optional() }).nullish(),
    data: z.object({
      id: z.string().min(1),
      title: z.string().max(200).optional(),
      summary: z.string().max(4000).optional(),
      urgency: z.enum(['high', 'low']).optional(),
      priority: z.object({ summary: z.string() }).nullish(),
      service: z.object({ id: z.string().min(1), summary: z.string().optional() }),
      resolve_reason: z.string().nullish(),
    }),
  }),
});
export type PagerDutyWebhook = z.infer<typeof pagerDutyWebhookSchema>;

const KINDS: Record<string, AlertEvent['kind']> = {
  'incident.triggered': 'triggered',
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

export function pagerDutyEvent(body: PagerDutyWebhook): AlertEvent {
  const { event } = body;
  const d = event.data;
  const priority = d.priority?.summary ?? '';
  const severity = /P1/i.test(priority) ? 'critical' : d.urgency === 'high' || /P2/i.test(priority) ? 'high' : 'medium';
  return {
    source: 'pagerduty',
    kind: event.resource_type === 'incident' ? (KINDS[event.event_type] ?? 'other') : 'other',
    externalId: d.id,
    service: d.service.id,
    title: d.title ?? d.summary ?? `PagerDuty incident ${d.id}`,
    description: d.summary ?? d.title ?? `PagerDuty incident ${d.id} on ${d.service.summary ?? d.service.id}`,
    occurredAt: event.occurred_at,
    severity,
    actor: event.agent?.summary ?? event.agent?.id ?? 'PagerDuty',
    ...(d.resolve_reason ? { note: d.resolve_reason } : {}),
  };
}
