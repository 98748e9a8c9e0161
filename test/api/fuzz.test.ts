/**
 * Schemathesis fuzzes the HTTP API from its own OpenAPI document against a real dev server and
 * worker: no answer is a 5xx, invalid data is refused with a 4xx, status codes and content types
 * are the documented ones, authentication is never ignored — and afterwards every procedure the
 * fuzzer managed to start had a valid trigger.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { buildApi } from '../../client/api/app.ts';
import { ActorClaimSigner } from '../../client/api/claims/claim-signer.ts';
import { loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { parseLockoutInput } from '../../client/lockout-client.ts';
import { parseStartInput } from '../../client/data-leak-client.ts';
import { schemathesisPath } from '../../workers/local-temporal.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { runCommand } from '../support/run-command.ts';
import { testTriggers } from '../support/triggers.ts';

const taskQueue = 'herald-fuzz';
const stack = useDevServerWorker({ port: 18333, taskQueue });
const TOKEN = 'fuzz-responder-token-0123456789';
let server: ServerType | undefined;

/** Serves the API on a free port (inside the test: root hooks may run before the dev server is up). */
async function serveApi(): Promise<string> {
  const alertRoutes = await loadAlertRoutes('config/alert-routes.example.json');
  const app = buildApi({
    client: stack().env.client,
    taskQueue,
    tokens: new TokenRegistry([{ id: 'fuzzer', role: 'responder', sha256: sha256Hex(TOKEN) }]),
    pagerDutySecret: 'fuzz-pagerduty-secret-0123456789',
    incidentIoSecret: 'whsec_ZnV6ei1pbmNpZGVudC1pby1zZWNyZXQtMDEy',
    alertRoutes,
    triggers: testTriggers({ client: stack().env.client, taskQueue, store: stack().store, routes: alertRoutes }),
    rateLimitPerMinute: 100_000,
    maxBodyBytes: 256 * 1024,
    // Configured, so the fuzzer meets claims and signature checks rather than "not configured".
    claims: new ActorClaimSigner({ kid: 'fuzz', key: generateKeyPairSync('ed25519').privateKey }),
    callbacks: {
      events: stack().store.deliveryStatus,
      sendgridPublicKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey,
      twilio: { authToken: 'fuzz-twilio-auth-token', publicUrl: 'https://herald.example.org' },
    },
    // Configured, so the fuzzer reads drill reports rather than "not shared".
    drillReports: stack().store.documents,
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  return `http://127.0.0.1:${((server as ServerType).address() as AddressInfo).port}`;
}
after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

test('schemathesis: zero 5xx, invalid input refused, documented statuses, no procedure from invalid input', async () => {
  const url = await serveApi();
  const reports = await mkdtemp(join(tmpdir(), 'herald-fuzz-'));
  const result = await runCommand(schemathesisPath(), [
    '--config-file',
    fileURLToPath(new URL('./schemathesis.toml', import.meta.url)),
    'run',
    `${url}/openapi.json`,
    '--checks',
    'not_a_server_error,status_code_conformance,content_type_conformance,negative_data_rejection,ignored_auth',
    '--header',
    `Authorization: Bearer ${TOKEN}`,
    '--max-examples',
    '12',
    '--seed',
    '20261201',
    '--workers',
    '1',
    '--generation-database',
    'none',
    '--phases',
    'examples,coverage,fuzzing',
    '--report',
    'junit',
    '--report-dir',
    reports,
  ]);
  if (result.code !== 0) await writeFile(join(reports, 'stdout.txt'), result.stdout);
  assert.equal(
    result.code,
    0,
    `schemathesis found failures (whole output in ${reports}/stdout.txt):\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-2000)}`,
  );
  const junitFile = (await readdir(reports)).find((f) => /^junit.*\.xml$/.test(f));
  assert.ok(junitFile, 'schemathesis wrote its JUnit report');
  const junit = await readFile(join(reports, junitFile), 'utf8');
  const tests = Number(/tests="(\d+)"/.exec(junit)?.[1] ?? 0);
  assert.ok(tests >= 16, `schemathesis exercised ${tests} operations`);
  console.log(
    `schemathesis: ${result.stdout
      .split('\n')
      .filter((l) => /passed|failed|test cases/i.test(l))
      .join(' | ')}`,
  );

  // Every procedure the fuzzer started was started from input the trigger schema accepts.
  let started = 0;
  for await (const wf of stack().env.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    const handle = stack().env.client.workflow.getHandle(wf.workflowId, wf.runId);
    const history = await handle.fetchHistory();
    const args = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const [input] = await Promise.all(
      args.map((p) => stack().env.client.options.loadedDataConverter.payloadConverter.fromPayload(p)),
    );
    if (wf.type === 'complianceLockout') assert.doesNotThrow(() => parseLockoutInput(input), wf.workflowId);
    else if (wf.type === 'dataLeakNotification') assert.doesNotThrow(() => parseStartInput(input), wf.workflowId);
    started++;
    await handle.terminate('fuzzing over').catch(() => undefined);
  }
  console.log(`schemathesis started ${started} procedures, each from a valid trigger`);
});
