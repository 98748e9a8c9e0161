/** Multi-row INSERTs that skip rows already present: the stores' idempotent bulk add. */
import type { SqlDriver } from './sql-driver.ts';

/** PostgreSQL takes at most 65,535 parameters per statement; stay well below it. */
const MAX_PARAMS = 10_000;

/**
 * Inserts `rows` (values in `columns` order) in batches, `ON CONFLICT DO NOTHING`, and returns how
 * many were new. Any unique index counts as a conflict, so a retried add inserts nothing twice.
 */
export async function insertNewRows(
  tx: SqlDriver,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<number> {
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  let added = 0;
  for (let start = 0; start < rows.length; start += perBatch) {
    const params: unknown[] = [];
    const tuples = rows
      .slice(start, start + perBatch)
      .map((values) => `(${values.map((v) => `$${params.push(v)}`).join(', ')})`);
    const inserted = await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT DO NOTHING RETURNING 1 AS added`,
      params,
    );
    added += inserted.length;
  }
  return added;
}
