/**
 * The mapping layer between incident tools and procedures: every tool's webhook becomes one
 * AlertEvent; the routes file says which procedure a tool's service starts and with which
 * defaults for what the tool cannot know (a lockout's cause and surfaces, a leak's CRM scope).
 */
import { z } from 'zod';
import { dataLeakIncidentSchema } from '../../../workflows/domain/incident.ts';
import type { Severity } from '../../../workflows/domain/incident.ts';
import { lockoutIncidentSchema } from '../../../workflows/domain/lockout.ts';

/** The incident tools Herald takes webhooks from; each is a route-key prefix and a business-id prefix. */
export const ALERT_SOURCES = ['pagerduty', 'opsgenie', 'incident-io'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** How each tool is named as the reporter of the incidents it triggers. */
export const SOURCE_NAMES: Readonly<Record<AlertSource, string>> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'incident-io': 'incident.io',
};

/** What happened in the incident tool, in its own words normalised. */
export interface AlertEvent {
  source: AlertSource;
  kind: 'triggered' | 'acknowledged' | 'resolved' | 'other';
  /** The tool's incident or alert id: the procedure's business id derives from it. */
  externalId: string;
  /** The tool's service (PagerDuty service id, Opsgenie entity, incident.io incident type id): picks the route. */
  service: string;
  title: string;
  description: string;
  /** When the tool saw it: the procedure's awareness time. */
  occurredAt: string;
  severity: Severity;
  /** Who acted in the tool (for acknowledged/resolved). */
  actor: string;
  /** A resolution note, when the tool carries one. */
  note?: string;
}

/** Defaults a route supplies to a lockout: everything but id, time, title, description and reporter. */
const lockoutDefaults = lockoutIncidentSchema.omit({
  lockoutId: true,
  detectedAt: true,
  title: true,
  description: true,
  reporter: true,
  severity: true,
});
const dataLeakDefaults = dataLeakIncidentSchema.omit({
  incidentId: true,
  detectedAt: true,
  title: true,
  description: true,
  reporter: true,
  severity: true,
});

export const alertRouteSchema = z.discriminatedUnion('procedure', [
  z.object({ procedure: z.literal('lockout'), defaults: lockoutDefaults }),
  z.object({ procedure: z.literal('data-leak'), defaults: dataLeakDefaults }),
]);
export type AlertRoute = z.infer<typeof alertRouteSchema>;

/** `"<source>:<service>"` → route; `"<source>:*"` for every other service of a tool. */
export const alertRoutesSchema = z.record(
  z
    .string()
    .regex(
      new RegExp(`^(${ALERT_SOURCES.join('|')}):[^\\s]+$`),
      `keys are "<${ALERT_SOURCES.join('|')}>:<service id or *>"`,
    ),
  alertRouteSchema,
);
export type AlertRoutes = z.infer<typeof alertRoutesSchema>;

export function routeFor(routes: AlertRoutes, event: AlertEvent): AlertRoute | undefined {
  return routes[`${event.source}:${event.service}`] ?? routes[`${event.source}:*`];
}

/** The business id a tool's incident becomes, e.g. `pagerduty-PT4KHLK`. */
export function businessIdFor(event: AlertEvent): string {
  return `${event.source}-${event.externalId}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 64);
}
