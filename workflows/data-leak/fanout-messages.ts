/** Messages between the data-leak procedure and its mass-notification child workflow. */
import { defineSignal } from '@temporalio/workflow';
import type { ChannelPageResult } from '../../activities/index.ts';

/** Per channel: people processed (pages done × page size, capped) and the send outcomes. */
export interface ChannelTotals extends Omit<ChannelPageResult, 'addressed'> {
  processed: number;
}

export interface FanoutProgress {
  email: ChannelTotals;
  sms: ChannelTotals;
}

/** Child → procedure, every few pages: drives the progress shown and the deadline estimate. */
export const fanoutProgressSignal = defineSignal<[FanoutProgress]>('fanoutProgress');

/** Procedure → child: hold (the procedure was paused) or go on. */
export const fanoutHoldSignal = defineSignal<[{ hold: boolean }]>('fanoutHold');
