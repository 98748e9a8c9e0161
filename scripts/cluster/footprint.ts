/**
 * What a run leaves in the databases: Herald's store rows and bytes per table, and Temporal's two
 * databases (bytes, and the rows of its history and visibility tables), for the per-recipient
 * costs in docs/cluster.md.
 */
import { Client, escapeIdentifier } from 'pg';

export interface TableFootprint {
  rows: number;
  bytes: number;
}

/** Rows (exact) and bytes (with indexes and TOAST) of every table in the database at `url`. */
export async function storeFootprint(url: string): Promise<Record<string, TableFootprint>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; bytes: string }>(
      `SELECT relname AS name, pg_total_relation_size(relid) AS bytes FROM pg_stat_user_tables ORDER BY relname`,
    );
    const footprint: Record<string, TableFootprint> = {};
    for (const { name, bytes } of tables.rows) {
      const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${escapeIdentifier(name)}`);
      footprint[name] = { rows: Number(count.rows[0]?.n ?? 0), bytes: Number(bytes) };
    }
    return footprint;
  } finally {
    await client.end();
  }
}

/** Temporal's tables that grow with the work done. */
const TEMPORAL_TABLES = ['history_node', 'history_tree', 'executions'] as const;

export interface TemporalFootprint {
  /** pg_database_size of `temporal` + `temporal_visibility`. */
  bytes: number;
  rows: Record<string, number>;
  visibilityRows: number;
}

/** Size of Temporal's databases on the server whose maintenance database is `url`. */
export async function temporalFootprint(url: string): Promise<TemporalFootprint> {
  const at = (database: string) => {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const main = new Client({ connectionString: at('temporal') });
  const visibility = new Client({ connectionString: at('temporal_visibility') });
  await Promise.all([main.connect(), visibility.connect()]);
  try {
    const size = await main.query<{ bytes: string }>(
      `SELECT pg_database_size('temporal') + pg_database_size('temporal_visibility') AS bytes`,
    );
    const rows: Record<string, number> = {};
    for (const table of TEMPORAL_TABLES) {
      const count = await main.query<{ n: string }>(`SELECT count(*) AS n FROM ${escapeIdentifier(table)}`);
      rows[table] = Number(count.rows[0]?.n ?? 0);
    }
    const executions = await visibility.query<{ n: string }>(`SELECT count(*) AS n FROM executions_visibility`);
    return { bytes: Number(size.rows[0]?.bytes ?? 0), rows, visibilityRows: Number(executions.rows[0]?.n ?? 0) };
  } finally {
    await Promise.all([main.end(), visibility.end()]);
  }
}
