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

/**
 * Each channel finishes its remaining people at its recent rate from its latest mark (never before
 * `nowMs`); a channel with nothing done yet keeps its planned finish. The slower channel decides.
 */
export function recentEstimate(
  plan: FanoutPlan,
  startedMs: number,
  nowMs: number,
  marks: Record<'email' | 'sms', readonly PaceMark[]>,
  dueAt: string | null,
): FanoutEstimate {
  const planned = Date.parse(plannedEstimate(plan, startedMs, dueAt).finishAt);
  let finishMs = nowMs;
  const rates: string[] = [];
  for (const channel of ['email', 'sms'] as const) {
    if (plan.audience[channel] === 0) continue;
    const last = marks[channel][marks[channel].length - 1];
    const remaining = Math.max(0, plan.total - (last?.processed ?? 0));
    if (remaining === 0) continue;
    const rate = channelRate(plan, channel, startedMs, marks[channel]);
    if (!last || !rate) {
      finishMs = Math.max(finishMs, planned);
      continue;
    }
    rates.push(`${channel} ${rate.perSecond.toFixed(1)} recipients/s ${rate.over}`);
    finishMs = Math.max(finishMs, last.atMs + Math.ceil((1000 * remaining) / rate.perSecond));
  }
  return estimateAt(finishMs, dueAt, `recent rate: ${rates.join(', ') || 'nothing left to send'}`, nowMs);
}
