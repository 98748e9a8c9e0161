/**
 * Runs store tests once per SQL driver: embedded PGlite and a real PostgreSQL server. Each
 * database a test asks for is new and empty, so suites never see each other's rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore, OpenStoreOptions } from '../../activities/store/open-store.ts';
import { usePostgresServer } from './postgres-server.ts';
import type { PostgresServer } from './postgres-server.ts';

/** One driver, as the tests see it. */
export interface StoreDriver {
  name: 'pglite' | 'postgresql';
  /** openStore options naming a new, empty database that outlives close (reopen with the same options). */
  newDatabase(): Promise<OpenStoreOptions>;
  /** A store on a new, empty database (PGlite's in memory). */
  openStore(): Promise<HeraldStore>;
}

/**
 * Call at a test file's top level: `body` declares the tests once, and they run in one suite per
 * driver, named after it. When PostgreSQL is unavailable its suite fails and says how to set it up.
 */
export function forEachDriver(body: (driver: StoreDriver) => void): void {
  const postgres = usePostgresServer();
  const pgliteRoot = lazyTempDir('herald-pglite-');

  describe('pglite', () => {
    body({
      name: 'pglite',
      newDatabase: async () => ({ dataDir: join(await pgliteRoot(), `db-${++databases}`) }),
      openStore: () => openStore(),
    });
  });

  describe('postgresql', () => {
    let server: PostgresServer;
    // A failure here fails every test of the suite (no server is a failure, not a skip).
    before(async () => {
      server = await postgres();
    });
    const newDatabase = async (): Promise<OpenStoreOptions> => ({ databaseUrl: await server.createDatabase() });
    body({ name: 'postgresql', newDatabase, openStore: async () => openStore(await newDatabase()) });
  });
}

let databases = 0;

/** A temp dir made on first use and removed after the file's tests. */
function lazyTempDir(prefix: string): () => Promise<string> {
  let dir: Promise<string> | undefined;
  after(async () => {
    if (dir !== undefined) await rm(await dir, { recursive: true, force: true });
  });
  return () => (dir ??= mkdtemp(join(tmpdir(), prefix)));
}
