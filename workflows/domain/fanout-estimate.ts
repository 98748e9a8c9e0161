/**
 * When will a mass notification finish? From the audience and the providers' rates before it
 * starts, and from the rate actually achieved once pages come back. Pure arithmetic: the
 * workflow escalates as soon as the estimate passes the deadline, before the deadline is missed.
 */
import type { FanoutPlan } from '../../activities/index.ts';

export interface FanoutEstimate {
  /** ISO instant the last recipient is expected to be sent to. */
  finishAt: string;
  /** The milestone's deadline; null when it has none. */
  dueAt: string | null;
  atRisk: boolean;
  /** How the estimate was made, in words. */
  basis: string;
  /** ISO instant the estimate was made. */
  estimatedAt: string;
}

/** People processed so far on each channel (pages done × page size, capped at the total). */
export interface ChannelProgress {
  email: number;
  sms: number;
}

/** An estimate finishing at `finishMs`, at risk when that is after `dueAt`. */
export function estimateAt(finishMs: number, dueAt: string | null, basis: string, nowMs: number): FanoutEstimate {
  return {
    finishAt: new Date(finishMs).toISOString(),
    dueAt,
    atRisk: dueAt !== null && finishMs > Date.parse(dueAt),
    basis,
    estimatedAt: new Date(nowMs).toISOString(),
  };
}

/** Before the first page: each channel at its configured rate; the slower channel decides. */
export function plannedEstimate(plan: FanoutPlan, nowMs: number, dueAt: string | null): FanoutEstimate {
  const pages = Math.ceil(plan.total / plan.pageSize);
  const emailSeconds = plan.audience.email > 0 ? pages / plan.emailRequestsPerSecond : 0;
  const smsSeconds = plan.audience.sms / plan.smsPerSecond;
  const basis = `planned: ${plan.audience.sms} SMS at ${plan.smsPerSecond}/s, ${plan.audience.email} emails in ${pages} requests at ${plan.emailRequestsPerSecond}/s`;
  return estimateAt(nowMs + Math.ceil(1000 * Math.max(emailSeconds, smsSeconds)), dueAt, basis, nowMs);
}

/** From the rate achieved since `startedMs`; a channel with nothing done yet keeps its planned pace. */
export function observedEstimate(
  plan: FanoutPlan,
  startedMs: number,
  nowMs: number,
  done: ChannelProgress,
  dueAt: string | null,
): FanoutEstimate {
  const elapsedSeconds = Math.max(0.001, (nowMs - startedMs) / 1000);
  const planned = plannedEstimate(plan, startedMs, dueAt);
  let finishMs = nowMs;
  const rates: string[] = [];
  for (const channel of ['email', 'sms'] as const) {
    if (plan.audience[channel] === 0) continue;
    const remaining = Math.max(0, plan.total - done[channel]);
    if (remaining === 0) continue;
    if (done[channel] === 0) {
      finishMs = Math.max(finishMs, Date.parse(planned.finishAt));
      continue;
    }
    const rate = done[channel] / elapsedSeconds;
    rates.push(`${channel} ${rate.toFixed(1)} recipients/s`);
    finishMs = Math.max(finishMs, nowMs + Math.ceil((1000 * remaining) / rate));
  }
  return estimateAt(finishMs, dueAt, `observed: ${rates.join(', ') || 'nothing left to send'}`, nowMs);
}

/**
 * The estimate with the SMS waiting for their recipients' morning: they cannot finish before the
 * last of them may go, plus the time to send them at the SMS rate.
 */
export function withWaiting(
  estimate: FanoutEstimate,
  plan: FanoutPlan,
  waiting: { people: number; until: string; held?: number } | undefined,
): FanoutEstimate {
  if (waiting === undefined || waiting.people === 0) return estimate;
  const finishMs = Math.max(
    Date.parse(estimate.finishAt),
    Date.parse(waiting.until) + Math.ceil((1000 * waiting.people) / plan.smsPerSecond),
  );
  return {
    ...estimate,
    finishAt: new Date(finishMs).toISOString(),
    atRisk: estimate.dueAt !== null && finishMs > Date.parse(estimate.dueAt),
    basis: `${estimate.basis}; ${waitingBasis(waiting)}, the last until ${waiting.until}`,
  };
}

/** Why the waiting SMS wait: their recipients' night, or an earlier attempt's send to settle. */
function waitingBasis(waiting: { people: number; held?: number }): string {
  const held = waiting.held ?? 0;
  if (held === 0) return `${waiting.people} SMS wait for their recipients' morning`;
  const night = waiting.people - held;
  const settling = `${held} SMS wait for an earlier attempt's sends to settle`;
  return night > 0 ? `${settling}, ${night} for their recipients' morning` : settling;
}
