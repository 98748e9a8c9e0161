/**
 * Temporal's two databases on PostgreSQL, created and brought to the schema of the server's version
 * by its own schema tool (`temporal-sql-tool`, built as .tools/temporal-server/sql), with the
 * schema files that ship in the server's module source — what compose's temporal-schema service does.
 */
import { join } from 'node:path';
import { runCommand } from '../../test/support/run-command.ts';
import { TEMPORAL_DATABASES } from './temporal-config.ts';

export interface SchemaTarget {
  /** .tools/temporal-server: the `sql` binary and `schema/postgresql/v12`. */
  toolsDir: string;
  port: number;
  user: string;
}

/** Creates both databases and applies every versioned schema step; safe to repeat. */
export async function setUpTemporalSchema(target: SchemaTarget): Promise<void> {
  const schemaRoot = join(target.toolsDir, 'schema/postgresql/v12');
  const sql = async (database: string, args: string[]): Promise<void> => {
    const all = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(target.port), '-u', target.user];
    const result = await runCommand(join(target.toolsDir, 'sql'), [...all, '--db', database, ...args], {
      env: { PATH: process.env.PATH ?? '' },
    });
    if (result.code !== 0) {
      throw new Error(`temporal-sql-tool --db ${database} ${args.join(' ')}: ${result.stdout}${result.stderr}`);
    }
  };
  for (const [database, dir] of [
    [TEMPORAL_DATABASES.main, 'temporal'],
    [TEMPORAL_DATABASES.visibility, 'visibility'],
  ] as const) {
    await sql(database, ['create-database']);
    await sql(database, ['setup-schema', '-v', '0.0']);
    await sql(database, ['update-schema', '-d', join(schemaRoot, dir, 'versioned')]);
  }
}
