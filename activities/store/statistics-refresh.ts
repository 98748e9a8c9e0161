/**
 * Fresh planner statistics for a table that one incident grows fast.
 *
 * PostgreSQL plans each query from the table's statistics, which autovacuum refreshes at most once
 * a minute per database (`autovacuum_naptime`) and then only after a tenth of the table changed. A
 * fan-out writes thousands of ledger rows a second for an incident the statistics have never
 * seen: planned as one row, each chunk's claim and confirmation scanned all of the incident's rows
 * (measured 2026-12-04 on PostgreSQL 15: 35 ms a chunk of 64 at 80,000 rows, against 1 ms once
 * analysed; the first 25 s of a 100,000-person fan-out spent most of a core on it). So once this
 * process has written `threshold` rows of one group (an incident's ledger channel, its snapshot), it
 * analyses the table itself, once a group.
 */
import type { SqlDriver } from './sql-driver.ts';

export class StatisticsRefresh {
  readonly #driver: SqlDriver;
  readonly #table: string;
  readonly #threshold: number;
  /** Rows written per group; a group at or past the threshold has had its refresh. */
  readonly #written = new Map<string, number>();

  constructor(driver: SqlDriver, table: string, threshold: number) {
    this.#driver = driver;
    this.#table = table;
    this.#threshold = threshold;
  }

  /** Counts `rows` written for `group`; the write that crosses the threshold waits for the ANALYZE. */
  async wrote(group: string, rows: number): Promise<void> {
    const before = this.#written.get(group) ?? 0;
    if (before >= this.#threshold) return;
    this.#written.set(group, before + rows);
    if (before + rows < this.#threshold) return;
    // Only a speed-up: a store user without the right to analyse still has a working ledger.
    await this.#driver.query(`ANALYZE ${this.#table}`).catch(() => undefined);
  }

  /** Whether `group` had its refresh (for tests). */
  refreshed(group: string): boolean {
    return (this.#written.get(group) ?? 0) >= this.#threshold;
  }
}
