/**
 * The mass notification of the affected people as a child workflow, so the procedure's history
 * holds one child and a few progress signals, not a thousand activities. Email and SMS run side by
 * side, each page by page on its provider's task queue (where Temporal enforces the provider's
 * rate); recipients never travel through history, only page offsets do. The history stays bounded
 * by continuing as new every few pages or when Temporal suggests it.
 */
import {
  ActivityCancellationType,
  condition,
  patched,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ChannelPageResult, FanoutPlan, HeraldActivities } from '../../activities/index.ts';
import type { DataLeakIncident } from '../domain/incident.ts';
import type { AffectedChannelPolicy } from '../domain/policy.ts';
import { BATCH_OPTIONS } from '../procedure/activity-proxies.ts';
import { DEFAULT_RECHECK_MS } from '../procedure/blockages.ts';
import { classifyFailure } from '../procedure/failures.ts';
import { fanoutHoldSignal, fanoutProgressSignal, fanoutRetrySignal } from './fanout-messages.ts';
import type { ChannelTotals, FanoutProgress } from './fanout-messages.ts';

export interface FanoutInput {
  incidentId: string;
  incident: DataLeakIncident;
  /** Receives progress signals. */
  parentWorkflowId: string;
  plan: FanoutPlan;
  /** Totals so far and where each channel goes on (carried across continue-as-new). */
  progress?: FanoutProgress;
  next?: { email: number; sms: number };
  /** Held by the procedure when it was paused (carried across continue-as-new). */
  held?: boolean;
  /** Page activities per run before continuing as new; default 200. */
  pagesPerRun?: number;
  /** Page activities between progress signals; default 5. */
  progressEvery?: number;
  /** Channel policy of the notice; default every channel a person has. */
  channels?: AffectedChannelPolicy;
  /** A page a permanent failure held up is tried again after this long, or at the procedure's retry. */
  recheckMs?: number;
}

const CHANNELS = ['email', 'sms'] as const;
type FanoutChannel = (typeof CHANNELS)[number];

function emptyTotals(): ChannelTotals {
  return { processed: 0, accepted: 0, failed: 0, duplicatesSkipped: 0 };
}

/** Long enough for a page at the slowest configured rate, with room for retries inside it. */
function pageTimeoutMs(plan: FanoutPlan): number {
  return Math.max(30 * 60_000, Math.ceil((3 * 1000 * plan.pageSize) / plan.smsPerSecond));
}

export async function affectedPeopleFanout(input: FanoutInput): Promise<FanoutProgress> {
  const { plan, incidentId, incident } = input;
  const progress: FanoutProgress = input.progress ?? { email: emptyTotals(), sms: emptyTotals() };
  const next = input.next ?? { email: 0, sms: 0 };
  const pagesPerRun = input.pagesPerRun ?? 200;
  const progressEvery = input.progressEvery ?? 5;
  let held = input.held ?? false;
  setHandler(fanoutHoldSignal, ({ hold }) => {
    held = hold;
  });
  let retries = 0;
  setHandler(fanoutRetrySignal, () => {
    retries++;
  });

  // Added after the first release: a cancelled page ends before the child (and the procedure) does.
  const waitForCancelledPages = patched('fanout-wait-cancelled-pages');
  const options = {
    ...BATCH_OPTIONS,
    ...(waitForCancelledPages ? { cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED } : {}),
    startToCloseTimeout: pageTimeoutMs(plan),
    // A page heartbeats every second while it runs (runClaimed), so a killed worker's page is
    // known lost after 5 s and tried again 1 s later, on whichever worker polls.
    heartbeatTimeout: '5 seconds',
    retry: { ...BATCH_OPTIONS.retry, initialInterval: '1 second' },
  };
  const email = proxyActivities<HeraldActivities>({
    ...options,
    ...(plan.emailTaskQueue ? { taskQueue: plan.emailTaskQueue } : {}),
  });
  const sms = proxyActivities<HeraldActivities>({
    ...options,
    ...(plan.smsTaskQueue ? { taskQueue: plan.smsTaskQueue } : {}),
  });
  const parent = getExternalWorkflowHandle(input.parentWorkflowId);

  // Progress is for display and the estimate: a parent that cannot take it must not stop the sends.
  const report = () =>
    parent.signal(fanoutProgressSignal, progress).catch((err: unknown) => {
      log.warn('fan-out progress not delivered to the procedure', { error: String(err) });
    });

  let pagesThisRun = 0;
  let sinceSignal = 0;
  const stopping = () => pagesThisRun >= pagesPerRun || workflowInfo().continueAsNewSuggested;

  const sendPage = (channel: FanoutChannel, offset: number): Promise<ChannelPageResult> => {
    const page = { incidentId, incident, offset, limit: plan.pageSize };
    return channel === 'email'
      ? email.sendAffectedEmailPage({ ...page, perSecond: plan.emailRequestsPerSecond })
      : sms.sendAffectedSmsPage({ ...page, perSecond: plan.smsPerSecond, channels: input.channels ?? 'all' });
  };

  /**
   * A page the world refuses for good (a revoked key, a missing scope) holds its channel, not the
   * child: the procedure hears of it (and pages ops), the page is tried again after the re-check
   * interval or the procedure's retry, and the other channel goes on meanwhile.
   */
  const sendPageOwned = async (channel: FanoutChannel, offset: number): Promise<ChannelPageResult> => {
    for (;;) {
      try {
        const result = await sendPage(channel, offset);
        if (progress.blocked?.[channel]) {
          delete progress.blocked[channel];
          await report();
        }
        return result;
      } catch (err) {
        const failure = classifyFailure(err);
        (progress.blocked ??= {})[channel] = {
          failureType: failure.type,
          cause: failure.message,
          since: new Date(Date.now()).toISOString(),
        };
        await report();
        const seen = retries;
        await condition(() => retries !== seen, input.recheckMs ?? DEFAULT_RECHECK_MS);
      }
    }
  };

  const runChannel = async (channel: FanoutChannel): Promise<void> => {
    if (plan.audience[channel] === 0) {
      next[channel] = plan.total;
      progress[channel].processed = plan.total;
      return;
    }
    while (next[channel] < plan.total && !stopping()) {
      await condition(() => !held);
      const result = await sendPageOwned(channel, next[channel]);
      next[channel] += plan.pageSize;
      const totals = progress[channel];
      totals.processed = Math.min(plan.total, next[channel]);
      totals.accepted += result.accepted;
      totals.failed += result.failed;
      totals.duplicatesSkipped += result.duplicatesSkipped;
      pagesThisRun++;
      if (++sinceSignal >= progressEvery) {
        sinceSignal = 0;
        await report();
      }
    }
  };

  await Promise.all(CHANNELS.map(runChannel));
  if (CHANNELS.some((channel) => next[channel] < plan.total)) {
    await report();
    return continueAsNew<typeof affectedPeopleFanout>({ ...input, progress, next, held });
  }
  return progress;
}
