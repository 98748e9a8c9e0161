/**
 * Herald's HTTP API (`client/api/main.ts`) as its own process on the cluster, configured only
 * through its environment as compose runs it: one reader token (its hash in the tokens file), the
 * cluster's frontend and Herald's store.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../../client/api/tokens.ts';
import { spawnManaged } from '../../test/support/child-process.ts';
import type { ManagedProcess } from '../../test/support/child-process.ts';
import { baseProcessEnv, PROJECT_ROOT } from '../../test/support/worker-process.ts';

export interface ApiProcess {
  url: string;
  /** A bearer token with the responder role (reads procedures). */
  token: string;
  process: ManagedProcess;
}

export interface ApiSetup {
  workDir: string;
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  port: number;
}

/** Starts the API and resolves once `/healthz` answers. */
export async function startApiProcess(setup: ApiSetup): Promise<ApiProcess> {
  const token = randomBytes(24).toString('hex');
  const tokensFile = join(setup.workDir, 'api-tokens.json');
  await writeFile(tokensFile, JSON.stringify([{ id: 'cluster', role: 'responder', sha256: sha256Hex(token) }]));
  const api = spawnManaged(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'client/api/main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...baseProcessEnv(setup.workDir),
      TEMPORAL_ADDRESS: setup.temporalAddress,
      HERALD_TASK_QUEUE: setup.taskQueue,
      DATABASE_URL: setup.databaseUrl,
      HERALD_API_HOST: '127.0.0.1',
      HERALD_API_PORT: String(setup.port),
      HERALD_API_TOKENS_FILE: tokensFile,
      HERALD_API_RATE_LIMIT: '100000',
    },
  });
  await api.waitFor(/herald api on/, 120_000);
  const url = `http://127.0.0.1:${setup.port}`;
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`the API's /healthz answered ${health.status}`);
  return { url, token, process: api };
}

/** The procedure's status as the API reports it (`GET /v1/data-leaks/{id}`). */
export async function statusThroughApi(api: ApiProcess, incidentId: string): Promise<unknown> {
  const response = await fetch(`${api.url}/v1/data-leaks/${encodeURIComponent(incidentId)}`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  if (!response.ok) throw new Error(`GET /v1/data-leaks/${incidentId}: ${response.status} ${await response.text()}`);
  return response.json();
}
