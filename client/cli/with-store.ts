/**
 * Opens Herald's store for one command: the PostgreSQL store at DATABASE_URL (at any time), else an
 * embedded store directory, which is single-process — read it while its owner (worker or API) is
 * stopped.
 */
import { existsSync } from 'node:fs';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { CliContext } from './context.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

/** Which embedded store: the worker's (HERALD_DATA_DIR) or the API's (HERALD_API_DATA_DIR). */
export type EmbeddedStore = 'HERALD_DATA_DIR' | 'HERALD_API_DATA_DIR';

export async function withStore<T>(
  ctx: CliContext,
  use: (store: HeraldStore) => Promise<T>,
  embedded: EmbeddedStore = 'HERALD_DATA_DIR',
): Promise<T> {
  const { DATABASE_URL: databaseUrl } = ctx.config;
  const dataDir = ctx.config[embedded];
  if (databaseUrl === undefined && !existsSync(dataDir)) {
    throw new CommandExit(EXIT.notFound, `no Herald store at ${dataDir} (set ${embedded} or DATABASE_URL)`);
  }
  const store = await openStore({ databaseUrl, dataDir });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
