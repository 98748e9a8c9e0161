/**
 * Claims on delivery keys in SQL: which attempt may call the provider for a key, and for how long.
 *
 * - A claim is an attempt's token with a lease (`held_until`). A key held by a live claim is not
 *   touched by anyone else; one whose lease ran out or was released is taken over at once (it is
 *   still 'reserved', so the taker reconciles it with the provider before any resend).
 * - `delivery_fences` keeps the highest attempt number per activity (`lineage`). A later attempt
 *   claims its earlier attempts' keys at once, but the caller is told to wait out their lease before
 *   a lookup or a send, since the earlier one may still have a call in flight. From then on every
 *   claim and renewal of the earlier attempt is refused (fenced out), and its confirmations only
 *   count for keys it still holds.
 * - Lease times are the database's clock (one clock for every worker), or the injected one.
 */
import type {
  ClaimedEntry,
  ClaimResult,
  DeliveryGroup,
  DeliveryLedger,
  LedgerClaim,
  LedgerEntry,
  RenewResult,
} from '../ports.ts';
import type { SqlDriver } from './sql-driver.ts';
import { toInt, toIso } from './sql-values.ts';

/** The group's rows among `$4` (an array of recipient ids). */
const GROUP_ROWS = 'incident_id = $1 AND milestone = $2 AND channel = $3 AND recipient_id = ANY($4::text[])';

/** What a claim decision needs of a row beyond its entry. */
export interface HeldRow {
  recipient_id: string;
  state: string;
  held_by: string | null;
  held_lineage: string | null;
  held_attempt: unknown;
  held_until: unknown;
}

/** The clock of a claim: `now` when injected, else the database's. */
export async function claimClock(tx: SqlDriver, now: (() => Date) | undefined): Promise<number> {
  if (now) return now().getTime();
  const [row] = await tx.query<{ t: unknown }>('SELECT now() AS t');
  return Date.parse(toIso(row?.t));
}

/**
 * Records the claim's attempt for its activity and reads the claim's clock in the same round trip
 * (the transaction's `now()`, or the injected clock); `fencedBy` is the later attempt that fences
 * it out, if any.
 */
export async function checkFence(
  tx: SqlDriver,
  claim: LedgerClaim,
  now: (() => Date) | undefined,
): Promise<{ at: number; fencedBy: number | undefined }> {
  const injected = now?.();
  const [row] = await tx.query<{ attempt: unknown; t: unknown }>(
    `INSERT INTO delivery_fences (lineage, attempt, updated_at) VALUES ($1, $2, coalesce($3::timestamptz, now()))
     ON CONFLICT (lineage) DO UPDATE
       SET attempt = GREATEST(delivery_fences.attempt, EXCLUDED.attempt), updated_at = EXCLUDED.updated_at
     RETURNING attempt, now() AS t`,
    [claim.lineage, claim.attempt, injected?.toISOString() ?? null],
  );
  const at = injected?.getTime() ?? Date.parse(toIso(row?.t));
  const highest = toInt(row?.attempt ?? claim.attempt);
  return { at, fencedBy: highest > claim.attempt ? highest : undefined };
}

/** How one existing row answers a claim made at `at`. */
export function decide(
  row: HeldRow,
  claim: LedgerClaim,
  at: number,
): { status: ClaimedEntry['status']; waitMs: number } {
  if (row.state !== 'reserved') return { status: 'final', waitMs: 0 };
  if (row.held_by === claim.token) return { status: 'claimed', waitMs: 0 };
  const until = row.held_until === null || row.held_until === undefined ? undefined : Date.parse(toIso(row.held_until));
  if (until === undefined || until <= at) return { status: 'claimed', waitMs: 0 };
  const waitMs = until - at;
  const earlierAttempt =
    row.held_lineage === claim.lineage && row.held_attempt !== null && toInt(row.held_attempt) < claim.attempt;
  return { status: earlierAttempt ? 'claimed' : 'held', waitMs };
}

/**
 * Claims `recipientIds` of `group` (see {@link DeliveryLedger.claimBatch}); `toEntry` reads a row's
 * entry as it stood before the claim.
 */
export async function claimRows<R extends HeldRow>(
  driver: SqlDriver,
  now: (() => Date) | undefined,
  group: DeliveryGroup,
  recipientIds: readonly string[],
  claim: LedgerClaim,
  columns: string,
  toEntry: (row: R) => LedgerEntry,
): Promise<ClaimResult> {
  return driver.transaction(async (tx) => {
    const { at, fencedBy } = await checkFence(tx, claim, now);
    if (fencedBy !== undefined) return { fencedBy };
    const iso = new Date(at).toISOString();
    const groupParams = [group.incidentId, group.milestone, group.channel];
    // One order for every claimant, so two claims over the same keys queue instead of deadlocking.
    const sorted = [...new Set(recipientIds)].sort();
    const inserted = await tx.query<{ recipient_id: string }>(
      `INSERT INTO deliveries (incident_id, milestone, recipient_id, channel, state, attempts, reserved_at,
         updated_at, held_by, held_lineage, held_attempt, held_until)
       SELECT $1, $2, r, $3, 'reserved', 1, $5::timestamptz, $5::timestamptz, $6, $7, $8::int, $9::timestamptz FROM unnest($4::text[]) AS r ORDER BY r
       ON CONFLICT DO NOTHING RETURNING recipient_id`,
      [
        ...groupParams,
        sorted,
        iso,
        claim.token,
        claim.lineage,
        claim.attempt,
        new Date(at + claim.leaseMs).toISOString(),
      ],
    );
    const created = new Set(inserted.map((r) => r.recipient_id));
    const existing = sorted.filter((id) => !created.has(id));
    // A fresh chunk (every key new) needs no second look: one round trip fewer per claim.
    const rows =
      existing.length === 0
        ? []
        : await tx.query<R>(
            `SELECT ${columns}, held_by, held_lineage, held_attempt, held_until FROM deliveries
             WHERE ${GROUP_ROWS} ORDER BY recipient_id FOR UPDATE`,
            [...groupParams, existing],
          );
    const answers = new Map<string, ClaimedEntry>();
    const taken: { id: string; until: string; bump: number }[] = [];
    for (const row of rows) {
      const { status, waitMs } = decide(row, claim, at);
      answers.set(row.recipient_id, { previous: toEntry(row), status, waitMs });
      if (status !== 'claimed') continue;
      // An earlier attempt's lease is waited out first, so the new lease runs from its end.
      taken.push({
        id: row.recipient_id,
        until: new Date(at + waitMs + claim.leaseMs).toISOString(),
        bump: row.held_by === claim.token ? 0 : 1,
      });
    }
    if (taken.length > 0) {
      await tx.query(
        `UPDATE deliveries AS d
           SET held_by = $5, held_lineage = $6, held_attempt = $7::int, held_until = u.until::timestamptz,
               attempts = d.attempts + u.bump, updated_at = $8::timestamptz
         FROM unnest($4::text[], $9::text[], $10::int[]) AS u(recipient_id, until, bump)
         WHERE d.incident_id = $1 AND d.milestone = $2 AND d.channel = $3 AND d.recipient_id = u.recipient_id`,
        [
          ...groupParams,
          taken.map((t) => t.id),
          claim.token,
          claim.lineage,
          claim.attempt,
          iso,
          taken.map((t) => t.until),
          taken.map((t) => t.bump),
        ],
      );
    }
    const entries = recipientIds.map((id): ClaimedEntry =>
      created.has(id) ? { previous: null, status: 'claimed', waitMs: 0 } : (answers.get(id) as ClaimedEntry),
    );
    return { entries };
  });
}

/** Extends the claim on the keys it still holds (see {@link DeliveryLedger.renewClaims}). */
export async function renewRows(
  driver: SqlDriver,
  now: (() => Date) | undefined,
  group: DeliveryGroup,
  claim: LedgerClaim,
  recipientIds: readonly string[],
): Promise<RenewResult> {
  return driver.transaction(async (tx) => {
    const { at, fencedBy } = await checkFence(tx, claim, now);
    if (fencedBy !== undefined) return { fencedBy };
    if (recipientIds.length === 0) return { lost: [] };
    const kept = await tx.query<{ recipient_id: string }>(
      `UPDATE deliveries SET held_until = $6::timestamptz
       WHERE ${GROUP_ROWS} AND held_by = $5 RETURNING recipient_id`,
      [
        group.incidentId,
        group.milestone,
        group.channel,
        [...recipientIds],
        claim.token,
        new Date(at + claim.leaseMs).toISOString(),
      ],
    );
    const held = new Set(kept.map((r) => r.recipient_id));
    return { lost: recipientIds.filter((id) => !held.has(id)) };
  });
}

/** Ends a claim (see {@link DeliveryLedger.releaseClaims}). Allowed when fenced out: it only lets go. */
export async function releaseRows(
  driver: SqlDriver,
  now: (() => Date) | undefined,
  group: DeliveryGroup,
  claim: LedgerClaim,
  keys: Parameters<DeliveryLedger['releaseClaims']>[2],
): Promise<void> {
  const waiting = keys.waiting?.ids ?? [];
  if (keys.unsent.length === 0 && keys.unsettled.length === 0 && waiting.length === 0) return;
  const groupParams = [group.incidentId, group.milestone, group.channel];
  await driver.transaction(async (tx) => {
    if (waiting.length > 0) {
      const until = (await claimClock(tx, now)) + (keys.waiting?.forMs ?? 0);
      await tx.query(`UPDATE deliveries SET held_until = $6::timestamptz WHERE ${GROUP_ROWS} AND held_by = $5`, [
        ...groupParams,
        [...waiting],
        claim.token,
        new Date(until).toISOString(),
      ]);
    }
    await tx.query(`DELETE FROM deliveries WHERE ${GROUP_ROWS} AND held_by = $5 AND state = 'reserved'`, [
      ...groupParams,
      [...keys.unsent],
      claim.token,
    ]);
    await tx.query(`UPDATE deliveries SET held_until = NULL WHERE ${GROUP_ROWS} AND held_by = $5`, [
      ...groupParams,
      [...keys.unsettled],
      claim.token,
    ]);
  });
}

/** An UPDATE of `deliveries AS d` ending in its WHERE clause, with `$1`–`$4` as in GROUP_ROWS. */
export interface DeliveryUpdate {
  sql: string;
  params: unknown[];
}

/**
 * Runs `update` on the rows of `recipientIds` that `claim` holds, locked in one order first (as
 * every claim locks them, so two writers queue instead of deadlocking), in one statement and one
 * round trip; returns the ids it does not hold (refused).
 */
export async function writeHeld(
  driver: SqlDriver,
  recipientIds: readonly string[],
  claim: LedgerClaim,
  update: DeliveryUpdate,
): Promise<string[]> {
  const token = `$${update.params.length + 1}`;
  const rows = await driver.query<{ recipient_id: string }>(
    `WITH held AS (
       SELECT recipient_id FROM deliveries WHERE ${GROUP_ROWS} AND held_by = ${token} ORDER BY recipient_id FOR UPDATE
     ), written AS (
       ${update.sql} AND d.recipient_id IN (SELECT recipient_id FROM held)
     )
     SELECT recipient_id FROM held`,
    [...update.params, claim.token],
  );
  const held = new Set(rows.map((r) => r.recipient_id));
  return recipientIds.filter((id) => !held.has(id));
}
