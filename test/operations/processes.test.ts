/**
 * The compose stack's configuration path, outside Docker: `docker-compose config` builds the worker's
 * environment (with the sandbox providers' settings as the operator's environment), compose's own
 * admin-tools script creates the namespace and registers the search attributes on a Temporal dev
 * server, and `workers/main.ts` runs as a separate process with that environment against a throwaway
 * PostgreSQL. Only the two in-stack addresses (temporal:7233, herald-db) are swapped for local ones.
 * `client/api/main.ts` runs with the API's environment; `bin/herald`, with the stack's connection
 * settings and the API for its claims, runs a lockout from trigger to completion, and the audit
 * trail is read back from PostgreSQL.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { sha256Hex } from '../../client/api/tokens.ts';
import { formatPayloadKey, generatePayloadKey } from '../../client/codec/aes-gcm-codec.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { parseCliConfig } from '../../workers/config.ts';
import { newEd25519Jwk } from '../../workers/ed25519-key-file.ts';
import { startDevServer, temporalCliPath } from '../../workers/local-temporal.ts';
import { eventually } from '../support/eventually.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { usePostgresServer } from '../support/postgres-server.ts';
import { runCommand } from '../support/run-command.ts';
import type { CommandResult } from '../support/run-command.ts';
import { spawnManaged } from '../support/child-process.ts';
import type { ManagedProcess } from '../support/child-process.ts';
import { baseProcessEnv, startWorkerProcess, WORKER_POLLING } from '../support/worker-process.ts';
import type { WorkerProcess } from '../support/worker-process.ts';
import {
  namesReadBy,
  projectRoot,
  REQUIRED_SAMPLE_ENV,
  resolveCompose,
  serviceEnv,
  serviceScript,
} from './compose-file.ts';
import type { ComposeProject } from './compose-file.ts';

const TEMPORAL_ADDRESS = '127.0.0.1:18033';
const API_PORT = '24141';
/** Not the dev server's default namespace: compose's admin-tools script has to create it. */
const NAMESPACE = 'herald-ops';
const TASK_QUEUE = 'herald-ops';
const LOCKOUT_ID = 'OPS-LO-1';

const postgres = usePostgresServer();
let temporal: TestWorkflowEnvironment | undefined;
let sandbox: Sandbox | undefined;
let worker: WorkerProcess | undefined;
let api: ManagedProcess | undefined;
let tmp: string;
let stack: ComposeProject;
/** What bin/herald gets: the API service's connection settings, with local addresses. */
let operatorEnv: Record<string, string>;
let databaseUrl: string;

/**
 * Where the stack names its own hosts, and what they are here; compose secrets (`/run/secrets/x`)
 * are the files compose mounts, and the anchor volume a temporary directory.
 */
function local(env: Record<string, string>): Record<string, string> {
  assert.equal(env.TEMPORAL_ADDRESS, 'temporal:7233');
  assert.match(env.DATABASE_URL ?? '', /^postgresql:\/\/herald:.+@herald-db:5432\/herald$/);
  const mounted = Object.entries(env).map(([name, value]): [string, string] => {
    const secret = /^\/run\/secrets\/(.+)$/.exec(value)?.[1];
    if (secret !== undefined) return [name, stack.secrets?.[secret]?.file ?? value];
    return [name, value.startsWith('/var/lib/herald/') ? join(tmp, value.slice('/var/lib/herald/'.length)) : value];
  });
  return { ...Object.fromEntries(mounted), TEMPORAL_ADDRESS, DATABASE_URL: databaseUrl };
}

/** The operator's API token (the file compose mounts holds only its hash). */
const ERIN_TOKEN = 'ops-erin-token-0123456789abcdef';

/** The stack's secret files, made for this run: API tokens, the claim key and its public set, the anchor key. */
async function keyFiles(): Promise<Record<string, string>> {
  const [claims, anchors] = await Promise.all([newEd25519Jwk('ops-claims'), newEd25519Jwk('ops-anchors')]);
  const files = {
    HERALD_API_TOKENS_FILE: [
      join(tmp, 'api-tokens.json'),
      [{ id: 'erin', role: 'responder', sha256: sha256Hex(ERIN_TOKEN) }],
    ],
    HERALD_ACTOR_SIGNING_KEY_FILE: [join(tmp, 'actor-signing-key.jwk'), claims.privateJwk],
    HERALD_ACTOR_KEYS_FILE: [join(tmp, 'actor-keys.json'), { keys: [claims.publicJwk] }],
    HERALD_AUDIT_ANCHOR_KEY_FILE: [join(tmp, 'audit-anchor-key.jwk'), anchors.privateJwk],
  } as const;
  await Promise.all(Object.values(files).map(([path, content]) => writeFile(path, JSON.stringify(content))));
  return Object.fromEntries(Object.entries(files).map(([name, [path]]) => [name, path]));
}

/** PATH (for node and the Temporal CLI) and HOME: all a process takes from this one. */
const baseEnv = (): Record<string, string> => baseProcessEnv(tmp);

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'herald-ops-'));
  const server = await postgres();
  [temporal, sandbox, databaseUrl] = await Promise.all([
    startDevServer({ port: 18033 }),
    startSandbox({ seed: { count: 40 } }),
    server.createDatabase(),
  ]);
  // The operator's environment: provider settings (here the sandbox's), a payload key, the secrets.
  stack = await resolveCompose({
    ...REQUIRED_SAMPLE_ENV,
    ...sandboxEnvironment(sandbox),
    HERALD_PAYLOAD_KEYS: formatPayloadKey(generatePayloadKey('ops')),
    TEMPORAL_NAMESPACE: NAMESPACE,
    HERALD_TASK_QUEUE: TASK_QUEUE,
    ...(await keyFiles()),
  });
  const cliNames = namesReadBy(parseCliConfig);
  operatorEnv = {
    ...baseEnv(),
    ...Object.fromEntries(
      Object.entries(local(serviceEnv(stack.services['herald-api']))).filter(([k]) => cliNames.has(k)),
    ),
  };
});

after(async () => {
  await Promise.all([worker?.stop(), api?.stop()]);
  await Promise.all([sandbox?.close(), temporal?.teardown()]);
  await rm(tmp, { recursive: true, force: true });
});

function herald(args: string[], input?: string): Promise<CommandResult> {
  return runCommand(join(projectRoot, 'bin/herald'), args, { env: operatorEnv, input, cwd: projectRoot });
}

test("compose's admin-tools script creates the namespace and registers Herald's search attributes", async () => {
  const admin = stack.services['temporal-admin-tools'];
  const ready = join(tmp, 'herald-ready');
  const script = serviceScript(admin).replaceAll('/tmp/herald-ready', ready);
  // Everything up to the point where the container stays up for operators.
  const setup = script.slice(0, script.indexOf("trap 'exit 0'"));
  assert.match(setup, /search-attribute create/);
  const env = { ...baseEnv(), ...serviceEnv(admin), TEMPORAL_ADDRESS };
  for (const run of ['first', 'again']) {
    const result = await runCommand('sh', ['-c', setup], { env });
    assert.equal(result.code, 0, `${run}: ${result.stdout}${result.stderr}`);
    assert.ok(existsSync(ready), `${run}: the health check's file is there`);
  }
  const list = await runCommand(temporalCliPath(), ['operator', 'search-attribute', 'list', '--namespace', NAMESPACE], {
    env: { ...baseEnv(), TEMPORAL_ADDRESS },
  });
  for (const [name, type] of [
    ['HeraldIncidentId', 'Keyword'],
    ['HeraldSeverity', 'Keyword'],
    ['HeraldPhase', 'Keyword'],
    ['HeraldNextDeadline', 'Datetime'],
    ['HeraldBlocked', 'KeywordList'],
    ['HeraldDrill', 'Keyword'],
  ]) {
    assert.match(list.stdout, new RegExp(`${name}\\s+${type}`));
  }
});

test('workers/main.ts starts with the environment compose builds; its compose health check sees it poll', async () => {
  const service = stack.services['herald-worker'];
  const env = { ...baseEnv(), ...local(serviceEnv(service)) };
  assert.equal(env.TEMPORAL_NAMESPACE, NAMESPACE);
  assert.equal(env.SENDGRID_BASE_URL, sandbox?.sendgridUrl, 'the sandbox settings passed through compose');
  const [kind, program, ...args] = (service?.healthcheck?.test ?? []) as string[];
  assert.equal(kind, 'CMD');
  assert.equal(program, 'node');
  const healthCheck = () => runCommand(process.execPath, args, { env, cwd: projectRoot });
  assert.equal((await healthCheck()).code, 1, 'unhealthy while no worker polls');

  worker = startWorkerProcess(env);
  const started = await worker.waitFor(WORKER_POLLING);
  assert.match(
    started,
    new RegExp(
      `task queues ${TASK_QUEUE}, ${TASK_QUEUE}-email, ${TASK_QUEUE}-sms on ${TEMPORAL_ADDRESS}; payloads encrypted with key ops`,
    ),
  );
  const healthy = await eventually(healthCheck, (r) => r.code === 0, 'the worker health check to pass', 30);
  assert.equal(healthy.code, 0, healthy.stderr);
});

test('client/api/main.ts starts with the environment compose builds and signs actor claims', async () => {
  // On loopback and a port of this test's own, instead of 0.0.0.0:8080 inside the container.
  const env = {
    ...baseEnv(),
    ...local(serviceEnv(stack.services['herald-api'])),
    HERALD_API_HOST: '127.0.0.1',
    HERALD_API_PORT: API_PORT,
  };
  api = spawnManaged(process.execPath, ['--import', 'tsx', join(projectRoot, 'client/api/main.ts')], {
    cwd: projectRoot,
    env,
  });
  const started = await api.waitFor(/herald api on/);
  assert.match(started, /1 tokens, actor claims signed with key ops-claims/);
  // Privileged actions from here on take their claim from this API, as erin.
  operatorEnv = { ...operatorEnv, HERALD_API_URL: `http://127.0.0.1:${API_PORT}`, HERALD_API_TOKEN: ERIN_TOKEN };
});

test('bin/herald runs a lockout to completion on that worker: start, ack, resolve', { timeout: 180_000 }, async () => {
  assert.ok(worker, 'the worker is running');
  assert.ok(api, 'the API is running');
  const start = await herald(['lockout', 'start', '--file', '-'], JSON.stringify(lockout(LOCKOUT_ID, now())));
  assert.equal(start.code, 0, start.stderr);
  assert.match(start.stdout, new RegExp(`started lockout:${LOCKOUT_ID}`));

  const ack = await herald(['lockout', 'ack', LOCKOUT_ID, '--as', 'erin']);
  assert.equal(ack.code, 0, ack.stderr);
  const resolve = await herald([
    'lockout',
    'resolve',
    LOCKOUT_ID,
    '--as',
    'erin',
    '--root-cause',
    'Integration token rotated; ACL fixed.',
  ]);
  assert.equal(resolve.code, 0, resolve.stderr);

  const watch = await herald(['lockout', 'status', LOCKOUT_ID, '--watch', '--interval', '1']);
  assert.equal(watch.code, 0, watch.stderr);
  assert.match(watch.stdout, new RegExp(`Lockout ${LOCKOUT_ID} \\(critical, audit-log-lockout\\) — completed`));
  assert.match(watch.stdout, /resolution-notice\s+met/);
  assert.match(watch.stdout, /post-incident-report\s+met/);

  // Through the real adapters to the sandbox providers compose's environment pointed the worker at.
  assert.ok((sandbox?.log.acceptedEmails().length ?? 0) > 0, 'emails went to the sandbox SendGrid');
  assert.ok((sandbox?.log.acceptedSms().length ?? 0) > 0, 'SMS went to the sandbox Twilio');

  // The search attributes compose's script registered are the ones the procedure sets.
  const listed = await runCommand(
    temporalCliPath(),
    ['workflow', 'list', '--namespace', NAMESPACE, '--query', `HeraldIncidentId = '${LOCKOUT_ID}'`, '--output', 'json'],
    { env: { ...baseEnv(), TEMPORAL_ADDRESS } },
  );
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`"workflowId":\\s*"lockout:${LOCKOUT_ID}"`));
});

test('the audit trail is in PostgreSQL: herald audit verify and export with DATABASE_URL', async () => {
  const verify = await herald(['audit', 'verify', '--json']);
  assert.equal(verify.code, 0, verify.stderr);
  const result = JSON.parse(verify.stdout) as { ok: boolean; entries: number };
  assert.equal(result.ok, true);
  // The worker anchored the chain's head in its volume: verified as an operator would in its container.
  const { HERALD_AUDIT_ANCHOR_DIR, HERALD_AUDIT_ANCHOR_KEY_FILE } = local(serviceEnv(stack.services['herald-worker']));
  const anchored = await runCommand(join(projectRoot, 'bin/herald'), ['audit', 'verify'], {
    env: {
      ...operatorEnv,
      HERALD_AUDIT_ANCHOR_DIR: HERALD_AUDIT_ANCHOR_DIR ?? '',
      HERALD_AUDIT_ANCHOR_KEY_FILE: HERALD_AUDIT_ANCHOR_KEY_FILE ?? '',
    },
    cwd: projectRoot,
  });
  assert.equal(anchored.code, 0, anchored.stderr);
  assert.match(anchored.stdout, new RegExp(`anchors agree with it \\(newest: seq ${result.entries}, `));

  const exported = await herald(['audit', 'export', '--incident', `lockout:${LOCKOUT_ID}`]);
  assert.equal(exported.code, 0, exported.stderr);
  const entries = exported.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string });
  const types = entries.map((e) => e.type);
  for (const type of ['procedure.started', 'operator.acknowledge', 'operator.resolve', 'procedure.completed']) {
    assert.ok(types.includes(type), `the trail has ${type}`);
  }
  assert.ok(entries.some((e) => e.type === 'operator.resolve' && e.actor === 'erin'));

  // Straight from the server, so no embedded store on disk can stand in for it.
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    assert.equal(Number(rows[0]?.n), result.entries, 'every verified entry is a row in PostgreSQL');
  } finally {
    await db.end();
  }
});

test('the worker stops cleanly on SIGTERM, as `docker compose stop` sends it', async () => {
  assert.ok(worker);
  const code = await worker.stop();
  assert.equal(code, 0, worker.output());
  worker = undefined;
});

const now = () => new Date().toISOString();
