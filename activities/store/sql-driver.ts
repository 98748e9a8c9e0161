/**
 * The one seam between Herald's SQL and a database. Every query in store/ is written once, in the
 * PostgreSQL dialect with `$1` placeholders, and runs unchanged on embedded PGlite or a real
 * PostgreSQL server.
 */
export interface SqlDriver {
  /** Runs one statement and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in a transaction: commits when it resolves, rolls back when it throws. Inside `fn`,
   * use only `tx`. A nested `tx.transaction()` is a savepoint.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /** Releases the database. Idempotent. */
  close(): Promise<void>;
}
