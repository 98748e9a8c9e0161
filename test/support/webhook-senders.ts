/** Requests as each incident tool sends them: signed (PagerDuty, incident.io) or with a bearer token (Opsgenie). */
import { createHmac, randomUUID } from 'node:crypto';
import type { AlertSource } from '../../client/api/alerts/alert-event.ts';
import { signStandardWebhook } from '../../client/api/alerts/standard-webhooks.ts';

export interface SenderSecrets {
  pagerDuty: string;
  incidentIo: string;
  /** The Opsgenie integration's bearer token. */
  opsgenieToken: string;
}

export const WEBHOOK_PATHS: Readonly<Record<AlertSource, string>> = {
  pagerduty: '/v1/webhooks/pagerduty',
  opsgenie: '/v1/webhooks/opsgenie',
  'incident-io': '/v1/webhooks/incident-io',
};

/** Headers for `raw` from `source`; `deliveryId` is what the tool would repeat on a redelivery. */
export function toolHeaders(
  source: AlertSource,
  raw: string,
  secrets: SenderSecrets,
  deliveryId: string = randomUUID(),
  at: Date = new Date(),
): Record<string, string> {
  const json = { 'Content-Type': 'application/json' };
  switch (source) {
    case 'pagerduty':
      return {
        ...json,
        'X-Webhook-Id': deliveryId,
        'X-PagerDuty-Signature': `v1=${createHmac('sha256', secrets.pagerDuty).update(raw).digest('hex')}`,
      };
    case 'opsgenie':
      return { ...json, Authorization: `Bearer ${secrets.opsgenieToken}` };
    case 'incident-io':
      return {
        ...json,
        'webhook-id': deliveryId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signStandardWebhook(secrets.incidentIo, deliveryId, at, raw),
      };
  }
}

/** A minimal PagerDuty v3 `incident.triggered` body for the incident `id` on service PSVC1. */
export const pagerDutyTriggered = (id: string, occurredAt = '2026-12-01T09:00:00Z'): string =>
  JSON.stringify({
    event: {
      id: `EV-${id}`,
      event_type: 'incident.triggered',
      resource_type: 'incident',
      occurred_at: occurredAt,
      agent: null,
      data: { id, type: 'incident', title: 'Salesforce sync failing', service: { id: 'PSVC1' }, urgency: 'high' },
    },
  });
