/**
 * Herald's store on a real PostgreSQL server, reached through the fault proxy, with the store's
 * own faults: a role of its own per cell (so cells running at once never share a fault), login
 * revoked, privileges revoked, connection slots taken away, and the proxy's outage modes.
 */
import { Client, escapeIdentifier } from 'pg';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { startTcpProxy } from '../../sandbox/tcp-proxy.ts';
import type { ProxyMode, TcpProxy } from '../../sandbox/tcp-proxy.ts';
import { proxyTarget } from '../support/postgres-server.ts';
import type { PostgresServer } from '../support/postgres-server.ts';

/** The store of one cell and the levers on it. */
export interface StoreUnderFault {
  /** The store as the worker uses it: through the proxy, as the cell's role. */
  store: HeraldStore;
  proxy: TcpProxy;
  /** The role refuses to log in (28000) and its sessions are ended, until restored. */
  revokeLogin(): Promise<void>;
  restoreLogin(): Promise<void>;
  /** The role loses every privilege on Herald's tables (42501), until granted again. */
  revokePrivileges(): Promise<void>;
  grantPrivileges(): Promise<void>;
  /** The role may hold one connection (53300 beyond it): the store's rate limit. */
  limitConnections(): Promise<void>;
  unlimitConnections(): Promise<void>;
  setProxy(mode: ProxyMode): void;
  close(): Promise<void>;
}

let roles = 0;

/** The store's deadlines (connection, statement) in the cells. */
const STORE_DEADLINE_MS = 2_000;

/** A fresh database owned by a fresh role, Herald's schema in it, reached through a new proxy. */
export async function storeUnderFault(server: PostgresServer): Promise<StoreUnderFault> {
  const role = `herald_fault_${process.pid}_${++roles}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const ident = escapeIdentifier(role);
  await admin.query(`CREATE ROLE ${ident} LOGIN`);
  const databaseUrl = new URL(await server.createDatabase());
  const database = decodeURIComponent(databaseUrl.pathname.slice(1));
  await admin.query(`ALTER DATABASE ${escapeIdentifier(database)} OWNER TO ${ident}`);
  const proxy = await startTcpProxy(proxyTarget(server.url));
  const store = await openStore({
    // As the providers' in the cells: a stalled store costs seconds per attempt, not half a minute.
    postgres: { queryTimeoutMs: STORE_DEADLINE_MS, connectTimeoutMs: STORE_DEADLINE_MS },
    databaseUrl: `postgresql://${encodeURIComponent(role)}@127.0.0.1:${proxy.port}/${encodeURIComponent(database)}`,
  });
  /** Runs `sql` in the cell's database as the server's superuser (grants are per database). */
  const inDatabase = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: databaseUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const endSessions = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
  return {
    store,
    proxy,
    async revokeLogin() {
      await admin.query(`ALTER ROLE ${ident} NOLOGIN`);
      await endSessions();
    },
    async restoreLogin() {
      await admin.query(`ALTER ROLE ${ident} LOGIN`);
    },
    async revokePrivileges() {
      await inDatabase(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident}`);
    },
    async grantPrivileges() {
      await inDatabase(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${ident}`);
    },
    async limitConnections() {
      await admin.query(`ALTER ROLE ${ident} CONNECTION LIMIT 1`);
      await endSessions();
    },
    async unlimitConnections() {
      await admin.query(`ALTER ROLE ${ident} CONNECTION LIMIT -1`);
    },
    setProxy: (mode) => proxy.setMode(mode),
    async close() {
      proxy.setMode('pass');
      // A pool still waiting on a client the fault left hanging would hold close() forever.
      await Promise.race([store.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      await proxy.close();
      await endSessions().catch(() => undefined);
      await admin.end();
    },
  };
}
