/**
 * The embedded driver: PostgreSQL compiled to WebAssembly, in-process, no server. The default
 * when no DATABASE_URL is configured, and what tests use.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { SqlDriver } from './sql-driver.ts';

/**
 * Opens PGlite as a {@link SqlDriver}. Without `dataDir` the database lives in memory (tests);
 * with it, the database persists in that directory (parent directories are created).
 *
 * PGlite is one connection. Its `transaction()` holds a mutex that top-level queries also take, so
 * statements of concurrent callers never interleave with an open transaction: they wait for it.
 * Calling the outer driver from inside a transaction callback would therefore wait on itself
 * forever; this driver throws instead, naming the mistake.
 */
export async function openPgliteDriver(dataDir?: string): Promise<SqlDriver> {
  if (dataDir !== undefined && !dataDir.includes('://')) {
    await mkdir(dirname(resolve(dataDir)), { recursive: true });
  }
  const db = await PGlite.create(dataDir);
  const inTransaction = new AsyncLocalStorage<true>();
  let closed = false;

  const refuseInsideTransaction = (what: string): void => {
    if (inTransaction.getStore()) {
      throw new Error(`${what} on the outer driver inside a transaction would deadlock PGlite; use the tx driver`);
    }
  };

  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      refuseInsideTransaction('query');
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
      refuseInsideTransaction('transaction');
      return db.transaction((tx) => inTransaction.run(true, () => fn(transactionDriver(tx, 0))));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}

/** A driver bound to one open PGlite transaction; nested transactions become savepoints. */
function transactionDriver(tx: Transaction, depth: number): SqlDriver {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await tx.query<T>(sql, params)).rows;
    },
    async transaction<T>(fn: (inner: SqlDriver) => Promise<T>): Promise<T> {
      const savepoint = `sp_${depth + 1}`;
      await tx.query(`SAVEPOINT ${savepoint}`);
      try {
        const result = await fn(transactionDriver(tx, depth + 1));
        await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      }
    },
    async close(): Promise<void> {
      throw new Error('close the driver, not a transaction');
    },
  };
}
