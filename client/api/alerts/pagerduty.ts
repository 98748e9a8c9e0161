/**
 * PagerDuty webhooks (v3): the signature is `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw
 * body>` (several, comma-separated, while a secret rotates); `X-Webhook-Id` is the delivery id,
 * repeated on every redelivery. Every documented event type is read: `incident.triggered`,
 * `incident.acknowledged` and `incident.resolved` act, all others are answered as ignored with
 * the reason. A 4xx would make PagerDuty drop the event and, three times in a row, disable the
 * subscription (https://developer.pagerduty.com/docs/webhooks-behavior).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AlertEvent } from './alert-event.ts';
import type { Reading } from './reading.ts';
import { eventReading, parseOrUnmappable, validInstant } from './reading.ts';

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

/** The envelope every v3 event shares; `data` differs by event type. */
const envelopeSchema = z.object({
  event: z.object({
    id: z.string().optional(),
    event_type: z.string().min(1),
    occurred_at: z.string().optional(),
    agent: z.object({ summary: z.string().nullish(), id: z.string().nullish() }).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
});

/** `data` of the incident events Herald acts on (resource `incident`). */
const incidentSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  created_at: z.string().nullish(),
  urgency: z.string().nullish(),
  priority: z.object({ summary: z.string().nullish() }).nullish(),
  service: z.object({ id: z.string().min(1), summary: z.string().nullish() }),
  resolve_reason: z.string().nullish(),
});

const KINDS: Record<string, AlertEvent['kind']> = {
  'incident.triggered': 'triggered',
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

/** Why each documented event type that Herald does not act on changes nothing. */
export const PAGERDUTY_IGNORED: Readonly<Record<string, string>> = {
  'incident.annotated': 'a note added in PagerDuty does not change a procedure',
  'incident.conference_bridge.updated': 'a conference bridge change does not change a procedure',
  'incident.custom_field_values.updated': 'custom field changes after the trigger do not change a procedure',
  'incident.delegated': 'PagerDuty escalation policies do not change a procedure: Herald pages its own on-call ladder',
  'incident.escalated': 'PagerDuty escalations do not change a procedure: Herald escalates on its own clock',
  'incident.incident_type.changed': 'an incident type change after the trigger does not change a running procedure',
  'incident.priority_updated': 'a priority change after the trigger does not change a running procedure',
  'incident.reassigned': 'reassignment in PagerDuty does not change a procedure',
  'incident.reopened': 'a reopened PagerDuty incident does not reopen a procedure; it keeps its own state',
  'incident.responder.added': 'a responder request in PagerDuty does not change a procedure',
  'incident.responder.replied': 'a responder reply in PagerDuty does not change a procedure',
  'incident.role.assigned': 'incident roles in PagerDuty do not change a procedure',
  'incident.service_updated': 'a service change after the trigger does not move a running procedure',
  'incident.status_update_published': 'a PagerDuty status update does not change a procedure',
  'incident.task.completed': 'PagerDuty incident tasks do not change a procedure',
  'incident.task.created': 'PagerDuty incident tasks do not change a procedure',
  'incident.task.updated': 'PagerDuty incident tasks do not change a procedure',
  'incident.unacknowledged':
    'an acknowledgement timing out in PagerDuty does not undo the acknowledgement Herald recorded',
  'incident.action_invocation.created': 'PagerDuty automation actions do not change a procedure',
  'incident.action_invocation.terminated': 'PagerDuty automation actions do not change a procedure',
  'incident.action_invocation.updated': 'PagerDuty automation actions do not change a procedure',
  'incident.workflow.started': 'PagerDuty incident workflows do not change a procedure',
  'incident.workflow.completed': 'PagerDuty incident workflows do not change a procedure',
  'service.created': 'service events do not trigger procedures',
  'service.custom_field_values.updated': 'service events do not trigger procedures',
  'service.deleted': 'service events do not trigger procedures',
  'service.updated': 'service events do not trigger procedures',
};

/** The PagerDuty incident a payload is about: `data.id` (incident) or `data.incident.id` (notes, responders, …). */
function incidentIdOf(data: Record<string, unknown> | null | undefined): string | undefined {
  const nested = data?.incident;
  const id = data?.type === 'incident' || !nested ? data?.id : (nested as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** One PagerDuty v3 webhook body as Herald reads it. */
export function readPagerDuty(body: unknown, receivedAt: string): Reading {
  const envelope = parseOrUnmappable(envelopeSchema, body, 'PagerDuty payload', 'a PagerDuty payload');
  if (!envelope.ok) return envelope.reading;
  const { event } = envelope.data;
  const type = event.event_type;
  const summary = [type, incidentIdOf(event.data)].filter(Boolean).join(' ');
  const kind = KINDS[type];
  if (kind === undefined) {
    const reason = PAGERDUTY_IGNORED[type] ?? `${type} is not an event type Herald acts on`;
    return { kind: 'ignored', summary, reason };
  }
  const incident = parseOrUnmappable(incidentSchema, event.data, summary, `the incident in this ${type}`);
  if (!incident.ok) return incident.reading;
  const d = incident.data;
  const priority = d.priority?.summary ?? '';
  const severity = /P1/i.test(priority) ? 'critical' : d.urgency === 'high' || /P2/i.test(priority) ? 'high' : 'medium';
  const title = d.title ?? d.summary ?? `PagerDuty incident ${d.id}`;
  return eventReading(summary, {
    source: 'pagerduty',
    kind,
    externalId: d.id,
    service: d.service.id,
    title,
    description: d.summary ?? `PagerDuty incident ${d.id} on ${d.service.summary ?? d.service.id}: ${title}`,
    // The tool's time of the event is the awareness time; its receipt only when the tool sent none.
    occurredAt: validInstant(event.occurred_at) ?? validInstant(d.created_at) ?? receivedAt,
    severity,
    actor: event.agent?.summary ?? event.agent?.id ?? 'PagerDuty',
    ...(d.resolve_reason ? { note: d.resolve_reason } : {}),
  });
}
