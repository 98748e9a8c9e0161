/**
 * The HTTP API inside the development stack (`herald dev`): one fresh token per role and a fresh
 * PagerDuty secret, printed for the developer, never written anywhere.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { buildApi } from '../client/api/app.ts';
import { loadAlertRoutes } from '../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../client/api/tokens.ts';
import { ROLES } from '../workflows/domain/status.ts';
import type { Role } from '../workflows/domain/status.ts';

export interface DevApi {
  url: string;
  tokens: Record<Role, string>;
  pagerDutySecret: string;
  close(): Promise<void>;
}

export async function startDevApi(client: Client, taskQueue: string, port: number): Promise<DevApi> {
  const tokens = Object.fromEntries(
    ROLES.map((role) => [role, `dev-${role}-${randomBytes(12).toString('hex')}`]),
  ) as Record<Role, string>;
  const pagerDutySecret = randomBytes(24).toString('hex');
  const app = buildApi({
    client,
    taskQueue,
    tokens: new TokenRegistry(ROLES.map((role) => ({ id: `dev-${role}`, role, sha256: sha256Hex(tokens[role]) }))),
    pagerDutySecret,
    alertRoutes: await loadAlertRoutes('config/alert-routes.example.json'),
    rateLimitPerMinute: 600,
    maxBodyBytes: 1_048_576,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`the dev API did not answer its health check (${health.status})`);
  return { url, tokens, pagerDutySecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
