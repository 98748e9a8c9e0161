/** The delivery ledger in SQL: one row per delivery key, so the same key is never sent twice. */
import type {
  ClaimResult,
  DeliveryGroup,
  DeliveryKey,
  DeliveryLedger,
  LedgerClaim,
  LedgerEntry,
  LedgerState,
  RecipientReceipt,
  RenewResult,
  SendReceipt,
} from '../ports.ts';
import { CHANNELS } from '../../workflows/domain/contacts.ts';
import type { Channel } from '../../workflows/domain/contacts.ts';
import { claimRows, releaseRows, renewRows, writeHeld } from './delivery-claims.ts';
import type { DeliveryUpdate } from './delivery-claims.ts';
import type { HeldRow } from './delivery-claims.ts';
import type { SqlDriver } from './sql-driver.ts';
import { StatisticsRefresh } from './statistics-refresh.ts';
import { orUndefined, toInt, toIso, toIsoOrUndefined } from './sql-values.ts';

const LEDGER_STATES: readonly LedgerState[] = ['reserved', 'sent', 'failed'];

const KEY_WHERE = 'incident_id = $1 AND milestone = $2 AND recipient_id = $3 AND channel = $4';
const COLUMNS = `incident_id, milestone, recipient_id, channel, state, attempts, reserved_at,
  provider_message_id, accepted_at, error`;

interface DeliveryRow {
  incident_id: string;
  milestone: string;
  recipient_id: string;
  channel: string;
  state: LedgerState;
  attempts: unknown;
  reserved_at: unknown;
  provider_message_id: string | null;
  accepted_at: unknown;
  error: string | null;
}

/** Options for {@link SqlDeliveryLedger}. */
export interface SqlDeliveryLedgerOptions {
  /** Clock for reserved/updated times and claim leases; defaults to the system clock (leases: the database's). */
  now?: () => Date;
}

/**
 * {@link DeliveryLedger} over {@link SqlDriver}.
 *
 * - `reservedAt` is the first reservation: the earliest moment any attempt could have reached the
 *   provider, which is what reconciliation searches from.
 * - A 'sent' entry is final: reserve returns it unchanged (attempts not incremented), and neither
 *   a later confirm nor a fail overwrites it.
 * - confirm and fail on a key never reserved still record the outcome (an upsert), rather than
 *   throwing and retrying an activity forever.
 * - Claims (delivery-claims.ts) keep attempts apart: `reserve` is the unfenced form, for callers
 *   outside an activity attempt; activities claim.
 */
export class SqlDeliveryLedger implements DeliveryLedger {
  readonly #driver: SqlDriver;
  readonly #now: () => Date;
  /** Injected clock for leases; absent, leases use the database's clock (one for every worker). */
  readonly #clock: (() => Date) | undefined;
  readonly statistics: StatisticsRefresh;

  constructor(driver: SqlDriver, options: SqlDeliveryLedgerOptions = {}) {
    this.#driver = driver;
    // After one page's keys in a group (statistics-refresh.ts).
    this.statistics = new StatisticsRefresh(driver, 'deliveries', 1000);
    this.#now = options.now ?? (() => new Date());
    this.#clock = options.now;
  }

  async reserve(key: DeliveryKey): Promise<LedgerEntry | null> {
    const now = this.#now().toISOString();
    return this.#driver.transaction(async (tx) => {
      // Insert first: when it inserts, the key was new. Otherwise lock the row so concurrent
      // reservations of one key (on a pooled PostgreSQL) see each other's increments in turn.
      const inserted = await tx.query(
        `INSERT INTO deliveries (incident_id, milestone, recipient_id, channel, state, attempts, reserved_at, updated_at)
         VALUES ($1, $2, $3, $4, 'reserved', 1, $5, $5)
         ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
        [...keyParams(key), now],
      );
      if (inserted.length > 0) return null;
      const [previous] = await tx.query<DeliveryRow>(
        `SELECT ${COLUMNS} FROM deliveries WHERE ${KEY_WHERE} FOR UPDATE`,
        keyParams(key),
      );
      if (previous === undefined) throw new Error('delivery row vanished during reserve');
      // 'sent' and 'failed' are final: a permanently refused recipient is never tried again.
      if (previous.state === 'reserved') {
        await tx.query(
          `UPDATE deliveries SET attempts = attempts + 1, updated_at = $5
           WHERE ${KEY_WHERE}`,
          [...keyParams(key), now],
        );
      }
      return toEntry(previous);
    });
  }

  async confirm(key: DeliveryKey, receipt: SendReceipt): Promise<void> {
    const now = this.#now().toISOString();
    await this.#driver.query(
      `INSERT INTO deliveries AS d (incident_id, milestone, recipient_id, channel, state, attempts,
         reserved_at, provider_message_id, accepted_at, updated_at)
       VALUES ($1, $2, $3, $4, 'sent', 1, $5, $6, $7, $5)
       ON CONFLICT (incident_id, milestone, recipient_id, channel) DO UPDATE
         SET state = 'sent', provider_message_id = EXCLUDED.provider_message_id,
             accepted_at = EXCLUDED.accepted_at, error = NULL, updated_at = EXCLUDED.updated_at
         WHERE d.state <> 'sent'`,
      [...keyParams(key), now, receipt.providerMessageId, receipt.acceptedAt],
    );
  }

  async fail(key: DeliveryKey, error: string): Promise<void> {
    const now = this.#now().toISOString();
    await this.#driver.query(
      `INSERT INTO deliveries AS d (incident_id, milestone, recipient_id, channel, state, attempts,
         reserved_at, error, updated_at)
       VALUES ($1, $2, $3, $4, 'failed', 1, $5, $6, $5)
       ON CONFLICT (incident_id, milestone, recipient_id, channel) DO UPDATE
         SET state = 'failed', error = EXCLUDED.error, updated_at = EXCLUDED.updated_at
         WHERE d.state <> 'sent'`,
      [...keyParams(key), now, error],
    );
  }

  async claimBatch(group: DeliveryGroup, recipientIds: readonly string[], claim: LedgerClaim): Promise<ClaimResult> {
    if (recipientIds.length === 0) return { entries: [] };
    const result = await claimRows<DeliveryRow & HeldRow>(
      this.#driver,
      this.#clock,
      group,
      recipientIds,
      claim,
      COLUMNS,
      toEntry,
    );
    await this.statistics.wrote(`${group.incidentId}/${group.milestone}/${group.channel}`, recipientIds.length);
    return result;
  }

  renewClaims(group: DeliveryGroup, claim: LedgerClaim, recipientIds: readonly string[]): Promise<RenewResult> {
    return renewRows(this.#driver, this.#clock, group, claim, recipientIds);
  }

  releaseClaims(
    group: DeliveryGroup,
    claim: LedgerClaim,
    keys: Parameters<DeliveryLedger['releaseClaims']>[2],
  ): Promise<void> {
    return releaseRows(this.#driver, this.#clock, group, claim, keys);
  }

  /** {@link confirm} for many recipients of one group; a 'sent' entry is never overwritten. */
  confirmBatch(group: DeliveryGroup, receipts: readonly RecipientReceipt[], claim?: LedgerClaim): Promise<string[]> {
    return this.#record(receipts, claim, {
      sql: `UPDATE deliveries AS d
              SET state = 'sent', provider_message_id = u.message_id, accepted_at = u.accepted_at::timestamptz,
                  error = NULL, updated_at = $7
            FROM unnest($4::text[], $5::text[], $6::text[]) AS u(recipient_id, message_id, accepted_at)
            WHERE d.incident_id = $1 AND d.milestone = $2 AND d.channel = $3 AND d.recipient_id = u.recipient_id
              AND d.state <> 'sent'`,
      params: [
        ...groupParams(group),
        receipts.map((r) => r.recipientId),
        receipts.map((r) => r.providerMessageId),
        receipts.map((r) => r.acceptedAt),
        this.#now().toISOString(),
      ],
    });
  }

  /** {@link fail} for many recipients of one group; a 'sent' entry is never overwritten. */
  failBatch(
    group: DeliveryGroup,
    failures: readonly { recipientId: string; error: string }[],
    claim?: LedgerClaim,
  ): Promise<string[]> {
    return this.#record(failures, claim, {
      sql: `UPDATE deliveries AS d SET state = 'failed', error = u.error, updated_at = $6
            FROM unnest($4::text[], $5::text[]) AS u(recipient_id, error)
            WHERE d.incident_id = $1 AND d.milestone = $2 AND d.channel = $3 AND d.recipient_id = u.recipient_id
              AND d.state <> 'sent'`,
      params: [
        ...groupParams(group),
        failures.map((f) => f.recipientId),
        failures.map((f) => f.error),
        this.#now().toISOString(),
      ],
    });
  }

  /** Writes outcomes: all of them without a claim, else only those of keys it holds (returns the others). */
  async #record(
    outcomes: readonly { recipientId: string }[],
    claim: LedgerClaim | undefined,
    update: DeliveryUpdate,
  ): Promise<string[]> {
    if (outcomes.length === 0) return [];
    if (!claim) {
      await this.#driver.query(update.sql, update.params);
      return [];
    }
    return writeHeld(
      this.#driver,
      outcomes.map((o) => o.recipientId),
      claim,
      update,
    );
  }

  /** The entries of many recipients of one group, in the order given (null where none). */
  async getBatch(group: DeliveryGroup, recipientIds: readonly string[]): Promise<(LedgerEntry | null)[]> {
    if (recipientIds.length === 0) return [];
    const rows = await this.#driver.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries
       WHERE incident_id = $1 AND milestone = $2 AND channel = $3 AND recipient_id = ANY($4::text[])`,
      [group.incidentId, group.milestone, group.channel, [...recipientIds]],
    );
    const byRecipient = new Map(rows.map((row) => [row.recipient_id, toEntry(row)]));
    return recipientIds.map((id) => byRecipient.get(id) ?? null);
  }

  /** How many recipients of a milestone have a message on at least one channel. */
  async countReached(incidentId: string, milestone: string): Promise<number> {
    const [row] = await this.#driver.query<{ n: unknown }>(
      `SELECT count(DISTINCT recipient_id) AS n FROM deliveries
       WHERE incident_id = $1 AND milestone = $2 AND state = 'sent'`,
      [incidentId, milestone],
    );
    return toInt(row?.n ?? 0);
  }

  async listFailed(incidentId: string, milestone: string): Promise<DeliveryKey[]> {
    const rows = await this.#driver.query<{ recipient_id: string; channel: string }>(
      `SELECT recipient_id, channel FROM deliveries
       WHERE incident_id = $1 AND milestone = $2 AND state = 'failed' ORDER BY recipient_id, channel`,
      [incidentId, milestone],
    );
    return rows.map((r) => ({ incidentId, milestone, recipientId: r.recipient_id, channel: r.channel as Channel }));
  }

  async get(key: DeliveryKey): Promise<LedgerEntry | null> {
    const [row] = await this.#driver.query<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries WHERE ${KEY_WHERE}`,
      keyParams(key),
    );
    return row === undefined ? null : toEntry(row);
  }

  async summarize(incidentId: string): Promise<Record<Channel, Record<LedgerState, number>>> {
    const rows = await this.#driver.query<{ channel: string; state: LedgerState; n: unknown }>(
      `SELECT channel, state, count(*) AS n FROM deliveries WHERE incident_id = $1 GROUP BY channel, state`,
      [incidentId],
    );
    const summary = {} as Record<Channel, Record<LedgerState, number>>;
    const forChannel = (channel: string): Record<LedgerState, number> =>
      (summary[channel as Channel] ??= { reserved: 0, sent: 0, failed: 0 });
    for (const channel of CHANNELS) forChannel(channel);
    for (const row of rows) {
      if (LEDGER_STATES.includes(row.state)) forChannel(row.channel)[row.state] = toInt(row.n);
    }
    return summary;
  }
}

function groupParams(group: DeliveryGroup): string[] {
  return [group.incidentId, group.milestone, group.channel];
}

function keyParams(key: DeliveryKey): string[] {
  return [key.incidentId, key.milestone, key.recipientId, key.channel];
}

function toEntry(row: DeliveryRow): LedgerEntry {
  const entry: LedgerEntry = {
    key: {
      incidentId: row.incident_id,
      milestone: row.milestone,
      recipientId: row.recipient_id,
      channel: row.channel as Channel,
    },
    state: row.state,
    reservedAt: toIso(row.reserved_at),
    attempts: toInt(row.attempts),
  };
  const providerMessageId = orUndefined(row.provider_message_id);
  const acceptedAt = toIsoOrUndefined(row.accepted_at);
  const error = orUndefined(row.error);
  if (providerMessageId !== undefined) entry.providerMessageId = providerMessageId;
  if (acceptedAt !== undefined) entry.acceptedAt = acceptedAt;
  if (error !== undefined) entry.error = error;
  return entry;
}
