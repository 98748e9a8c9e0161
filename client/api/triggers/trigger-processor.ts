/**
 * One attempt at a kept trigger: read its body again (with the current code and routes, so a fixed
 * routes file helps the next attempt), apply it under a deadline, and record how it ended. Shared by
 * the webhook intake (first attempt), the retrier, and an operator's retry. Never throws: whatever
 * goes wrong leaves the trigger pending with the reason, to be tried again.
 */
import type { Client } from '@temporalio/client';
import type { SqlTriggerStore, TriggerRecord, TriggerSettlement } from '../../../activities/store/trigger-store.ts';
import type { AlertRoutes, AlertSource } from '../alerts/alert-event.ts';
import { ALERT_SOURCES } from '../alerts/alert-event.ts';
import { applyAlert } from '../alerts/apply-alert.ts';
import type { AlertOutcome } from '../alerts/apply-alert.ts';
import { readDelivery } from '../alerts/read-delivery.ts';
import type { Reading } from '../alerts/reading.ts';
import type { TriggerLog } from './trigger-log.ts';
import type { WebhookAnswer } from './webhook-answer.ts';

export interface TriggerProcessorOptions {
  client: Client;
  taskQueue: string;
  routes: AlertRoutes;
  store: SqlTriggerStore;
  log: TriggerLog;
  /** Deadline of one attempt's calls to Temporal. */
  attemptTimeoutMs?: number;
  /** A trigger pending longer than this is alerted to ops and makes `/healthz/triggers` fail. */
  alertAfterMs?: number;
  /** Retry delays: doubling from the first, capped. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  now?: () => Date;
}

const DEFAULTS = { attemptTimeoutMs: 20_000, alertAfterMs: 60_000, firstRetryMs: 2_000, maxRetryMs: 300_000 };

/** Applies kept triggers; see the module comment. */
export class TriggerProcessor {
  readonly store: SqlTriggerStore;
  readonly log: TriggerLog;
  readonly alertAfterMs: number;
  readonly #options: TriggerProcessorOptions & typeof DEFAULTS;

  constructor(options: TriggerProcessorOptions) {
    this.#options = { ...DEFAULTS, ...options };
    this.store = options.store;
    this.log = options.log;
    this.alertAfterMs = this.#options.alertAfterMs;
  }

  now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Until when an attempt starting at `at` holds its trigger: past its deadline, then the retrier may take it. */
  leaseUntil(at: Date): string {
    return new Date(at.getTime() + this.#options.attemptTimeoutMs + 5_000).toISOString();
  }

  /** The delay before attempt `attempts + 1`. */
  retryDelayMs(attempts: number): number {
    const { firstRetryMs, maxRetryMs } = this.#options;
    return Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  }

  /** One attempt at `trigger` (claimed by the caller); what to answer the tool. */
  async attempt(trigger: TriggerRecord): Promise<WebhookAnswer> {
    const reading = isSource(trigger.source)
      ? readDelivery(trigger.source, trigger.body, trigger.receivedAt)
      : ({ kind: 'unmappable', summary: trigger.summary, reason: `unknown source ${trigger.source}` } as const);
    const truncated = reading.kind === 'event' && reading.truncated.length > 0 ? { truncated: reading.truncated } : {};
    const { outcome, error } = await this.#apply(reading);
    const answer: WebhookAnswer = { ...outcome, trigger: trigger.id, ...truncated };
    const settlement: TriggerSettlement =
      outcome.outcome === 'pending'
        ? {
            state: 'pending',
            reason: outcome.reason ?? 'not applied yet',
            ...(error ? { error } : {}),
            nextAttemptAt: new Date(this.now().getTime() + this.retryDelayMs(trigger.attempts)).toISOString(),
          }
        : {
            state: outcome.outcome === 'ignored' ? 'ignored' : 'applied',
            outcome: answer,
            ...(outcome.reason ? { reason: outcome.reason } : {}),
          };
    try {
      await this.store.settle(trigger.id, this.now().toISOString(), settlement);
    } catch (err) {
      // The lease runs out and the retrier attempts again (applying twice is harmless).
      this.log('ERROR', 'herald.trigger.store-failed', 'could not record how a trigger attempt ended', {
        trigger: trigger.id,
        error: messageOf(err),
      });
    }
    if (settlement.state === 'pending') {
      this.log('WARN', 'herald.trigger.pending', `trigger kept, not applied yet: ${settlement.reason}`, {
        trigger: trigger.id,
        source: trigger.source,
        summary: trigger.summary,
        attempts: trigger.attempts,
        nextAttemptAt: settlement.nextAttemptAt,
        ...(error ? { error } : {}),
      });
    }
    return answer;
  }

  async #apply(reading: Reading): Promise<{ outcome: AlertOutcome; error?: string }> {
    if (reading.kind === 'ignored') return { outcome: { outcome: 'ignored', reason: reading.reason } };
    if (reading.kind === 'unmappable') return { outcome: { outcome: 'pending', reason: reading.reason } };
    const { client, taskQueue, routes, attemptTimeoutMs } = this.#options;
    try {
      const deadline = Date.now() + attemptTimeoutMs;
      return {
        outcome: await client.withDeadline(deadline, () => applyAlert(client, taskQueue, routes, reading.event)),
      };
    } catch (err) {
      const error = messageOf(err);
      return { outcome: { outcome: 'pending', reason: `Temporal did not take it (${error}); Herald retries` }, error };
    }
  }
}

const isSource = (source: string): source is AlertSource => (ALERT_SOURCES as readonly string[]).includes(source);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
