/**
 * Opsgenie alert webhooks (the Webhook integration's "alert action data"): `Create` starts,
 * `Acknowledge` acknowledges, `Close` resolves; every other documented action (and a custom action,
 * whose `action` is its own name) is answered as ignored with the reason. Opsgenie sends no
 * delivery id, so a redelivery is recognised by its body (see webhook-sources.ts).
 */
import { z } from 'zod';
import type { AlertEvent } from './alert-event.ts';
import type { Reading } from './reading.ts';
import { eventReading, parseOrUnmappable, validInstant } from './reading.ts';

const bodySchema = z.object({
  action: z.string().min(1),
  alert: z.object({
    alertId: z.string().min(1),
    message: z.string().nullish(),
    description: z.string().nullish(),
    priority: z.string().nullish(),
    /** Milliseconds since the epoch. */
    createdAt: z.number().nullish(),
    entity: z.string().nullish(),
    username: z.string().nullish(),
    note: z.string().nullish(),
  }),
  integrationName: z.string().nullish(),
});

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

/** Why each documented action Herald does not act on changes nothing. */
export const OPSGENIE_IGNORED: Readonly<Record<string, string>> = {
  UnAcknowledge: 'an unacknowledged alert in Opsgenie does not undo the acknowledgement Herald recorded',
  AddNote: 'a note added in Opsgenie does not change a procedure',
  AddTags: 'tags do not change a procedure',
  RemoveTags: 'tags do not change a procedure',
  AddTeam: 'Opsgenie teams do not change a procedure: Herald pages its own on-call ladder',
  AddRecipient: 'Opsgenie recipients do not change a procedure: Herald pages its own on-call ladder',
  AssignOwnership: 'ownership in Opsgenie does not change a procedure',
  TakeOwnership: 'ownership in Opsgenie does not change a procedure',
  Escalate: 'Opsgenie escalations do not change a procedure: Herald escalates on its own clock',
  Delete:
    'a deleted Opsgenie alert does not end a procedure: close it in Herald (override close-false-positive) if it was no incident',
  UpdatePriority: 'a priority change after the trigger does not change a running procedure',
  UpdateDescription: 'a description change after the trigger does not change a running procedure',
  UpdateMessage: 'a message change after the trigger does not change a running procedure',
};

/** One Opsgenie alert webhook body as Herald reads it. */
export function readOpsgenie(body: unknown, receivedAt: string): Reading {
  const parsed = parseOrUnmappable(bodySchema, body, 'Opsgenie payload', 'an Opsgenie alert action');
  if (!parsed.ok) return parsed.reading;
  const { action, alert: a, integrationName } = parsed.data;
  const summary = `${action} ${a.alertId}`;
  const kind = KINDS[action];
  if (kind === undefined) {
    const reason = OPSGENIE_IGNORED[action] ?? `the custom action ${action} is not one Herald acts on`;
    return { kind: 'ignored', summary, reason };
  }
  const title = a.message?.trim() || `Opsgenie alert ${a.alertId}`;
  return eventReading(summary, {
    source: 'opsgenie',
    kind,
    externalId: a.alertId,
    // The sample payloads carry an empty entity: the integration's name routes then.
    service: a.entity?.trim() || integrationName?.trim() || 'default',
    title,
    description: a.description?.trim() || title,
    occurredAt: validInstant(a.createdAt) ?? receivedAt,
    severity: SEVERITY[a.priority ?? 'P3'] ?? 'medium',
    actor: a.username ?? 'Opsgenie',
    ...(a.note ? { note: a.note } : {}),
  });
}
