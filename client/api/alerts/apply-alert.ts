/**
 * One AlertEvent applied to its procedure: `triggered` starts it (or reaches the running one: the
 * business id comes from the tool's incident id, so a redelivered webhook changes nothing),
 * `acknowledged` acknowledges it as the tool's user, `resolved` resolves a lockout. What cannot
 * apply is answered, not failed, so the tool does not redeliver it forever; a trigger Herald cannot
 * start yet (no route, invalid route defaults) is `pending`: the caller keeps it and retries.
 * Temporal's own errors (unreachable, deadline) are thrown: the caller keeps the trigger too.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { dataLeakHandle, act, startDataLeak } from '../../data-leak-client.ts';
import { actOnLockout, lockoutHandle, startLockout } from '../../lockout-client.ts';
import { ActionRejectedError, InvalidInputError } from '../../procedure-client.ts';
import type { AlertEvent, AlertRoutes } from './alert-event.ts';
import { businessIdFor, routeFor, SOURCE_NAMES } from './alert-event.ts';

/** What applying an event did; `pending`: not yet, the reason says what is missing. */
export const ALERT_OUTCOMES = ['started', 'reached', 'acknowledged', 'resolved', 'ignored', 'pending'] as const;

export interface AlertOutcome {
  outcome: (typeof ALERT_OUTCOMES)[number];
  procedure?: 'lockout' | 'data-leak';
  workflowId?: string;
  reason?: string;
}

export async function applyAlert(
  client: Client,
  taskQueue: string,
  routes: AlertRoutes,
  event: AlertEvent,
): Promise<AlertOutcome> {
  const route = routeFor(routes, event);
  if (!route) {
    const key = `${event.source}:${event.service}`;
    // A trigger nobody routed may be the breach: keep it. Acks and resolutions have nothing to reach.
    return event.kind === 'triggered'
      ? {
          outcome: 'pending',
          reason: `no route for ${key}: add "${key}" or "${event.source}:*" to HERALD_ALERT_ROUTES_FILE`,
        }
      : { outcome: 'ignored', reason: `no route for ${key}` };
  }
  const id = businessIdFor(event);
  const procedure = route.procedure;
  const actor = { id: `${event.source}:${event.actor}`.slice(0, 120), role: 'responder' as const };
  const base = {
    detectedAt: event.occurredAt,
    title: event.title,
    description: event.description,
    severity: event.severity,
    reporter: { name: SOURCE_NAMES[event.source] },
  };
  try {
    switch (event.kind) {
      case 'triggered': {
        const started =
          route.procedure === 'lockout'
            ? await startLockout(client, { incident: { ...route.defaults, ...base, lockoutId: id } }, taskQueue)
            : await startDataLeak(client, { incident: { ...route.defaults, ...base, incidentId: id } }, taskQueue);
        return { outcome: started.started ? 'started' : 'reached', procedure, workflowId: started.workflowId };
      }
      case 'acknowledged': {
        const note = `acknowledged in ${event.source}`;
        if (route.procedure === 'lockout')
          await actOnLockout(lockoutHandle(client, id), 'acknowledge', { actor, note });
        else await act(dataLeakHandle(client, id), 'acknowledge', { actor, note });
        return { outcome: 'acknowledged', procedure };
      }
      case 'resolved': {
        if (route.procedure !== 'lockout') {
          return {
            outcome: 'ignored',
            procedure,
            reason: 'a data-leak procedure ends through its legal milestones, not when the pager incident closes',
          };
        }
        const rootCause = (event.note ?? `resolved in ${event.source} by ${event.actor}`).padEnd(10, '.');
        await actOnLockout(lockoutHandle(client, id), 'resolve', { actor, rootCause });
        return { outcome: 'resolved', procedure };
      }
      case 'other':
        return { outcome: 'ignored', procedure, reason: 'event type not mapped' };
    }
  } catch (err) {
    // The route's defaults do not make a valid trigger: kept until the routes file is fixed.
    if (err instanceof InvalidInputError) {
      return {
        outcome: 'pending',
        procedure,
        reason: `the route for ${event.source}:${event.service} makes no valid trigger: ${err.message}`,
      };
    }
    // Already acknowledged or resolved, or ended: the tool's news changes nothing here.
    if (err instanceof ActionRejectedError) return { outcome: 'ignored', procedure, reason: err.message };
    // Acknowledged or resolved in the tool before Herald was told of the incident.
    if (err instanceof WorkflowNotFoundError)
      return { outcome: 'ignored', procedure, reason: 'no procedure for this incident' };
    throw err;
  }
}
