/**
 * incident.io webhooks (sent through Svix as Standard Webhooks: see standard-webhooks.ts). The body
 * is `{"event_type": T, T: payload}`. `public_incident.incident_created_v2` starts (test and tutorial
 * incidents excepted), a status update into the `learning` or `closed` category resolves; every
 * other documented event is answered as ignored with the reason. A private incident's webhook
 * carries only its id, so Herald cannot map it: it is kept as a pending trigger for a person.
 * Routes are keyed by the incident type's id (`incident-io:<type id>`, or `incident-io:*`).
 */
import { z } from 'zod';
import type { AlertEvent } from './alert-event.ts';
import type { Reading } from './reading.ts';
import { eventReading, parseOrUnmappable, validInstant } from './reading.ts';

const envelopeSchema = z.object({ event_type: z.string().min(1) }).catchall(z.unknown());

const named = z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish();
const incidentSchema = z.object({
  id: z.string().min(1),
  reference: z.string().nullish(),
  name: z.string().nullish(),
  summary: z.string().nullish(),
  mode: z.string().nullish(),
  created_at: z.string().nullish(),
  reported_at: z.string().nullish(),
  severity: named,
  incident_type: named,
  incident_status: z.object({ category: z.string().nullish(), name: z.string().nullish() }).nullish(),
  creator: z.object({ user: named, api_key: named, workflow: named }).catchall(z.unknown()).nullish(),
});
type Incident = z.infer<typeof incidentSchema>;
const status = z.object({ category: z.string().nullish(), name: z.string().nullish() });
const statusUpdateSchema = z.object({
  incident: incidentSchema,
  new_status: status,
  previous_status: status.nullish(),
});

/** Status categories in which an incident is over (incident.io's "learning" is its post-incident phase). */
const ENDED = ['learning', 'closed'];
/** Status categories meaning it was never an incident to act on. */
const DISMISSED = ['declined', 'canceled', 'merged'];

/** Why each documented event type that Herald does not act on changes nothing. */
export const INCIDENT_IO_IGNORED: Readonly<Record<string, string>> = {
  'public_incident.incident_updated_v2': 'an edit after the trigger does not change a running procedure',
  'private_incident.incident_updated_v2': 'an edit after the trigger does not change a running procedure',
  'public_incident.follow_up_created_v1': 'follow-ups do not change a procedure',
  'private_incident.follow_up_created_v1': 'follow-ups do not change a procedure',
  'public_incident.follow_up_updated_v1': 'follow-ups do not change a procedure',
  'private_incident.follow_up_updated_v1': 'follow-ups do not change a procedure',
  'public_incident.follow_up_created_v2': 'follow-ups do not change a procedure',
  'private_incident.follow_up_created_v2': 'follow-ups do not change a procedure',
  'public_incident.follow_up_updated_v2': 'follow-ups do not change a procedure',
  'private_incident.follow_up_updated_v2': 'follow-ups do not change a procedure',
  'public_incident.action_created_v1': 'incident actions do not change a procedure',
  'private_incident.action_created_v1': 'incident actions do not change a procedure',
  'public_incident.action_updated_v1': 'incident actions do not change a procedure',
  'private_incident.action_updated_v1': 'incident actions do not change a procedure',
  'public_alert.alert_created_v1': 'an alert is not an incident: Herald starts when incident.io declares the incident',
  'private_alert.alert_created_v1': 'an alert is not an incident: Herald starts when incident.io declares the incident',
  'private_incident.membership_granted_v1': 'private-incident membership does not change a procedure',
  'private_incident.membership_revoked_v1': 'private-incident membership does not change a procedure',
  'public_incident.postmortem_document_status_updated_v1': 'the post-mortem document does not change a procedure',
};

const PRIVATE_CREATED = 'private_incident.incident_created_v2';

/** incident.io severities are named per organisation: read the usual names, medium otherwise. */
function severityOf(name: string | null | undefined): AlertEvent['severity'] {
  const n = name ?? '';
  if (/crit|sev ?[01]\b|p[01]\b|major incident/i.test(n)) return 'critical';
  if (/major|high|sev ?2\b|p2\b/i.test(n)) return 'high';
  if (/minor|low|sev ?[45]\b|p[45]\b/i.test(n)) return 'low';
  return 'medium';
}

function incidentEvent(kind: AlertEvent['kind'], i: Incident, receivedAt: string, note?: string): AlertEvent {
  const title = i.name?.trim() || `incident.io incident ${i.reference ?? i.id}`;
  return {
    source: 'incident-io',
    kind,
    externalId: i.id,
    service: i.incident_type?.id || 'default',
    title,
    description: i.summary?.trim() || `${i.reference ?? i.id}: ${title}`,
    occurredAt: validInstant(i.reported_at) ?? validInstant(i.created_at) ?? receivedAt,
    severity: severityOf(i.severity?.name),
    actor: i.creator?.user?.name ?? i.creator?.workflow?.name ?? i.creator?.api_key?.name ?? 'incident.io',
    ...(note ? { note } : {}),
  };
}

/** One incident.io webhook body as Herald reads it. */
export function readIncidentIo(body: unknown, receivedAt: string): Reading {
  const envelope = parseOrUnmappable(envelopeSchema, body, 'incident.io payload', 'an incident.io payload');
  if (!envelope.ok) return envelope.reading;
  const type = envelope.data.event_type;
  const payload = envelope.data[type];
  const ref = (payload as { id?: unknown; incident?: { id?: unknown } } | undefined) ?? {};
  const id = typeof ref.id === 'string' ? ref.id : typeof ref.incident?.id === 'string' ? ref.incident.id : undefined;
  const summary = [type, id].filter(Boolean).join(' ');
  if (type === PRIVATE_CREATED) {
    const reason =
      'a private incident was declared: incident.io sends only its id, so Herald cannot tell which procedure it needs. Start it by hand if it is a breach (herald incident start / lockout start), then discard this trigger';
    return { kind: 'unmappable', summary, reason };
  }
  if (type === 'public_incident.incident_created_v2') {
    const incident = parseOrUnmappable(incidentSchema, payload, summary, `the incident in this ${type}`);
    if (!incident.ok) return incident.reading;
    const mode = incident.data.mode ?? 'standard';
    if (mode === 'test' || mode === 'tutorial') {
      return { kind: 'ignored', summary, reason: `a ${mode} incident in incident.io starts no procedure` };
    }
    return eventReading(summary, incidentEvent('triggered', incident.data, receivedAt));
  }
  if (type === 'public_incident.incident_status_updated_v2') {
    const update = parseOrUnmappable(statusUpdateSchema, payload, summary, `the status update in this ${type}`);
    if (!update.ok) return update.reading;
    const to = update.data.new_status.category ?? '';
    const from = update.data.previous_status?.category ?? '';
    if (ENDED.includes(to) && !ENDED.includes(from)) {
      const note = `moved to ${update.data.new_status.name ?? to} in incident.io`;
      return eventReading(summary, incidentEvent('resolved', update.data.incident, receivedAt, note));
    }
    const reason = DISMISSED.includes(to)
      ? `${to} in incident.io: a procedure already started continues until closed in Herald (override close-false-positive)`
      : `a status change to ${to || 'an unnamed category'} does not change a procedure`;
    return { kind: 'ignored', summary, reason };
  }
  return {
    kind: 'ignored',
    summary,
    reason: INCIDENT_IO_IGNORED[type] ?? `${type} is not an event type Herald acts on`,
  };
}
