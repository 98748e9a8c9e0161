/**
 * Incident-tool webhooks in SQL, kept from the moment they arrive until Herald has applied them,
 * ignored them with a reason, or an operator has discarded them: a trigger Herald cannot act on at
 * once (Temporal unreachable, no route, invalid route defaults, a payload it cannot read) waits
 * here as `pending` and is retried, surviving a restart of the API.
 *
 * One row per tool delivery id (`X-Webhook-Id`, `webhook-id`, …): a redelivery finds the row it
 * made the first time. `next_attempt_at` is both the retry time and a lease: whoever moves it past
 * now holds the next attempt, so several API processes on one PostgreSQL never attempt a trigger
 * at the same time (a second attempt would be harmless, not wrong: starting is idempotent).
 */
import { createHash } from 'node:crypto';
import type { SqlDriver } from './sql-driver.ts';
import { orUndefined, toInt, toIso, toIsoOrUndefined } from './sql-values.ts';

/**
 * `pending`: not applied yet, retried; `applied`: the procedure started, was reached or took the
 * action; `ignored`: nothing to do, with the reason; `discarded`: an operator dropped it, with why.
 */
export const TRIGGER_STATES = ['pending', 'applied', 'ignored', 'discarded'] as const;
export type TriggerState = (typeof TRIGGER_STATES)[number];

/** One webhook delivery as the store keeps it. */
export interface TriggerRecord {
  /** `<source>-<20 hex>`: stable for the source's delivery id, safe in URLs. */
  id: string;
  source: string;
  deliveryId: string;
  receivedAt: string;
  /** What it is, for lists: event type and the tool's incident id when readable. */
  summary: string;
  /** The request body exactly as it arrived (its signature was checked on receipt). */
  body: string;
  state: TriggerState;
  /** The answer Herald gave once it was applied or ignored. */
  outcome?: unknown;
  /** Why it is pending, ignored or discarded. */
  reason?: string;
  attempts: number;
  /** Pending: when the next attempt may start (or until when the current one holds it). */
  nextAttemptAt?: string;
  /** The last attempt's error (e.g. Temporal unreachable). */
  lastError?: string;
  /** When ops were alerted that it was still pending. */
  alertedAt?: string;
  /** The operator who retried or discarded it. */
  decidedBy?: string;
  updatedAt: string;
}

/** A delivery to keep; its first attempt starts at once and holds it until `claimUntil`. */
export interface NewTrigger {
  source: string;
  deliveryId: string;
  receivedAt: string;
  summary: string;
  body: string;
  claimUntil: string;
}

/** How an attempt ended. */
export type TriggerSettlement =
  | { state: 'applied' | 'ignored'; outcome: unknown; reason?: string }
  | { state: 'pending'; reason: string; error?: string; nextAttemptAt: string };

/** The store's id for a source's delivery id. */
export function triggerId(source: string, deliveryId: string): string {
  return `${source}-${createHash('sha256').update(`${source}\u0000${deliveryId}`).digest('hex').slice(0, 20)}`;
}

const COLUMNS = [
  'id',
  'source',
  'delivery_id',
  'received_at',
  'summary',
  'body',
  'state',
  'outcome',
  'reason',
  'attempts',
  'next_attempt_at',
  'last_error',
  'alerted_at',
  'decided_by',
  'updated_at',
].join(', ');

interface TriggerRow {
  id: string;
  source: string;
  delivery_id: string;
  received_at: unknown;
  summary: string;
  body: string;
  state: TriggerState;
  outcome: string | null;
  reason: string | null;
  attempts: unknown;
  next_attempt_at: unknown;
  last_error: string | null;
  alerted_at: unknown;
  decided_by: string | null;
  updated_at: unknown;
}

/** Pending triggers at a glance: how many, and since when the oldest waits. */
export interface PendingSummary {
  pending: number;
  oldestReceivedAt?: string;
}

/** The trigger store over {@link SqlDriver}. */
export class SqlTriggerStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  /** Keeps a delivery; a delivery id seen before returns the stored row with `duplicate`. */
  async record(input: NewTrigger): Promise<{ trigger: TriggerRecord; duplicate: boolean }> {
    const [inserted] = await this.#driver.query<TriggerRow>(
      `INSERT INTO triggers (id, source, delivery_id, received_at, summary, body, state, attempts,
                             next_attempt_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, $4)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        triggerId(input.source, input.deliveryId),
        input.source,
        input.deliveryId,
        input.receivedAt,
        input.summary,
        input.body,
        input.claimUntil,
      ],
    );
    if (inserted !== undefined) return { trigger: toRecord(inserted), duplicate: false };
    const stored = await this.get(triggerId(input.source, input.deliveryId));
    if (stored === null) throw new Error('trigger vanished while it was recorded');
    return { trigger: stored, duplicate: true };
  }

  async get(id: string): Promise<TriggerRecord | null> {
    const [row] = await this.#driver.query<TriggerRow>(`SELECT ${COLUMNS} FROM triggers WHERE id = $1`, [id]);
    return row === undefined ? null : toRecord(row);
  }

  /** Newest first, optionally of one state. */
  async list(options: { state?: TriggerState; limit?: number } = {}): Promise<TriggerRecord[]> {
    const limit = options.limit ?? 100;
    const rows =
      options.state === undefined
        ? await this.#driver.query<TriggerRow>(
            `SELECT ${COLUMNS} FROM triggers ORDER BY received_at DESC, id LIMIT $1`,
            [limit],
          )
        : await this.#driver.query<TriggerRow>(
            `SELECT ${COLUMNS} FROM triggers WHERE state = $1 ORDER BY received_at DESC, id LIMIT $2`,
            [options.state, limit],
          );
    return rows.map(toRecord);
  }

  /** Takes up to `limit` pending triggers whose time has come, holding each until `leaseUntil`. */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<TriggerRecord[]> {
    const rows = await this.#driver.query<TriggerRow>(
      `UPDATE triggers SET next_attempt_at = $2, attempts = attempts + 1, updated_at = $1
       WHERE id IN (SELECT id FROM triggers WHERE state = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, leaseUntil, limit],
    );
    return rows.map(toRecord);
  }

  /** Takes one pending trigger now, whatever its retry time (an operator's retry); null unless pending. */
  async claim(id: string, now: string, leaseUntil: string, by?: string): Promise<TriggerRecord | null> {
    const [row] = await this.#driver.query<TriggerRow>(
      `UPDATE triggers SET next_attempt_at = $3, attempts = attempts + 1, updated_at = $2,
                           decided_by = COALESCE($4, decided_by)
       WHERE id = $1 AND state = 'pending' RETURNING ${COLUMNS}`,
      [id, now, leaseUntil, by ?? null],
    );
    return row === undefined ? null : toRecord(row);
  }

  /** Records how an attempt ended; a trigger discarded meanwhile stays discarded (null). */
  async settle(id: string, now: string, result: TriggerSettlement): Promise<TriggerRecord | null> {
    const [row] =
      result.state === 'pending'
        ? await this.#driver.query<TriggerRow>(
            `UPDATE triggers SET reason = $3, last_error = $4, next_attempt_at = $5, updated_at = $2
             WHERE id = $1 AND state = 'pending' RETURNING ${COLUMNS}`,
            [id, now, result.reason, result.error ?? null, result.nextAttemptAt],
          )
        : await this.#driver.query<TriggerRow>(
            `UPDATE triggers SET state = $3, outcome = $4, reason = $5, last_error = NULL,
                                 next_attempt_at = NULL, updated_at = $2
             WHERE id = $1 AND state = 'pending' RETURNING ${COLUMNS}`,
            [id, now, result.state, JSON.stringify(result.outcome), result.reason ?? null],
          );
    return row === undefined ? null : toRecord(row);
  }

  /** Makes a pending trigger due now (the API process's retrier takes it); null unless pending. */
  async retrySoon(id: string, now: string, by: string): Promise<TriggerRecord | null> {
    const [row] = await this.#driver.query<TriggerRow>(
      `UPDATE triggers SET next_attempt_at = $2, decided_by = $3, updated_at = $2
       WHERE id = $1 AND state = 'pending' RETURNING ${COLUMNS}`,
      [id, now, by],
    );
    return row === undefined ? null : toRecord(row);
  }

  /** An operator drops a pending trigger, saying why; null unless pending. */
  async discard(id: string, now: string, by: string, reason: string): Promise<TriggerRecord | null> {
    const [row] = await this.#driver.query<TriggerRow>(
      `UPDATE triggers SET state = 'discarded', reason = $4, decided_by = $3, next_attempt_at = NULL,
                           updated_at = $2
       WHERE id = $1 AND state = 'pending' RETURNING ${COLUMNS}`,
      [id, now, by, reason],
    );
    return row === undefined ? null : toRecord(row);
  }

  /** Pending triggers received at or before `receivedBy` that ops were not yet told of; marks them told. */
  async claimAlerts(receivedBy: string, now: string, limit = 50): Promise<TriggerRecord[]> {
    const rows = await this.#driver.query<TriggerRow>(
      `UPDATE triggers SET alerted_at = $2
       WHERE id IN (SELECT id FROM triggers
                    WHERE state = 'pending' AND alerted_at IS NULL AND received_at <= $1
                    ORDER BY received_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [receivedBy, now, limit],
    );
    return rows.map(toRecord);
  }

  async pendingSummary(): Promise<PendingSummary> {
    const [row] = await this.#driver.query<{ pending: unknown; oldest: unknown }>(
      `SELECT count(*) AS pending, min(received_at) AS oldest FROM triggers WHERE state = 'pending'`,
    );
    const oldest = toIsoOrUndefined(row?.oldest);
    return { pending: toInt(row?.pending ?? 0), ...(oldest ? { oldestReceivedAt: oldest } : {}) };
  }

  /** Forgets settled triggers last changed before `before` (pending ones are kept whatever their age). */
  async prune(before: string): Promise<number> {
    const rows = await this.#driver.query(
      `DELETE FROM triggers WHERE state <> 'pending' AND updated_at < $1 RETURNING 1 AS gone`,
      [before],
    );
    return rows.length;
  }
}

function toRecord(row: TriggerRow): TriggerRecord {
  const optional = {
    outcome: row.outcome === null ? undefined : (JSON.parse(row.outcome) as unknown),
    reason: orUndefined(row.reason),
    nextAttemptAt: toIsoOrUndefined(row.next_attempt_at),
    lastError: orUndefined(row.last_error),
    alertedAt: toIsoOrUndefined(row.alerted_at),
    decidedBy: orUndefined(row.decided_by),
  };
  return {
    id: row.id,
    source: row.source,
    deliveryId: row.delivery_id,
    receivedAt: toIso(row.received_at),
    summary: row.summary,
    body: row.body,
    state: row.state,
    attempts: toInt(row.attempts),
    updatedAt: toIso(row.updated_at),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
