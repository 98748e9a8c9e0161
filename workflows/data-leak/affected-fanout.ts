/**
 * The mass notification of the affected people as a child workflow, so the procedure's history
 * holds one child and a few progress signals, not a thousand activities. Email and SMS run side by
 * side, each page by page on its provider's task queue (paced to the provider account's rate,
 * which every page shares); recipients never travel through history, only page offsets do. The
 * history stays bounded by continuing as new every few pages or when Temporal suggests it.
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
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { ChannelPageResult, FanoutPlan, HeraldActivities, LaterRun } from '../../activities/index.ts';
import type { DataLeakIncident } from '../domain/incident.ts';
import type { AffectedChannelPolicy } from '../domain/policy.ts';
import { BATCH_OPTIONS } from '../procedure/activity-proxies.ts';
import { DEFAULT_RECHECK_MS } from '../procedure/blockages.ts';
import { classifyFailure } from '../procedure/failures.ts';
import { fanoutHoldSignal, fanoutProgressSignal, fanoutRetrySignal } from './fanout-messages.ts';
import type { ChannelTotals, FanoutProgress, SmsBounds } from './fanout-messages.ts';

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
  /**
   * Quiet hours apply to the SMS, within these bounds (set by procedures since quiet hours; absent:
   * every SMS goes at once).
   */
  smsBounds?: SmsBounds;
  /** Pages with people waiting for their morning or a dead attempt's lease (carried across continue-as-new). */
  waiting?: WaitingPage[];
}

/** A page run again once its first waiting recipient's quiet hours (or an earlier attempt's lease) end. */
interface WaitingPage {
  /** An email page (its people waited for a dead attempt's lease); absent: an SMS page. */
  channel?: 'email';
  offset: number;
  /** When the page's first waiting recipient may be reached (ISO). */
  at: string;
  /** The run of the page due then (1 = the first run after the page's own). */
  round: number;
  /** How many waited, and the page's counts when they did (a later run reports the whole page). */
  people: number;
  accepted: number;
  failed: number;
  /** Of `people`, those an earlier attempt still held, not waiting for their morning. */
  held?: number;
}

const CHANNELS = ['email', 'sms'] as const;
type FanoutChannel = (typeof CHANNELS)[number];
/** A page's outcome, with the people it left to a later run of the page. */
type PageOutcome = ChannelPageResult & LaterRun;

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
  // Added after the first release: each channel's page times, for the estimate's recent rate.
  const reportPace = patched('fanout-progress-pace');
  // Added after the first release: an email page may leave a dead attempt's people to a later run.
  const emailLaterRuns = patched('fanout-email-later-runs');
  // Added after the first release: two SMS pages run at once.
  const overlapSmsPages = patched('fanout-sms-pages-overlap');
  const options = {
    ...BATCH_OPTIONS,
    ...(waitForCancelledPages ? { cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED } : {}),
    startToCloseTimeout: pageTimeoutMs(plan),
    // A page heartbeats every second while it runs (runClaimed) and the worker sends every
    // heartbeat within a second (workers/create-worker.ts), so a killed worker's page is known
    // lost 2-3 s after its last heartbeat and tried again half a second later, on whichever worker
    // polls. Only the timeouts changed (from 5 s and 1 s): the commands are the same, so no patch.
    heartbeatTimeout: '3 seconds',
    retry: { ...BATCH_OPTIONS.retry, initialInterval: '500 milliseconds' },
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

  const waiting = input.waiting ?? [];
  // A text that waits must land before the bounds even if every waiting text goes at once then.
  const leadMs = Math.ceil((1000 * plan.audience.sms) / plan.smsPerSecond);
  const quietFor = (bounds: SmsBounds) => ({ ...bounds, decidedAt: new Date(Date.now()).toISOString(), leadMs });

  const sendPage = (channel: FanoutChannel, offset: number, round = 0): Promise<PageOutcome> => {
    const page = { incidentId, incident, offset, limit: plan.pageSize, ...(round > 0 ? { round } : {}) };
    return channel === 'email'
      ? email.sendAffectedEmailPage({
          ...page,
          perSecond: plan.emailRequestsPerSecond,
          ...(emailLaterRuns ? { laterRun: true } : {}),
        })
      : sms.sendAffectedSmsPage({
          ...page,
          perSecond: plan.smsPerSecond,
          channels: input.channels ?? 'all',
          ...(input.smsBounds ? { quiet: quietFor(input.smsBounds) } : {}),
        });
  };

  /** Keeps the page for a later run when some of its people wait; shows who waits for a text until when. */
  const noteWaiting = (channel: FanoutChannel, offset: number, round: number, result: PageOutcome): void => {
    if (result.deferred && result.resumeAt) {
      const { deferred: people, resumeAt: at, held } = result;
      const page = { offset, at, round, people, ...countsOf(result), ...(held ? { held } : {}) };
      waiting.push(channel === 'email' ? { channel, ...page } : page);
    }
    // Email pages wait only for a dead attempt's lease (seconds): the progress shows the SMS.
    const texts = waiting.filter((w) => w.channel !== 'email');
    if (texts.length === 0) {
      delete progress.waiting;
      return;
    }
    const held = texts.reduce((n, w) => n + (w.held ?? 0), 0);
    progress.waiting = {
      people: texts.reduce((n, w) => n + w.people, 0),
      until: texts.map((w) => w.at).reduce((a, b) => (a > b ? a : b)),
      ...(held > 0 ? { held } : {}),
    };
  };

  /**
   * A page the world refuses for good (a revoked key, a missing scope) holds its channel, not the
   * child: the procedure hears of it (and pages ops), the page is tried again after the re-check
   * interval or the procedure's retry, and the other channel goes on meanwhile.
   */
  const sendPageOwned = async (channel: FanoutChannel, offset: number, round = 0): Promise<PageOutcome> => {
    for (;;) {
      try {
        const result = await sendPage(channel, offset, round);
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
    // Two SMS pages at once: the next one sends while the last one ends (its last sends, ledger,
    // audit, and the workflow's turn before another page), each worker keeping its SMS in flight
    // at the configured number (activities/mass-notification/send-slots.ts). A page is one
    // SendGrid request, so email keeps one page at a time.
    const ahead = channel === 'sms' && overlapSmsPages ? 2 : 1;
    const running = new Map<number, Promise<void>>();
    const runPage = async (offset: number): Promise<void> => {
      const result = await sendPageOwned(channel, offset);
      running.delete(offset);
      const totals = progress[channel];
      // Pages done × page size: each page counts once it ends, in whatever order two pages end, so
      // the estimate's recent rate moves a page at a time.
      totals.processed = Math.min(plan.total, totals.processed + Math.min(plan.pageSize, plan.total - offset));
      if (reportPace) markPace(totals);
      totals.accepted += result.accepted;
      totals.failed += result.failed;
      totals.duplicatesSkipped += result.duplicatesSkipped;
      noteWaiting(channel, offset, 1, result);
      pagesThisRun++;
      if (++sinceSignal >= progressEvery) {
        sinceSignal = 0;
        await report();
      }
    };
    while (next[channel] < plan.total && !stopping()) {
      await condition(() => !held);
      const offset = next[channel];
      next[channel] += plan.pageSize;
      const page = runPage(offset);
      // Awaited below; a page that fails while the other is awaited is not an unhandled rejection.
      page.catch(() => undefined);
      running.set(offset, page);
      if (running.size >= ahead) await Promise.race(running.values());
    }
    // Continuing as new (or the waiting pages) carries on from `next`: every page before it ends first.
    await Promise.all(running.values());
  };

  /**
   * The pages with people waiting for their morning or a dead attempt's lease: a durable timer until
   * the first may go, then that page again (those still in their night wait on; the ledger skips
   * whoever was reached). Only the people newly reached count: a later run reports the page's
   * earlier sends again.
   */
  const runWaiting = async (): Promise<void> => {
    while (waiting.length > 0 && !stopping()) {
      const first = waiting.reduce((a, b) => (a.at <= b.at ? a : b));
      const left = Date.parse(first.at) - Date.now();
      if (left > 0) {
        // The procedure's estimate counts the waiting before the night starts, not after it.
        await report();
        await sleep(left);
      }
      await condition(() => !held);
      waiting.splice(waiting.indexOf(first), 1);
      const channel = first.channel ?? 'sms';
      const result = await sendPageOwned(channel, first.offset, first.round);
      progress[channel].accepted += Math.max(0, result.accepted - first.accepted);
      progress[channel].failed += Math.max(0, result.failed - first.failed);
      noteWaiting(channel, first.offset, first.round + 1, result);
      pagesThisRun++;
      await report();
    }
  };

  await Promise.all(CHANNELS.map(runChannel));
  if (CHANNELS.every((channel) => next[channel] >= plan.total)) await runWaiting();
  if (CHANNELS.some((channel) => next[channel] < plan.total) || waiting.length > 0) {
    await report();
    // Pages wait for quiet hours, or for a dead attempt's lease on some of their people.
    const carried = input.smsBounds || waiting.length > 0 ? { waiting } : {};
    return continueAsNew<typeof affectedPeopleFanout>({ ...input, progress, next, held, ...carried });
  }
  return progress;
}

/** The channel's pages moved on now; its first page's mark stays (across continue-as-new too). */
function markPace(totals: ChannelTotals): void {
  const at = new Date(Date.now()).toISOString();
  totals.pace = { first: totals.pace?.first ?? { at, processed: totals.processed }, at };
}

function countsOf(result: ChannelPageResult): { accepted: number; failed: number } {
  return { accepted: result.accepted, failed: result.failed };
}
