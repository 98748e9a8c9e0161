/**
 * The cluster's Temporal server configuration (scripts/cluster/temporal-config.ts): every process
 * of `npm run cluster` on its own port in 26000–26999 on loopback, and the server on the
 * `postgres12` plugin over TCP at the PostgreSQL port the cluster starts. The run itself builds the
 * server from source and stays out of `npm test` (docs/cluster.md).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CLUSTER_PORTS, SANDBOX_PORTS } from '../../scripts/cluster/ports.ts';
import { temporalServerConfig } from '../../scripts/cluster/temporal-config.ts';

interface ServerConfig {
  persistence: {
    datastores: Record<string, { sql: { pluginName: string; connectAddr: string; databaseName: string } }>;
  };
  services: Record<string, { rpc: { grpcPort: number; membershipPort: number; bindOnLocalHost: boolean } }>;
  dynamicConfigClient: { filepath: string };
}

describe('cluster configuration', () => {
  it('gives every process its own port in 26000–26999', () => {
    const ports = [...Object.values(CLUSTER_PORTS), ...Object.values(SANDBOX_PORTS)];
    assert.equal(new Set(ports).size, ports.length, 'no port used twice');
    for (const port of ports) assert.ok(port >= 26_000 && port <= 26_999, `${port} outside 26000–26999`);
  });

  it('runs the server on postgres12 over TCP, its services on loopback at the cluster ports', () => {
    const config = parse(
      temporalServerConfig({ dbPort: 26_432, dbUser: 'postgres', historyShards: 4, dynamicConfigFile: '/x.yaml' }),
    ) as ServerConfig;
    const stores = Object.values(config.persistence.datastores).map((d) => d.sql);
    assert.deepEqual(
      stores.map((s) => [s.pluginName, s.connectAddr, s.databaseName]),
      [
        ['postgres12', '127.0.0.1:26432', 'temporal'],
        ['postgres12', '127.0.0.1:26432', 'temporal_visibility'],
      ],
    );
    const services = Object.values(config.services).map((s) => s.rpc);
    assert.ok(services.every((rpc) => rpc.bindOnLocalHost));
    assert.equal(config.services.frontend?.rpc.grpcPort, CLUSTER_PORTS.frontend);
    assert.equal(config.dynamicConfigClient.filepath, '/x.yaml');
  });
});
