/**
 * Encrypted payloads on a real dev server: what Temporal stores (read raw with
 * `temporal workflow show --output json`) holds none of the incident's personal data, failures
 * included; a key rotated mid-procedure (the worker restarted with a new first key, the old one kept
 * for decryption) lets the procedure finish; the codec server decrypts for Temporal UI, behind its
 * token and CORS rules. A procedure run without encryption is the control: there the same search
 * finds the data, so the check can fail.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { AesGcmCodec, generatePayloadKey } from '../../client/codec/aes-gcm-codec.ts';
import { startCodecServer } from '../../client/codec/codec-server.ts';
import type { RunningCodecServer } from '../../client/codec/codec-server.ts';
import { clientDataConverter, workerDataConverter } from '../../client/codec/data-converter.ts';
import { actOnLockout, lockoutHandle, startLockout } from '../../client/lockout-client.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import { startDevServer, temporalCliPath } from '../../workers/local-temporal.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runCommand } from '../support/run-command.ts';
import { inMemoryProviders } from '../support/workflow-harness.ts';
import { cachedWorkflowBundle } from '../support/workflow-bundle-cache.ts';

const PORT = 17733;
const UI_ORIGIN = 'http://127.0.0.1:18733';
const TOKEN = 'codec-test-token-0123456789';
const keyA = generatePayloadKey('2026-11-a');
const keyB = generatePayloadKey('2026-12-b');
/** Personal data that travels in the trigger: the reporter's address and a customer's name. */
const REPORTER = 'whistle.blower@shop.test';
const NAME_IN_TEXT = 'Ingrid Sørensen';

let env: TestWorkflowEnvironment;
let store: HeraldStore;
let codecServer: RunningCodecServer;
/** The bundle as the image builds it (`npm run bundle-workflows`): what production workers load. */
let prebuilt: WorkflowBundleOption;

before(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  [env, store, prebuilt] = await Promise.all([
    startDevServer({ port: PORT }),
    openStore({}),
    cachedWorkflowBundle({ asImage: true }),
  ]);
  codecServer = await startCodecServer({
    codec: new AesGcmCodec([keyB, keyA]),
    allowedOrigins: [UI_ORIGIN],
    token: TOKEN,
  });
});
after(async () => {
  await codecServer.close();
  await Promise.all([env.teardown(), store.close()]);
});

const incident = (id: string, detectedAt: string) =>
  lockout(id, detectedAt, {
    description: `Reported by ${NAME_IN_TEXT}: checkout refused her order while the integration user was frozen.`,
    reporter: { name: 'Shop support', email: REPORTER },
  });

/** Every string in the raw history, with each base64 `data` field also decoded: what a reader of Temporal's database sees. */
async function rawHistory(workflowId: string): Promise<{ text: string; keyIds: Set<string>; failures: string[] }> {
  const { stdout, code, stderr } = await runCommand(temporalCliPath(), [
    'workflow',
    'show',
    '--address',
    env.address,
    '--workflow-id',
    workflowId,
    '--output',
    'json',
  ]);
  assert.equal(code, 0, stderr);
  const parts: string[] = [stdout];
  const keyIds = new Set<string>();
  const failures: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'data' || key === 'encryption-key-id') parts.push(Buffer.from(node, 'base64').toString('utf8'));
      if (key === 'encryption-key-id') keyIds.add(Buffer.from(node, 'base64').toString('utf8'));
    } else if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        // `failure`, `lastFailure` (a retried attempt), `cause`: each carries a message.
        if (/failure$|^cause$/i.test(k) && v && typeof v === 'object' && 'message' in v) {
          failures.push(String((v as { message?: unknown }).message));
        }
        walk(v, k);
      }
    }
  };
  walk(JSON.parse(stdout));
  return { text: parts.join('\n'), keyIds, failures };
}

async function withWorker<T>(
  keys: (typeof keyA)[],
  taskQueue: string,
  body: () => Promise<T>,
  workflowBundle: WorkflowBundleOption = prebuilt,
): Promise<T> {
  const { deps, outage } = inMemoryProviders(store);
  // The first email attempt fails, so the history holds an activity failure too.
  let failed = false;
  outage.failing = (key) => {
    if (failed || !key.endsWith('/email')) return false;
    failed = true;
    return true;
  };
  const worker: Worker = await createHeraldWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle,
    dataConverter: workerDataConverter(keys),
  });
  return worker.runUntil(body());
}

const clientWith = (keys: (typeof keyA)[]): Client => {
  const dataConverter = clientDataConverter(keys);
  return new (env.client.constructor as typeof Client)({
    connection: env.connection,
    namespace: 'default',
    ...(dataConverter ? { dataConverter } : {}),
  });
};

const responder = { id: 'erin', role: 'responder' as const };

test('control: without keys the raw history shows the personal data', async () => {
  const taskQueue = 'codec-control';
  const client = clientWith([]);
  const detectedAt = new Date().toISOString();
  await withWorker([], taskQueue, async () => {
    const { handle } = await startLockout(
      client,
      { incident: incident('ENC-0', detectedAt), timeScale: 1 / 1000 },
      taskQueue,
    );
    await actOnLockout(handle, 'close', { actor: responder, reason: 'control run' });
    await handle.result();
  });
  const { text } = await rawHistory('lockout:ENC-0');
  assert.ok(text.includes(REPORTER) && text.includes(NAME_IN_TEXT), 'the search finds clear text');
});

test('encrypted: no personal data in Temporal, failures encoded; the key rotates mid-procedure and it finishes', async () => {
  const taskQueue = 'codec-encrypted';
  const detectedAt = new Date().toISOString();
  const start = { incident: incident('ENC-1', detectedAt), timeScale: 1 / 1000 };

  await withWorker([keyA], taskQueue, async () => {
    const { handle } = await startLockout(clientWith([keyA]), start, taskQueue);
    await actOnLockout(handle, 'acknowledge', { actor: responder, note: `called ${NAME_IN_TEXT}` });
  });
  // Rotation: the new key encrypts from now on; the old one still decrypts what it wrote.
  const final = await withWorker([keyB, keyA], taskQueue, async () => {
    const handle = lockoutHandle(clientWith([keyB, keyA]), 'ENC-1');
    await actOnLockout(handle, 'resolve', { actor: responder, rootCause: `Token rotated; ${REPORTER} informed.` });
    return handle.result();
  });
  assert.equal(final.phase, 'completed');
  assert.equal(final.acknowledgement?.by.id, 'erin');

  const { text, keyIds, failures } = await rawHistory('lockout:ENC-1');
  assert.ok(!text.includes(REPORTER), 'no reporter address in the stored history');
  assert.ok(!text.includes(NAME_IN_TEXT), 'no name in the stored history');
  assert.deepEqual([...keyIds].sort(), [keyA.id, keyB.id].sort(), 'payloads under both keys');
  assert.ok(failures.length > 0, 'an activity failure is in the history');
  for (const message of failures) assert.equal(message, 'Encoded failure');

  // A client that lacks the new key is told which key it needs.
  await assert.rejects(lockoutHandle(clientWith([keyA]), 'ENC-1').result(), /2026-12-b.*not among HERALD_PAYLOAD_KEYS/);
});

test('a failure raised in workflow code is encoded by the prebuilt bundle; a bundle without the converter writes it in clear', async () => {
  // Refused input fails the workflow inside the sandbox, so the bundle's own converter writes it.
  const refused = { incident: { ...incident('ENC-2', new Date().toISOString()), lockoutId: '' }, timeScale: 1 };
  const failWith = async (workflowBundle: WorkflowBundleOption, workflowId: string) => {
    const client = clientWith([keyA]);
    await withWorker(
      [keyA],
      `codec-${workflowId}`,
      async () => {
        const handle = await client.workflow.start('complianceLockout', {
          args: [refused],
          taskQueue: `codec-${workflowId}`,
          workflowId,
        });
        await assert.rejects(handle.result(), (error: Error) => {
          assert.match(
            String((error.cause as Error | undefined)?.message),
            /invalid lockout input/,
            'the client decodes it',
          );
          return true;
        });
      },
      workflowBundle,
    );
    return (await rawHistory(workflowId)).failures;
  };
  const encoded = await failWith(prebuilt, 'enc-refused-prebuilt');
  assert.ok(encoded.length > 0, 'the workflow failure is in the history');
  for (const message of encoded) assert.equal(message, 'Encoded failure');

  const clear = await failWith(await cachedWorkflowBundle(), 'enc-refused-no-converter');
  assert.ok(
    clear.some((message) => message.includes('invalid lockout input')),
    'without the converter in the bundle the message is stored in clear: the check above can fail',
  );
});

test('codec server: decrypts for Temporal UI with the token; refuses without it, other origins, bad bodies', async () => {
  const [sealed] = await new AesGcmCodec([keyA]).encode([
    { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode(`"${REPORTER}"`) },
  ]);
  const wire = {
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(sealed?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        data: Buffer.from(sealed?.data ?? new Uint8Array()).toString('base64'),
      },
    ],
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${codecServer.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const auth = { Authorization: `Bearer ${TOKEN}`, Origin: UI_ORIGIN };

  const decoded = await post('/decode', wire, auth);
  assert.equal(decoded.status, 200);
  assert.equal(decoded.headers.get('access-control-allow-origin'), UI_ORIGIN);
  const body = (await decoded.json()) as { payloads: { data: string }[] };
  assert.equal(Buffer.from(body.payloads[0]?.data ?? '', 'base64').toString('utf8'), `"${REPORTER}"`);

  const encoded = (await (await post('/encode', body, auth)).json()) as {
    payloads: { metadata: Record<string, string> }[];
  };
  assert.equal(Buffer.from(encoded.payloads[0]?.metadata['encryption-key-id'] ?? '', 'base64').toString(), keyB.id);

  assert.equal((await post('/decode', wire)).status, 401, 'no token');
  assert.equal((await post('/decode', wire, { Authorization: 'Bearer wrong-token-wrong-token' })).status, 401);
  const preflight = await fetch(`${codecServer.url}/decode`, { method: 'OPTIONS', headers: { Origin: UI_ORIGIN } });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
  const foreign = await fetch(`${codecServer.url}/decode`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://evil.test' },
  });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);

  const bad = await post('/decode', '{not json', auth);
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /body must be JSON/);
  const shape = await post('/decode', { payloads: [{ data: '%%%' }] }, auth);
  assert.equal(shape.status, 400);
  assert.match(((await shape.json()) as { error: string }).error, /payloads\.0\.data: must be base64/);
  const stranger = await new AesGcmCodec([generatePayloadKey('unknown-key')]).encode([
    { metadata: {}, data: new Uint8Array([1]) },
  ]);
  const unknown = await post(
    '/decode',
    {
      payloads: stranger.map((p) => ({
        metadata: Object.fromEntries(
          Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
      })),
    },
    auth,
  );
  assert.equal(unknown.status, 422);
  assert.match(((await unknown.json()) as { error: string }).error, /unknown-key/);
});
