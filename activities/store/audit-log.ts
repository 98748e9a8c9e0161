/** The audit log in SQL: append-only (trigger) and hash-chained (tamper-evident). */
import type { AuditEntry, AuditEntryInput, AuditLog, AuditVerification } from '../ports.ts';
import type { AuditAnchor, ChainHead } from './audit-anchor.ts';
import { auditEntryHash, GENESIS_HASH } from './audit-hash.ts';
import { canonicalJson } from './canonical-json.ts';
import type { SqlDriver } from './sql-driver.ts';
import { toInt } from './sql-values.ts';

const COLUMNS = 'seq, entry_id, incident_id, type, actor, at, data, prev_hash, hash';
const VERIFY_PAGE = 1000;

/** A row of audit_log as the drivers return it. */
export interface AuditRow {
  seq: unknown;
  entry_id: string;
  incident_id: string;
  type: string;
  actor: string;
  at: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/**
 * {@link AuditLog} over {@link SqlDriver}: one chain across all incidents. Each entry's hash covers
 * the previous entry's hash, so editing or removing an entry breaks the chain from there on.
 */
export class SqlAuditLog implements AuditLog {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  /** Appends after the current tail; re-appending an entryId returns the stored entry, appends nothing. */
  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const data = JSON.parse(canonicalJson(input.data)) as Record<string, unknown>;
    return this.#driver.transaction(async (tx) => {
      // One writer at a time across all connections, so two appends never read the same tail.
      // Readers are not blocked.
      await tx.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
      const [existing] = await tx.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log WHERE entry_id = $1`, [
        input.entryId,
      ]);
      if (existing !== undefined) return toEntry(existing);
      const [tail] = await tx.query<{ seq: unknown; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const seq = tail === undefined ? 1 : toInt(tail.seq) + 1;
      const prevHash = tail?.hash ?? GENESIS_HASH;
      const fields = {
        seq,
        entryId: input.entryId,
        incidentId: input.incidentId,
        type: input.type,
        actor: input.actor,
        at: input.at,
        data,
      };
      const hash = auditEntryHash(prevHash, fields);
      await tx.query(`INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        seq,
        input.entryId,
        input.incidentId,
        input.type,
        input.actor,
        input.at,
        canonicalJson(data),
        prevHash,
        hash,
      ]);
      return { ...fields, prevHash, hash };
    });
  }

  /** Entries in seq order, all or one incident's. */
  async list(incidentId?: string): Promise<AuditEntry[]> {
    const rows =
      incidentId === undefined
        ? await this.#driver.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`)
        : await this.#driver.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log WHERE incident_id = $1 ORDER BY seq`, [
            incidentId,
          ]);
    return rows.map(toEntry);
  }

  /** The newest entry's seq and hash, or null while the log is empty. */
  async head(): Promise<ChainHead | null> {
    const [tail] = await this.#driver.query<{ seq: unknown; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    return tail === undefined ? null : { seq: toInt(tail.seq), hash: tail.hash };
  }

  /**
   * Walks the whole chain from genesis and reports the first problem, naming its seq: an edited
   * entry (its hash no longer matches its content), a removed entry (a seq gap, or a prevHash
   * that doesn't match the entry before). What the chain alone cannot show: removal of the newest
   * entries (the shorter chain is still valid), or a rewrite that recomputes every later hash.
   * Both are found against `anchors` (audit-anchor.ts): heads recorded outside the database, each
   * of which must still be in the chain, with the same hash.
   */
  async verify(anchors: readonly AuditAnchor[] = []): Promise<AuditVerification> {
    const checks = new AnchorChecks(anchors);
    let entries = 0;
    let previous: { seq: number; hash: string } | undefined;
    for (;;) {
      const rows = await this.#driver.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT ${VERIFY_PAGE}`,
        [previous?.seq ?? 0],
      );
      for (const row of rows) {
        let entry: AuditEntry;
        try {
          entry = toEntry(row);
        } catch {
          return { ok: false, entries, problem: `seq ${String(row.seq)}: data is not JSON (entry edited)` };
        }
        const problem = chainProblem(entry, previous) ?? checks.at(entry);
        if (problem !== undefined) return { ok: false, entries, problem };
        entries += 1;
        previous = { seq: entry.seq, hash: entry.hash };
      }
      if (rows.length < VERIFY_PAGE) {
        const problem = checks.beyond(previous?.seq ?? 0);
        return problem === undefined ? { ok: true, entries } : { ok: false, entries, problem };
      }
    }
  }
}

/** The anchors, in seq order, consumed as the walk passes their seq. */
class AnchorChecks {
  readonly #anchors: AuditAnchor[];
  #next = 0;
  /** The newest anchor the chain agreed with so far. */
  #matched: AuditAnchor | undefined;

  constructor(anchors: readonly AuditAnchor[]) {
    this.#anchors = [...anchors].sort((a, b) => a.seq - b.seq);
  }

  /** A problem when an anchor at this entry's seq records another hash. */
  at(entry: ChainHead): string | undefined {
    while (this.#next < this.#anchors.length && this.#anchors[this.#next]!.seq <= entry.seq) {
      const anchor = this.#anchors[this.#next++]!;
      if (anchor.seq < entry.seq) continue; // the chain itself reports a gap before reaching it
      if (anchor.hash !== entry.hash) {
        const since = this.#matched ? `after seq ${this.#matched.seq}, the last anchor that matches` : 'from the start';
        return `seq ${entry.seq}: hash differs from anchor ${anchor.where} written ${anchor.at} (the chain was rewritten at or before seq ${entry.seq}, ${since})`;
      }
      this.#matched = anchor;
    }
    return undefined;
  }

  /** A problem when an anchor records a seq past the chain's end (`last`, 0 when empty). */
  beyond(last: number): string | undefined {
    const newest = this.#anchors.at(-1);
    if (newest === undefined || newest.seq <= last) return undefined;
    const removed = last + 1 === newest.seq ? `seq ${newest.seq}` : `seq ${last + 1}..${newest.seq}`;
    return `the chain ends at seq ${last} but anchor ${newest.where} written ${newest.at} records seq ${newest.seq}: entries removed (${removed}, truncated)`;
  }
}

/** What is wrong with `entry` following `previous` (undefined for the first), if anything. */
function chainProblem(entry: AuditEntry, previous: { seq: number; hash: string } | undefined): string | undefined {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (entry.seq !== expectedSeq) {
    const missing = entry.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}..${entry.seq - 1}`;
    return `seq ${entry.seq}: entries missing before it (seq ${missing} removed)`;
  }
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return `seq ${entry.seq}: prevHash does not match the hash of ${previous ? `seq ${previous.seq}` : 'genesis'} (entry removed or chain rewritten)`;
  }
  if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
    return `seq ${entry.seq}: hash does not match its content (entry edited)`;
  }
  return undefined;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: toInt(row.seq),
    entryId: row.entry_id,
    incidentId: row.incident_id,
    type: row.type,
    actor: row.actor,
    at: row.at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
