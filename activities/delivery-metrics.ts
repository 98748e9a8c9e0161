/**
 * Herald's delivery counter on the worker's metrics endpoint (Prometheus, with the SDK's own):
 * `herald_deliveries` by channel, outcome and milestone kind. A no-op outside an activity.
 */
import { Context } from '@temporalio/activity';
import type { Channel } from '../workflows/domain/contacts.ts';
import type { DeliveryOutcome } from './deliver-once.ts';

export function countDelivery(channel: Channel, outcome: DeliveryOutcome, milestone: string): void {
  let meter;
  try {
    meter = Context.current().metricMeter;
  } catch {
    return; // not in an activity (a script calling the sender directly)
  }
  meter
    .createCounter('herald_deliveries', 'messages', 'Messages by channel and outcome (sent, already-sent, failed)')
    .add(1, { channel, outcome, milestone: milestone.split(':')[0] ?? milestone });
}
