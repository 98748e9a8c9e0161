/**
 * The server driver: a PostgreSQL server reached through a `pg` connection pool. Chosen when
 * DATABASE_URL is configured; several processes can share one database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, types } from 'pg';
import type { CustomTypesConfig, PoolClient } from 'pg';
import type { SqlDriver } from './sql-driver.ts';

/** Options for {@link openPostgresDriver}. */
export interface PostgresDriverOptions {
  /** Most connections the pool opens at once. */
  maxConnections?: number;
  /** How long to wait for a connection to the server before giving up. */
  connectTimeoutMs?: number;
  /**
   * How long one statement may go unanswered before it fails (default 30 s). A server that stops
   * answering would otherwise hold the activity, and with it the procedure's store writes, forever;
   * the connection it hung on is dropped, not reused.
   */
  queryTimeoutMs?: number;
}

/** `CREATE OR REPLACE TRIGGER` in the schema needs PostgreSQL 14. */
const MIN_SERVER_VERSION = 140000;

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;

/**
 * Opens a pool on the PostgreSQL server at `url` (`postgres://` or `postgresql://`) as a
 * {@link SqlDriver}, and checks that the server answers. Values come back in the shapes PGlite
 * returns (see {@link postgresTypes}).
 *
 * Each transaction runs on one connection checked out of the pool. Inside it, use only the `tx`
 * driver: the outer driver would run on another connection, outside the transaction, and enough of
 * those waits can exhaust the pool. As with PGlite, this driver throws instead.
 *
 * @throws when the server can't be reached or is too old; the message carries the URL without its
 *   password.
 */
export async function openPostgresDriver(url: string, options: PostgresDriverOptions = {}): Promise<SqlDriver> {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
    // The URL's own application_name, if any, takes precedence.
    application_name: 'herald',
    types: postgresTypes,
  });
  // An idle connection that breaks (server restart, network) is already out of the pool; the next
  // query opens a fresh one. Without a listener the error would crash the process.
  pool.on('error', () => {});

  try {
    const [row] = (await pool.query<{ version: string }>('SHOW server_version_num')).rows;
    const version = Number(row?.version);
    if (version < MIN_SERVER_VERSION) {
      throw new Error(`PostgreSQL ${Math.floor(version / 10000)} is too old: Herald needs PostgreSQL 14 or newer`);
    }
  } catch (error) {
    await pool.end();
    throw new Error(`cannot use PostgreSQL at ${redactDatabaseUrl(url)} (DATABASE_URL): ${reason(error)}`, {
      cause: error,
    });
  }

  const inTransaction = new AsyncLocalStorage<true>();
  let closing: Promise<void> | undefined;

  const refuseInsideTransaction = (what: string): void => {
    if (inTransaction.getStore()) {
      throw new Error(`${what} on the outer driver inside a transaction would run outside it; use the tx driver`);
    }
  };

  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      refuseInsideTransaction('query');
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
      refuseInsideTransaction('transaction');
      const client = await pool.connect();
      const tx = transactionDriver(client, 0);
      let broken = false;
      // A connection that breaks while checked out (between two statements) emits 'error' on the
      // client, which the pool does not listen to then: unheard, it would crash the worker. The
      // next statement fails anyway, and the connection is not returned to the pool.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await inTransaction.run(true, () => fn(tx.driver));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that can't even roll back is not returned to the pool.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        tx.finish();
        // A broken one keeps the listener: it may still report its reset while being closed.
        if (!broken) client.off('error', onError);
        client.release(broken);
      }
    },
    close(): Promise<void> {
      closing ??= pool.end();
      return closing;
    },
  };
}

/** A driver bound to one checked-out connection in a transaction; nested transactions become savepoints. */
function transactionDriver(client: PoolClient, depth: number): { driver: SqlDriver; finish(): void } {
  let finished = false;
  const driver: SqlDriver = {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      // After release the connection may serve someone else's transaction.
      if (finished) throw new Error('query on a transaction that has already ended');
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction<T>(fn: (inner: SqlDriver) => Promise<T>): Promise<T> {
      const savepoint = `sp_${depth + 1}`;
      await driver.query(`SAVEPOINT ${savepoint}`);
      const inner = transactionDriver(client, depth + 1);
      try {
        const result = await fn(inner.driver);
        await driver.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await driver.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      } finally {
        inner.finish();
      }
    },
    async close(): Promise<void> {
      throw new Error('close the driver, not a transaction');
    },
  };
  return {
    driver,
    finish: () => {
      finished = true;
    },
  };
}

/** `pg`'s own parser; its typings only admit the scalar built-in type ids. */
const pgParser = types.getTypeParser as unknown as (
  oid: number,
  format: 'text' | 'binary',
) => (value: string) => unknown;

/**
 * Type parsers that make `pg` return what PGlite returns, so the store reads the same shapes on
 * both drivers: int8 (bigint columns, `count(*)`) as a number when it is a safe integer and as a
 * bigint beyond that, where `pg` would return a string. timestamptz is a Date on both already;
 * every other type keeps `pg`'s parser.
 */
const postgresTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text') => {
    if (format === 'text' && oid === INT8_OID) return parseInt8;
    if (format === 'text' && oid === INT8_ARRAY_OID) {
      const parseArray = pgParser(INT8_ARRAY_OID, 'text');
      return (text: string) => mapNested(parseArray(text), parseInt8);
    }
    return pgParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** Applies `parse` to every string leaf of a (possibly multi-dimensional) array; NULLs stay null. */
function mapNested(value: unknown, parse: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapNested(item, parse));
  return typeof value === 'string' ? parse(value) : value;
}

/** `url` without its password (in the authority or a `password` query parameter), for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Not a WHATWG URL (e.g. `user:pw@/db?host=/socket`): cut the password out by hand.
    return url.replace(/^([a-z]+:\/\/[^:/@]*):[^/]*@/i, '$1@').replace(/([?&]password=)[^&]*/i, '$1***');
  }
}

/** A readable reason from a connection error; Node's multi-address failures carry no message. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(reason).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
