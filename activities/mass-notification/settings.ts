/** How a deployment sends mass notifications: provider task queues and provider rates. */
import type { QuietHoursPolicy } from '../local-time/quiet-hours.ts';

export interface FanoutSettings {
  /**
   * Task queues polled by the provider workers (rate-limited by Temporal); absent: the batches run
   * on the procedure's own task queue.
   */
  emailTaskQueue?: string;
  smsTaskQueue?: string;
  /** SMS this deployment may send per second (the Twilio sender's throughput). */
  smsPerSecond: number;
  /** SendGrid mail/send requests per second (each carries up to 1,000 recipients). */
  emailRequestsPerSecond: number;
  /** SMS requests in flight at once on one worker process, shared by every page it runs (send-slots.ts). */
  smsConcurrency: number;
  /** Recipients per batch activity (and per SendGrid request); at most 1,000. */
  pageSize: number;
  /**
   * The provider accounts the channels send through: every page sending through one account shares
   * its rate (store/provider-rates.ts). Default: one account per channel.
   */
  rateAccounts?: { email: string; sms: string };
  /** Signed delivery callbacks reach this deployment, so bounces can go to the next channel. */
  deliveryReports?: boolean;
  /**
   * The adapters' deadline per call. After an ambiguous failure a send is looked up no sooner than
   * this: a request the client gave up on may still be on its way to the provider.
   */
  providerTimeoutMs?: number;
  /**
   * How long a page attempt's claim on its recipients lasts without renewal (see
   * fencing/claim-timings.ts); default two provider calls, and no shorter.
   */
  claimLeaseMs?: number;
  /**
   * Quiet hours of the affected people's SMS, per jurisdiction (the worker sets them from
   * HERALD_SMS_QUIET_HOURS, default 21:00–08:00 local); absent: no SMS waits.
   */
  quietHours?: QuietHoursPolicy;
}

export const DEFAULT_FANOUT: FanoutSettings = {
  smsPerSecond: 30,
  emailRequestsPerSecond: 10,
  smsConcurrency: 16,
  pageSize: 1000,
};
