/**
 * The API process's retrier: every tick it takes the pending triggers whose retry time has come and
 * attempts them, alerts ops once about each trigger pending longer than the alert threshold, and
 * forgets settled triggers after the retention. Everything it needs is in the store, so an API
 * restart loses nothing: the next process's retrier carries on.
 *
 * Why ops are alerted from here and not by a Temporal Schedule: the commonest reason a trigger waits
 * is that Temporal cannot be reached, and then no workflow — a scheduled monitor included — can run.
 * The API is the one Herald process that still sees the trigger, so it raises the alarm itself: an
 * ERROR log line per stuck trigger (`herald.trigger.stuck`, for log-based alerting) and the
 * `/healthz/triggers` probe failing (for uptime monitors), both independent of Temporal.
 */
import type { TriggerProcessor } from './trigger-processor.ts';

export interface TriggerRetrierOptions {
  /** How often to look for due triggers. */
  intervalMs?: number;
  /** Triggers attempted per tick. */
  batch?: number;
  /** Settled triggers are kept this long (delivery-id dedupe and the record), then pruned. */
  retentionMs?: number;
}

export interface TriggerRetrier {
  /** One pass now (tests drive it directly). */
  tick(): Promise<void>;
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;

/** Starts retrying `processor`'s pending triggers every `intervalMs`. */
export function startTriggerRetrier(processor: TriggerProcessor, options: TriggerRetrierOptions = {}): TriggerRetrier {
  const { intervalMs = 1_000, batch = 20, retentionMs = 30 * 86_400_000 } = options;
  const { store, log } = processor;
  let running: Promise<void> = Promise.resolve();
  let lastPrune = 0;

  const pass = async (): Promise<void> => {
    const now = processor.now();
    const due = await store.claimDue(now.toISOString(), processor.leaseUntil(now), batch);
    await Promise.all(due.map((trigger) => processor.attempt(trigger)));
    const stuckSince = new Date(now.getTime() - processor.alertAfterMs).toISOString();
    for (const trigger of await store.claimAlerts(stuckSince, now.toISOString())) {
      log(
        'ERROR',
        'herald.trigger.stuck',
        `a trigger has waited more than ${processor.alertAfterMs / 1000} s: ${trigger.reason ?? 'not applied yet'}`,
        {
          trigger: trigger.id,
          source: trigger.source,
          summary: trigger.summary,
          receivedAt: trigger.receivedAt,
          attempts: trigger.attempts,
          ...(trigger.lastError ? { error: trigger.lastError } : {}),
          action: `herald triggers show ${trigger.id}; retry or discard it`,
        },
      );
    }
    if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await store.prune(new Date(now.getTime() - retentionMs).toISOString());
    }
  };

  let busy = false;
  // A pass still running (attempts wait up to their deadline) is joined, not queued behind.
  const tick = (): Promise<void> => {
    if (busy) return running;
    busy = true;
    running = pass()
      .catch((err: unknown) => {
        // The store itself is down: nothing to do but say so and try again next tick.
        log('ERROR', 'herald.trigger.retrier-failed', 'the trigger retrier could not read the store', {
          error: err instanceof Error ? err.message : String(err),
        });
      })
      .finally(() => {
        busy = false;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
