/**
 * The affected people's notice (GDPR Art. 34) as a mass notification: a child workflow sends
 * the pages, this track keeps the estimate of when it will finish against the milestone's
 * deadline, escalates the moment the estimate passes it (not once it is missed), forwards pauses
 * and cancels the child when the milestone is skipped.
 */
import {
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { FanoutPlan, FollowUpResult } from '../../activities/index.ts';
import { deliveryCounts } from '../domain/delivery.ts';
import { observedEstimate, plannedEstimate, withWaiting } from '../domain/fanout-estimate.ts';
import type { FanoutEstimate } from '../domain/fanout-estimate.ts';
import { EMAIL_RECIPIENT_COST, recentEstimate, withMark } from '../domain/fanout-pace.ts';
import type { PaceMark } from '../domain/fanout-pace.ts';
import { awaitedLater } from '../procedure/background.ts';
import { watchDeadline } from '../procedure/deadline-watch.ts';
import { affectedPeopleFanout } from './affected-fanout.ts';
import type { ProcedureContext } from './context.ts';
import { activities, batchActivities } from './context.ts';
import { fanoutHoldSignal, fanoutProgressSignal, fanoutRetrySignal } from './fanout-messages.ts';
import type { ChannelTotals, FanoutProgress, SmsBounds } from './fanout-messages.ts';
import { completeMilestone, milestone } from './state.ts';
import { meetHeraldClock } from './herald-clocks.ts';

export async function runAffectedPeopleFanout(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const affected = () => milestone(state, 'affected-people');
  const skipped = () => affected().state === 'skipped';
  await ctx.gate('affected-people');
  if (skipped()) return;

  const plan = await activities.planAffectedFanout({ incidentId: ctx.incidentId, channels: state.affectedChannels });
  const startedMs = Date.now();
  // "Without undue delay" gets a concrete internal deadline the estimate can be held against.
  affected().dueAt ??= new Date(startedMs + state.timing.affectedPeopleTargetMs).toISOString();
  const dueAt = affected().dueAt;
  const setEstimate = (estimate: FanoutEstimate) => {
    state.status.affectedPeople.estimate = estimate;
    ctx.publish();
  };
  setEstimate(plannedEstimate(plan, startedMs, dueAt));
  await ctx.audit('affected.fanout-started', 'herald', {
    total: plan.total,
    audience: plan.audience,
    pageSize: plan.pageSize,
    rates: { smsPerSecond: plan.smsPerSecond, emailRequestsPerSecond: plan.emailRequestsPerSecond },
    dueAt,
    estimate: state.status.affectedPeople.estimate,
  });

  let done = false;
  // Added after the first release: the estimate from the recent rate, where the child reports it.
  const recentRate = patched('fanout-estimate-recent-rate');
  // Added after the first release: channels below their providers' ceilings finish together.
  const sharedCapacity = recentRate && patched('fanout-estimate-shared-capacity');
  // Added after the first release: an email recipient costs that capacity less than an SMS one.
  const emailCost = sharedCapacity && patched('fanout-estimate-channel-costs') ? EMAIL_RECIPIENT_COST : 1;
  const marks: Record<'email' | 'sms', PaceMark[]> = { email: [], sms: [] };
  setHandler(fanoutProgressSignal, async (progress) => {
    state.status.affectedPeople.notified = notifiedOf(plan, progress);
    const now = Date.now();
    const paced = recentRate && (progress.email.pace !== undefined || progress.sms.pace !== undefined);
    let estimate: FanoutEstimate;
    if (paced) {
      for (const channel of ['email', 'sms'] as const) marks[channel] = markedPace(marks[channel], progress[channel]);
      estimate = recentEstimate(plan, startedMs, now, marks, dueAt, { sharedCapacity, emailCost });
    } else {
      const processed = { email: progress.email.processed, sms: progress.sms.processed };
      estimate = observedEstimate(plan, startedMs, now, processed, dueAt);
    }
    setEstimate(withWaiting(estimate, plan, progress.waiting));
    await showBlockedChannels(ctx, progress);
  });
  const tasks = [escalateWhenAtRisk(ctx, () => done), watchDeadline(ctx, 'affected-people')].map(awaitedLater);

  // The bounds of the notice's SMS, kept for its follow-up: the pending legal deadlines as the notice
  // goes out (its own clock is met once the pages are sent, not once everyone got their message).
  const smsBounds = smsBoundsOf(state, dueAt);
  const scope = new CancellationScope();
  // A business id (like the procedure's): one mass notification per incident.
  const childId = `affected-people:${ctx.incidentId}`;
  let result: FanoutProgress;
  try {
    result = await scope.run(async () => {
      const child = await startChild(affectedPeopleFanout, {
        workflowId: childId,
        args: [
          {
            incidentId: ctx.incidentId,
            incident: state.incident,
            parentWorkflowId: workflowInfo().workflowId,
            plan,
            channels: state.affectedChannels,
            recheckMs: state.timing.blockedRecheckMs,
            // Added after the first release: SMS wait for the recipients' morning where the bounds allow.
            ...(patched('fanout-sms-quiet-hours') ? { smsBounds } : {}),
          },
        ],
      });
      tasks.push(
        awaitedLater(
          forwardRetries(
            ctx,
            () => done,
            () => child.signal(fanoutRetrySignal),
          ),
        ),
      );
      tasks.push(
        awaitedLater(
          forwardPauses(
            ctx,
            () => done,
            (hold) => child.signal(fanoutHoldSignal, { hold }),
          ),
        ),
      );
      tasks.push(
        awaitedLater(
          condition(() => done || skipped()).then(() => {
            if (skipped()) scope.cancel();
          }),
        ),
      );
      return child.result();
    });
  } catch (err) {
    done = true;
    if (isCancellation(err) && skipped()) {
      await ctx.audit('affected.fanout-cancelled', 'herald', { reason: affected().note ?? 'skipped' });
      return;
    }
    throw err;
  }
  done = true;
  const reached = await activities.countAffectedReached({ incidentId: ctx.incidentId });
  const email = channelCounts(result.email);
  const sms = channelCounts(result.sms);
  ctx.addDeliveries({ email, sms, reached });
  state.status.affectedPeople.notified = plan.total;
  completeMilestone(state, 'affected-people', Date.now());
  await meetHeraldClock(ctx, 'gdpr:art34:individuals', Date.now());
  await ctx.audit('milestone.affected-people.notified', 'herald', {
    total: plan.total,
    reached,
    email,
    sms,
    childWorkflowId: childId,
    deliveries: state.status.deliveries,
  });
  ctx.publish();
  await Promise.all(tasks);
  if (plan.deliveryReports) await followUp(ctx, smsBounds);
}

/**
 * Once the providers reported back: the next channel for whoever the first did not reach. A
 * follow-up SMS due in its recipient's night waits for their morning where the bounds allow: a
 * durable timer until the first may go, then the follow-up again (the ledger skips whoever an
 * earlier run reached), until nobody waits.
 */
async function followUp(ctx: ProcedureContext, smsBounds: SmsBounds): Promise<void> {
  const { state } = ctx;
  await sleep(state.timing.deliveryReportWindowMs);
  // Added after the first release: the follow-up SMS honours quiet hours like the notice's own.
  const quiet = patched('follow-up-sms-quiet-hours');
  for (let round = 0; ; round++) {
    const result = await batchActivities.followUpAffectedDeliveries({
      incidentId: ctx.incidentId,
      incident: state.incident,
      ...(quiet ? { quiet: { ...smsBounds, decidedAt: new Date(Date.now()).toISOString() } } : {}),
      ...(round > 0 ? { round } : {}),
    });
    const earlier = state.status.affectedPeople.followUp;
    state.status.affectedPeople.followUp = round > 0 && earlier ? followUpSoFar(earlier, result) : result;
    ctx.addDeliveries({
      email: { accepted: result.resent.email, failed: 0, duplicatesSkipped: 0 },
      sms: { accepted: result.resent.sms, failed: 0, duplicatesSkipped: 0 },
      reached: result.resent.email + result.resent.sms,
    });
    await ctx.audit('affected.next-channel', 'herald', { ...result, ...(round > 0 ? { round } : {}) });
    ctx.publish();
    if (!quiet || result.waiting === undefined) return;
    const left = Date.parse(result.waiting.resumeAt) - Date.now();
    if (left > 0) await sleep(left, { summary: 'follow-up SMS waits for the end of quiet hours' });
  }
}

/**
 * The follow-up's totals after a later run: each run counts the failures and the unreachable anew
 * (over every failed delivery), but only its own resends (the ledger skips what earlier runs sent).
 */
function followUpSoFar(earlier: FollowUpResult, latest: FollowUpResult): FollowUpResult {
  return {
    ...latest,
    resent: { email: earlier.resent.email + latest.resent.email, sms: earlier.resent.sms + latest.resent.sms },
  };
}

function channelCounts(totals: ChannelTotals): { accepted: number; failed: number; duplicatesSkipped: number } {
  return { accepted: totals.accepted, failed: totals.failed, duplicatesSkipped: totals.duplicatesSkipped };
}

/** The channel's marks with its latest report: its first page's mark seeds them. */
function markedPace(marks: readonly PaceMark[], totals: ChannelTotals): PaceMark[] {
  const pace = totals.pace;
  if (!pace) return [...marks];
  const seeded = marks.length > 0 ? marks : [{ atMs: Date.parse(pace.first.at), processed: pace.first.processed }];
  return withMark(seeded, { atMs: Date.parse(pace.at), processed: totals.processed });
}

/** People done on every channel they are sent on (the slowest channel). */
function notifiedOf(plan: FanoutPlan, progress: FanoutProgress): number {
  const used = (['email', 'sms'] as const).filter((c) => plan.audience[c] > 0);
  return used.length === 0 ? plan.total : Math.min(...used.map((c) => progress[c].processed));
}

/** Once: the estimate passes the deadline while the fan-out runs → the deadline escalation group. */
async function escalateWhenAtRisk(ctx: ProcedureContext, finished: () => boolean): Promise<void> {
  const estimate = () => ctx.state.status.affectedPeople.estimate;
  await condition(() => finished() || estimate()?.atRisk === true);
  const atRisk = estimate();
  if (finished() || !atRisk?.dueAt) return;
  const m = milestone(ctx.state, 'affected-people');
  const { total, notified } = ctx.state.status.affectedPeople;
  const params = {
    milestone: m.id,
    title: m.title,
    dueAt: atRisk.dueAt,
    estimatedFinishAt: atRisk.finishAt,
    remaining: String(Math.max(0, (total ?? 0) - notified)),
    basis: atRisk.basis,
  };
  await ctx.audit('milestone.at-risk', 'herald', { milestone: m.id, ...atRisk });
  const send = () =>
    ctx.notify('affected-people:deadline-at-risk', 'deadline-escalation', 'deadline-at-risk', { params });
  if (ctx.state.resilient) {
    await ctx.audit('escalation.deadline-at-risk', 'herald', params);
    await send();
    return;
  }
  const summary = await send();
  await ctx.audit('escalation.deadline-at-risk', 'herald', { ...params, ...deliveryCounts(summary) });
}

/** The child's held-up channels, as the procedure's blocked services (paged once, cleared when they go on). */
async function showBlockedChannels(ctx: ProcedureContext, progress: FanoutProgress): Promise<void> {
  for (const channel of ['email', 'sms'] as const) {
    const step = `affected-people/${channel}`;
    const blocked = progress.blocked?.[channel];
    const shown = ctx.blockages.entry(channel)?.steps.includes(step) === true;
    if (blocked && !shown) {
      await ctx.blockages.failed(
        channel,
        step,
        { type: blocked.failureType, message: blocked.cause, permanent: true },
        true,
      );
    } else if (!blocked && shown) {
      await ctx.blockages.succeeded(channel, step);
    }
  }
}

/** Every re-check that passed and every operator `retry` reaches the child: its held pages go again. */
async function forwardRetries(
  ctx: ProcedureContext,
  finished: () => boolean,
  send: () => Promise<void>,
): Promise<void> {
  for (;;) {
    const seen = ctx.state.retryEpoch ?? 0;
    await condition(() => finished() || (ctx.state.retryEpoch ?? 0) !== seen);
    if (finished()) return;
    await send();
  }
}

/** Holds the child while the procedure is paused (unless an operator asked to send now). */
async function forwardPauses(
  ctx: ProcedureContext,
  finished: () => boolean,
  send: (hold: boolean) => Promise<void>,
): Promise<void> {
  const shouldHold = () => ctx.state.status.phase === 'paused' && !ctx.state.sendNow.includes('affected-people');
  let holding = false;
  for (;;) {
    await condition(() => finished() || shouldHold() !== holding);
    if (finished()) return;
    holding = !holding;
    await send(holding);
  }
}

/** The SMS's bounds: the notice's internal target and the pending legal deadlines to individuals. */
function smsBoundsOf(state: ProcedureContext['state'], dueAt: string | null): SmsBounds {
  const legalDeadlines = (state.status.legalClocks ?? [])
    .filter((c) => c.recipient === 'individuals' && c.inForce && c.dueAt !== null && c.state !== 'met')
    .map((c) => c.dueAt as string);
  return dueAt === null ? { legalDeadlines } : { internalTargetAt: dueAt, legalDeadlines };
}
