/**
 * The real Temporal server (go.temporal.io/server, built into .tools/temporal-server) on its own
 * PostgreSQL, as compose runs it, but as processes on 127.0.0.1: a throwaway PostgreSQL cluster on
 * TCP, the schema tool, the server with all four services in one process, then the `default`
 * namespace and Herald's search attributes.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnManaged } from '../../test/support/child-process.ts';
import type { ManagedProcess } from '../../test/support/child-process.ts';
import { startPostgresServer } from '../../test/support/postgres-server.ts';
import type { PostgresServer } from '../../test/support/postgres-server.ts';
import { PROJECT_ROOT } from '../../test/support/worker-process.ts';
import { CLUSTER_PORTS } from './ports.ts';
import { temporalServerConfig } from './temporal-config.ts';
import { prepareNamespace } from './temporal-namespace.ts';
import { setUpTemporalSchema } from './temporal-schema.ts';

export const TEMPORAL_TOOLS_DIR = join(PROJECT_ROOT, '.tools/temporal-server');
export const NAMESPACE = 'default';

export interface TemporalServer {
  /** The frontend, `127.0.0.1:<port>`. */
  address: string;
  /** Temporal's PostgreSQL (databases `temporal` and `temporal_visibility`). */
  db: PostgresServer;
  output(): string;
  stop(): Promise<void>;
}

/** Starts PostgreSQL, applies the schema, starts the server and prepares the namespace. */
export async function startTemporalServer(workDir: string, say: (line: string) => void): Promise<TemporalServer> {
  for (const file of ['server', 'sql', 'schema/postgresql/v12']) {
    if (!existsSync(join(TEMPORAL_TOOLS_DIR, file))) {
      throw new Error(`${join(TEMPORAL_TOOLS_DIR, file)} is missing: run scripts/cluster/build-temporal-server.sh`);
    }
  }
  const db = await startPostgresServer({ tcpPort: CLUSTER_PORTS.temporalDb });
  let server: ManagedProcess | undefined;
  try {
    say(`Temporal's PostgreSQL on 127.0.0.1:${CLUSTER_PORTS.temporalDb}; applying the schema`);
    await setUpTemporalSchema({ toolsDir: TEMPORAL_TOOLS_DIR, port: CLUSTER_PORTS.temporalDb, user: 'postgres' });
    const configFile = join(workDir, 'temporal-server.yaml');
    await writeFile(
      configFile,
      temporalServerConfig({
        dbPort: CLUSTER_PORTS.temporalDb,
        dbUser: 'postgres',
        historyShards: 4,
        dynamicConfigFile: join(PROJECT_ROOT, 'config/temporal/herald.yaml'),
      }),
    );
    server = spawnManaged(
      join(TEMPORAL_TOOLS_DIR, 'server'),
      ['--config-file', configFile, '--allow-no-auth', 'start'],
      {
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? workDir },
      },
    );
    const address = `127.0.0.1:${CLUSTER_PORTS.frontend}`;
    say(`Temporal server starting on ${address}; namespace ${NAMESPACE} and Herald's search attributes`);
    const started = server;
    const exitedEarly = started.exitCode().then((code) => code);
    const outcome = await Promise.race([
      prepareNamespace(address, NAMESPACE, 1).then(() => 'ready' as const),
      exitedEarly.then((code) => ({ code })),
    ]);
    if (outcome !== 'ready') {
      throw new Error(`the Temporal server exited (${outcome.code}):\n${started.output().slice(-4_000)}`);
    }
    return {
      address,
      db,
      output: () => started.output(),
      async stop() {
        await started.stop(20_000);
        await db.stop();
      },
    };
  } catch (error) {
    await server?.kill();
    await db.stop();
    throw error;
  }
}
