/**
 * A PostgreSQL server for tests: a throwaway cluster (initdb into a temp dir, started with pg_ctl,
 * reachable only through a unix socket in that dir), or the existing server that
 * HERALD_TEST_DATABASE_URL points at. Tests get a fresh database each from {@link PostgresServer}.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after } from 'node:test';
import { Client, escapeIdentifier } from 'pg';
import { redactDatabaseUrl } from '../../activities/store/postgres-driver.ts';
import type { ProxyTarget } from '../../sandbox/tcp-proxy.ts';

/** A running server on which tests create their own databases. */
export interface PostgresServer {
  /** URL of the server's maintenance database. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops a throwaway cluster and deletes its files; on an existing server, drops the databases created. */
  stop(): Promise<void>;
}

/** Port of the throwaway cluster. It only names the socket file: the cluster listens on no TCP port. */
const CLUSTER_PORT = 55432;
const DEBIAN_VERSIONS_DIR = '/usr/lib/postgresql';
const SETUP_HINT =
  'run scripts/setup.sh, or set HERALD_TEST_DATABASE_URL to a server where the tests may create databases';

/** Options of a throwaway cluster. */
export interface ClusterOptions {
  /**
   * Also listen on 127.0.0.1 at this port, for clients that speak only TCP (the Temporal server).
   * Without it the cluster listens on its unix socket alone.
   */
  tcpPort?: number;
}

/**
 * Starts a throwaway cluster, or uses the server at HERALD_TEST_DATABASE_URL when it is set (and
 * no TCP port is asked for).
 */
export async function startPostgresServer(options: ClusterOptions = {}): Promise<PostgresServer> {
  const existing = process.env.HERALD_TEST_DATABASE_URL;
  if (existing && options.tcpPort === undefined) {
    return onServer(existing, { dropOnStop: true, shutdown: async () => {} });
  }
  return startCluster(findPostgresBinaries(), options);
}

let shared: Promise<PostgresServer> | undefined;
let stopRegistered = false;

/**
 * Call at a test file's top level. Returns a function giving the file's server, started on first
 * use and stopped after the file's tests; a file that never asks starts nothing.
 */
export function usePostgresServer(): () => Promise<PostgresServer> {
  if (!stopRegistered) {
    stopRegistered = true;
    after(async () => {
      const server = await shared?.catch(() => undefined);
      shared = undefined;
      await server?.stop();
    });
  }
  return () => (shared ??= startPostgresServer());
}

/** The directory holding initdb and pg_ctl: Debian's newest version first, then the PATH. */
export function findPostgresBinaries(debianDir = DEBIAN_VERSIONS_DIR, path = process.env.PATH ?? ''): string {
  const debian = existsSync(debianDir)
    ? readdirSync(debianDir)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(debianDir, version, 'bin'))
    : [];
  const found = [...debian, ...path.split(delimiter).filter(Boolean)].find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
  if (found === undefined) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found: ${SETUP_HINT}`);
  return found;
}

async function startCluster(bin: string, options: ClusterOptions): Promise<PostgresServer> {
  const port = options.tcpPort ?? CLUSTER_PORT;
  const dir = await mkdtemp(join(tmpdir(), 'herald-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pgCtl = join(bin, 'pg_ctl');
  // PostgreSQL refuses to run as root: as root, run it as the postgres account, owning the files.
  const asRoot = process.getuid?.() === 0;
  const serverCommand = (file: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const run = async (file: string, args: string[]): Promise<void> => {
    const failure = await new Promise<string | undefined>((resolve) => {
      // No stdin pipe: the tools read nothing, and writing to one that exited raises EPIPE.
      const child = spawn(file, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => resolve(error.message));
      child.on('close', (code) => resolve(code === 0 ? undefined : `exit ${code}\n${stderr}`));
    });
    if (failure !== undefined) {
      const serverLog = await readFile(log, 'utf8').catch(() => '');
      throw new Error(`${[file, ...args].join(' ')} failed: ${failure}${serverLog}`);
    }
  };

  let running = false;
  // Synchronous, so it also works from an 'exit' handler if the test process ends abruptly.
  const shutdownNow = (): void => {
    if (running) spawnSync(...serverCommand(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-s']));
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', shutdownNow);

  try {
    if (asRoot) await run('chown', ['postgres:postgres', dir]);
    await run(
      ...serverCommand(join(bin, 'initdb'), [
        '-D',
        data,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-locale',
        '-N',
      ]),
    );
    // Throwaway data: no durability; TCP on loopback only when asked for.
    await appendFile(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = '${options.tcpPort === undefined ? '' : '127.0.0.1'}'`,
        `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
        `port = ${port}`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    running = true;
    await run(...serverCommand(pgCtl, ['start', '-D', data, '-l', log, '-w', '-t', '30', '-s']));
  } catch (error) {
    shutdownNow();
    process.removeListener('exit', shutdownNow);
    throw error;
  }

  const url = `postgresql://postgres@${encodeURIComponent(dir)}:${port}/postgres`;
  return onServer(url, {
    dropOnStop: false,
    shutdown: async () => {
      shutdownNow();
      process.removeListener('exit', shutdownNow);
    },
  });
}

/** Database handling on a running server at `url`. */
async function onServer(
  url: string,
  options: { dropOnStop: boolean; shutdown: () => Promise<void> },
): Promise<PostgresServer> {
  const admin = new Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    await options.shutdown();
    const where = redactDatabaseUrl(url);
    throw new Error(`cannot connect to the test PostgreSQL server at ${where}: ${String(error)}`, {
      cause: error,
    });
  }
  const created: string[] = [];
  return {
    url,
    async createDatabase(): Promise<string> {
      // The pid keeps concurrent test processes on one existing server apart.
      const name = `herald_test_${process.pid}_${created.length + 1}`;
      // Taken before the await, so concurrent callers never pick the same name.
      created.push(name);
      await admin.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
      const database = new URL(url);
      database.pathname = `/${name}`;
      return database.toString();
    },
    async stop(): Promise<void> {
      if (options.dropOnStop) {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
      }
      await admin.end();
      await options.shutdown();
    },
  };
}

/** Where a proxy in front of the server at `serverUrl` forwards: its unix socket (the test cluster), or its host and port. */
export function proxyTarget(serverUrl: string): ProxyTarget {
  const url = new URL(serverUrl);
  const host = decodeURIComponent(url.hostname);
  const port = Number(url.port || 5432);
  return host.startsWith('/') ? { path: `${host}/.s.PGSQL.${port}` } : { host, port };
}
