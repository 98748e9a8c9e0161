/** Messages between the data-leak procedure and its mass-notification child workflow. */
import { defineSignal } from '@temporalio/workflow';
import type { ChannelPageResult } from '../../activities/index.ts';

/** Per channel: people processed (pages done × page size, capped) and the send outcomes. */
export interface ChannelTotals extends Omit<ChannelPageResult, 'addressed'> {
  processed: number;
  /** When the channel's pages moved on (absent in children begun before the estimate used them). */
  pace?: ChannelPace;
}

/** The child's clock at the channel's first page done, and at its latest (ISO). */
export interface ChannelPace {
  first: { at: string; processed: number };
  at: string;
}

/** A channel whose pages a permanent failure holds up (a revoked key…), until a retry. */
export interface BlockedChannel {
  failureType: string;
  cause: string;
  since: string;
}

export interface FanoutProgress {
  email: ChannelTotals;
  sms: ChannelTotals;
  /** Channels held up right now (absent in children begun before channels could be held up). */
  blocked?: Partial<Record<'email' | 'sms', BlockedChannel>>;
  /**
   * SMS waiting for a later run of their page: how many, and when the last may go; `held` of them
   * wait for an earlier attempt's send to settle (a dead worker's lease), the rest for their morning.
   */
  waiting?: { people: number; until: string; held?: number };
}

/** What bounds an SMS's wait for morning: the notice's internal target and legal deadlines (ISO). */
export interface SmsBounds {
  internalTargetAt?: string;
  legalDeadlines: string[];
}

/** Child → procedure, every few pages: drives the progress shown and the deadline estimate. */
export const fanoutProgressSignal = defineSignal<[FanoutProgress]>('fanoutProgress');

/** Procedure → child: hold (the procedure was paused) or go on. */
export const fanoutHoldSignal = defineSignal<[{ hold: boolean }]>('fanoutHold');

/** Procedure → child: a held-up channel's page is tried again now (re-check passed, or `retry`). */
export const fanoutRetrySignal = defineSignal('fanoutRetry');
