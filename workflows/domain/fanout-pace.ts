/**
 * The finish estimate from the recent rate. Counting the rate from the fan-out's start charges the
 * fixed start-up (planning, the child's start, each channel's first page) to every page still to
 * come, so an early estimate came out far too late (+39 % at a tenth of 100,000). The rate here is
 * taken between the channel's recent page marks instead, starting at its first page's: the pace the
 * remaining pages will go at. Pure arithmetic, deterministic.
 */
import type { FanoutPlan } from '../../activities/index.ts';
import { estimateAt, plannedEstimate } from './fanout-estimate.ts';
import type { FanoutEstimate } from './fanout-estimate.ts';

/** A channel's position at an instant: people processed (page positions, capped at the total). */
export interface PaceMark {
  atMs: number;
  processed: number;
}

/** How many recent marks a channel's rate is taken over (about 8 progress reports). */
export const PACE_WINDOW = 9;

/**
 * `marks` with `latest` appended, the oldest dropped beyond PACE_WINDOW; unchanged when `latest`
 * moved nothing on (a report about the other channel, or a blockage).
 */
export function withMark(marks: readonly PaceMark[], latest: PaceMark): PaceMark[] {
  const last = marks[marks.length - 1];
  if (last && (latest.atMs <= last.atMs || latest.processed <= last.processed)) return [...marks];
  return [...marks, latest].slice(-PACE_WINDOW);
}

/** The channel's configured ceiling in people per second (email: a page per request). */
export function plannedRate(plan: FanoutPlan, channel: 'email' | 'sms'): number {
  return channel === 'sms' ? plan.smsPerSecond : plan.emailRequestsPerSecond * plan.pageSize;
}

/**
 * The channel's rate: between its oldest and newest mark when it has two (the first page's
 * start-up excluded); from the fan-out's start when only its first page is done; never above
 * the configured rate, which the providers' pacing does not let it pass.
 */
export function channelRate(
  plan: FanoutPlan,
  channel: 'email' | 'sms',
  startedMs: number,
  marks: readonly PaceMark[],
): { perSecond: number; over: string } | null {
  const first = marks[0];
  const last = marks[marks.length - 1];
  if (!first || !last || last.processed <= 0) return null;
  const recent = marks.length >= 2 && last.atMs > first.atMs;
  const perSecond = recent
    ? ((last.processed - first.processed) * 1000) / (last.atMs - first.atMs)
    : (last.processed * 1000) / Math.max(1, last.atMs - startedMs);
  const over = recent ? `over the last ${last.processed - first.processed} people` : 'since the start';
  return { perSecond: Math.min(perSecond, plannedRate(plan, channel)), over };
}

/** Below this share of its configured ceiling a channel is bound by the machine, not by its provider. */
export const CAPACITY_BOUND = 0.9;

/** A channel still sending: its people left (at its latest mark), its recent rate and its ceiling. */
interface Running {
  remaining: number;
  perSecond: number;
  ceiling: number;
  atMs: number;
  /** What one of its recipients costs the shared capacity, in SMS recipients. */
  cost: number;
}

/**
 * What an email recipient costs the worker against an SMS recipient once both channels' provider
 * calls run on the send thread: a thousand share one SendGrid request, each SMS is a request of its
 * own. Measured (issue 18, 100,000 people): the SMS rate rose by 0.18-0.36 of the email rate when
 * the email channel finished (with both on one thread, by about the whole email rate). Estimates at
 * a tenth notified with 0.3: -9.1 % to +1.2 % in ten runs; 0.25 and 0.2 fared worse (+9.7 %,
 * +17.7 %; +5.8 %, +10.8 %): the early rates' noise outweighs the cost's last digit.
 */
export const EMAIL_RECIPIENT_COST = 0.3;

/**
 * When every channel still sending is below its ceiling, they share one capacity (the worker, the
 * store): the channel finishing first hands its share to the other, so both finish together at
 * their combined rate (each recipient weighed by its cost), never faster than each one's ceiling
 * allows. Null when a channel is held by its provider's rate instead, or only one is left.
 */
export function sharedFinishMs(running: readonly Running[]): number | null {
  if (running.length < 2 || running.some((c) => c.perSecond >= CAPACITY_BOUND * c.ceiling)) return null;
  const from = Math.max(...running.map((c) => c.atMs));
  const combined = running.reduce((n, c) => n + c.cost * c.perSecond, 0);
  const together = running.reduce((n, c) => n + c.cost * c.remaining, 0) / combined;
  const slowest = Math.max(...running.map((c) => c.remaining / c.ceiling));
  return from + Math.ceil(1000 * Math.max(together, slowest));
}

/**
 * Each channel finishes its remaining people at its recent rate from its latest mark (never before
 * `nowMs`); a channel with nothing done yet keeps its planned finish. The slower channel decides,
 * unless (with `sharedCapacity`) both are below their ceilings: then they finish together
 * ({@link sharedFinishMs}).
 */
export function recentEstimate(
  plan: FanoutPlan,
  startedMs: number,
  nowMs: number,
  marks: Record<'email' | 'sms', readonly PaceMark[]>,
  dueAt: string | null,
  options: { sharedCapacity?: boolean; emailCost?: number } = {},
): FanoutEstimate {
  const planned = Date.parse(plannedEstimate(plan, startedMs, dueAt).finishAt);
  let finishMs = nowMs;
  let waitsForPlan = false;
  const rates: string[] = [];
  const running: Running[] = [];
  for (const channel of ['email', 'sms'] as const) {
    if (plan.audience[channel] === 0) continue;
    const last = marks[channel][marks[channel].length - 1];
    const remaining = Math.max(0, plan.total - (last?.processed ?? 0));
    if (remaining === 0) continue;
    const rate = channelRate(plan, channel, startedMs, marks[channel]);
    if (!last || !rate) {
      finishMs = Math.max(finishMs, planned);
      waitsForPlan = true;
      continue;
    }
    rates.push(`${channel} ${rate.perSecond.toFixed(1)} recipients/s ${rate.over}`);
    finishMs = Math.max(finishMs, last.atMs + Math.ceil((1000 * remaining) / rate.perSecond));
    const cost = channel === 'email' ? (options.emailCost ?? 1) : 1;
    running.push({ remaining, perSecond: rate.perSecond, ceiling: plannedRate(plan, channel), atMs: last.atMs, cost });
  }
  const shared = options.sharedCapacity && !waitsForPlan ? sharedFinishMs(running) : null;
  if (shared !== null && shared < finishMs) {
    finishMs = Math.max(nowMs, shared);
    rates.push('together, below their ceilings');
  }
  return estimateAt(finishMs, dueAt, `recent rate: ${rates.join(', ') || 'nothing left to send'}`, nowMs);
}
