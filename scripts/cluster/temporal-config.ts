/**
 * The Temporal server's configuration for the cluster: the module's own
 * config/development-postgres12.yaml (all four services in one process on PostgreSQL) with the
 * cluster's ports, no archival, no metrics endpoint and no pprof, and Herald's dynamic config.
 */
import { stringify } from 'yaml';
import { CLUSTER_PORTS } from './ports.ts';

export interface TemporalConfigOptions {
  /** The PostgreSQL server's port on 127.0.0.1 and the user (trusted: no password). */
  dbPort: number;
  dbUser: string;
  /** History shards: fixed when the cluster is first created (compose uses 4). */
  historyShards: number;
  /** The dynamic config file (config/temporal/herald.yaml, the one compose mounts). */
  dynamicConfigFile: string;
}

/** The databases the schema tool creates and the server uses. */
export const TEMPORAL_DATABASES = { main: 'temporal', visibility: 'temporal_visibility' } as const;

const service = (grpcPort: number, membershipPort: number, extra: Record<string, unknown> = {}) => ({
  rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
});

/** The server's YAML configuration (for `server --config-file <file> start`). */
export function temporalServerConfig(o: TemporalConfigOptions): string {
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `127.0.0.1:${o.dbPort}`,
      connectProtocol: 'tcp',
      user: o.dbUser,
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const p = CLUSTER_PORTS;
  return stringify({
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: o.historyShards,
      datastores: {
        'postgres-default': datastore(TEMPORAL_DATABASES.main, 10),
        'postgres-visibility': datastore(TEMPORAL_DATABASES.visibility, 4),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(p.frontend, p.frontendMembership, { httpPort: p.frontendHttp }),
      history: service(p.history, p.historyMembership),
      matching: service(p.matching, p.matchingMembership),
      worker: service(p.worker, p.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${p.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: o.dynamicConfigFile, pollInterval: '10s' },
  });
}
