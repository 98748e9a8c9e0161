/**
 * The plan of a mass notification, read once by the workflow: audience per channel, the batch
 * size, where the batches run and the rates the deadline estimate is made from. The workflow
 * cannot read configuration itself; the worker that runs this knows it.
 */
import type { AffectedChannelPolicy } from '../../workflows/domain/policy.ts';
import type { ActivityDeps } from '../deps.ts';
import { EMAIL_BATCH_LIMIT } from '../ports.ts';
import { DEFAULT_FANOUT } from './settings.ts';

export interface FanoutPlan {
  total: number;
  /** People with an email address / with a phone number. */
  audience: { email: number; sms: number };
  pageSize: number;
  /** Task queues of the provider workers; absent: the procedure's own. */
  emailTaskQueue?: string;
  smsTaskQueue?: string;
  smsPerSecond: number;
  emailRequestsPerSecond: number;
  /** The providers report bounces and undelivered messages back (signed callbacks are on). */
  deliveryReports?: boolean;
}

export async function planAffectedFanout(
  deps: ActivityDeps,
  input: { incidentId: string; channels?: AffectedChannelPolicy },
): Promise<FanoutPlan> {
  const settings = deps.fanout ?? DEFAULT_FANOUT;
  const [total, audience] = await Promise.all([
    deps.recipients.count(input.incidentId),
    deps.recipients.countChannels(input.incidentId),
  ]);
  return {
    total,
    audience: {
      email: audience.email,
      sms: input.channels === 'email-first' ? audience.smsOnly : audience.sms,
    },
    pageSize: Math.min(EMAIL_BATCH_LIMIT, Math.max(1, settings.pageSize)),
    ...(settings.emailTaskQueue ? { emailTaskQueue: settings.emailTaskQueue } : {}),
    ...(settings.smsTaskQueue ? { smsTaskQueue: settings.smsTaskQueue } : {}),
    smsPerSecond: settings.smsPerSecond,
    emailRequestsPerSecond: settings.emailRequestsPerSecond,
    deliveryReports: settings.deliveryReports === true && deps.deliveryStatus !== undefined,
  };
}
