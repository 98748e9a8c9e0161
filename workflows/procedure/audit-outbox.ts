/**
 * The procedure's audit entries, written in order by one writer beside the procedure (patched
 * 'store-outage'). While the store answers, each caller waits for its entry to be written, as it
 * always did. Once a write has failed its few quick attempts, the store is down: callers go on,
 * their entries wait here in the workflow's own state (Temporal keeps them) and are written, with
 * their original times, when the store answers again; the procedure ends only once every entry is
 * written. Meanwhile staff notices go out without the ledger (notice.ts): a store outage never
 * keeps the on-call from being paged, and no audit entry is lost.
 */
import { condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import type { AuditHead } from '../domain/status.ts';
import type { ClassifiedFailure } from './failures.ts';
import { inBackground } from './background.ts';
import { classifyFailure } from './failures.ts';

export const STORE_OUTAGE_PATCH = 'store-outage';

/** One entry as the audit activities take it. */
type AuditEntryInput = Parameters<HeraldActivities['appendAudit']>[0];

export interface AuditOutboxState {
  /** Entries not yet written, oldest first. */
  pending: AuditEntryInput[];
  /** How many entries are written (an entry's position is `written + pending.length` when queued). */
  written: number;
  /** The last write failed every quick attempt: callers no longer wait for theirs. */
  storeDown: boolean;
}

/** A write gives up quickly (the writer retries), so an outage is known within a minute. */
const writes = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** Entries written per round, in order; appending is idempotent on the entry id, so a round may repeat. */
const BATCH = 20;
const FIRST_PAUSE_MS = 15_000;
const MAX_PAUSE_MS = 2 * 60_000;

export function newAuditOutbox(): AuditOutboxState {
  return { pending: [], written: 0, storeDown: false };
}

/** Queues `entry`; resolves once it is written, or at once while the store is down. */
export async function queueAudit(outbox: AuditOutboxState, entry: AuditEntryInput): Promise<void> {
  outbox.pending.push(entry);
  const position = outbox.written + outbox.pending.length;
  await condition(() => outbox.written >= position || outbox.storeDown);
}

/** Resolves when every queued entry is written (the procedure's last step). */
export function auditDrained(outbox: AuditOutboxState): Promise<void> {
  return condition(() => outbox.pending.length === 0);
}

/**
 * The writer: runs for the procedure's life. `onDown` and `onUp` tell the procedure's blockages
 * (status, Temporal UI) when the store stops and starts answering; they run beside the writer.
 * `onWritten` gets the head of each written batch.
 */
export async function runAuditWriter(
  outbox: AuditOutboxState,
  hooks: {
    onWritten: (head: AuditHead | null) => void;
    onDown: (failure: ClassifiedFailure) => Promise<void>;
    onUp: () => Promise<void>;
  },
): Promise<never> {
  for (let failures = 0; ;) {
    await condition(() => outbox.pending.length > 0);
    const batch = outbox.pending.slice(0, BATCH);
    try {
      hooks.onWritten(await writes.appendAuditEntries(batch));
    } catch (err) {
      const failure = classifyFailure(err);
      if (!outbox.storeDown) {
        outbox.storeDown = true;
        // Beside the writer, never awaited by it: the hooks audit, and their entries need the writer.
        inBackground(hooks.onDown(failure));
      }
      await sleep(Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** failures++));
      continue;
    }
    outbox.pending.splice(0, batch.length);
    outbox.written += batch.length;
    failures = 0;
    if (outbox.storeDown) {
      outbox.storeDown = false;
      inBackground(hooks.onUp());
    }
  }
}
