/**
 * The demo: an embedded Temporal dev server with its UI, the sandbox providers (or the real ones
 * when credentials are configured), the worker, and a sample procedure — a data-leak incident
 * touching a few hundred students, or (HERALD_DEMO_PROCEDURE=lockout) a compliance lockout. It acts
 * as the operators would and prints what happens on the procedure's clock. Time is compressed by
 * HERALD_DEMO_TIME_SCALE; the policy is unchanged. HERALD_DEMO_DRILL runs either procedure as a
 * drill, its scenario's fault injected on the sandbox and lifted, its report printed.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openStore } from '../activities/store/open-store.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import { AesGcmCodec, formatPayloadKey, generatePayloadKey } from '../client/codec/aes-gcm-codec.ts';
import { startCodecServer } from '../client/codec/codec-server.ts';
import { clientDataConverter, workerDataConverter } from '../client/codec/data-converter.ts';
import { claimInterceptor } from '../client/cli/claim-interceptor.ts';
import { drillReportLines } from '../client/cli/render-drill-report.ts';
import { drillReportKey } from '../client/drill-client.ts';
import { applySchedules } from '../client/schedules.ts';
import { staffContactsOf } from '../activities/directory.ts';
import { injectDrillScenario } from '../sandbox/drill-scenarios.ts';
import { sortDrillTraffic } from '../sandbox/drill-traffic.ts';
import type { DrillReport } from '../workflows/domain/drill-report.ts';
import { seedCustomers, startSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { buildDeps } from '../workers/build-deps.ts';
import { hasRealProviderCredentials, parseConfig, parseDemoConfig } from '../workers/config.ts';
import { createHeraldWorkerSet } from '../workers/create-worker.ts';
import { startDevServer } from '../workers/local-temporal.ts';
import { runDataLeakDemo } from './demo-data-leak.ts';
import { runLockoutDemo } from './demo-lockout.ts';
import { formatPolicyTime } from './demo-narration.ts';
import { devActorKeys } from './dev-actor-keys.ts';
import { startDevApi } from './dev-api.ts';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const demo = parseDemoConfig(process.env);
/** `--stack-only` (what `herald dev` runs): everything but the scenario, plus the HTTP API. */
const stackOnly = process.argv.includes('--stack-only');
const useRealProviders = hasRealProviderCredentials(process.env);
const scale = demo.HERALD_DEMO_TIME_SCALE;
const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);

let sandbox: Sandbox | undefined;
if (useRealProviders) {
  say('real provider credentials found: using Salesforce, SendGrid and Twilio as configured');
} else {
  sandbox = await startSandbox({ seed: { count: demo.HERALD_DEMO_STUDENTS }, customers: seedCustomers() });
  say(
    `sandbox providers up: Salesforce ${sandbox.salesforceUrl}, SendGrid ${sandbox.sendgridUrl}, Twilio ${sandbox.twilioUrl}`,
  );
}
// Actor claims: a key for this run; the worker trusts its public half, the API and the scripted
// operators sign with it.
const actorKeys = await devActorKeys(await mkdtemp(join(tmpdir(), 'herald-demo-keys-')));
const config = parseConfig({
  ...process.env,
  ...(sandbox ? sandboxEnvironment(sandbox) : {}),
  HERALD_ACTOR_KEYS_FILE: actorKeys.keysFile,
  // The demo's operators sign their claims: its procedures verify them, as production's do.
  HERALD_INSECURE_UNSIGNED_ACTIONS: '',
});
// Payloads are encrypted in the demo too: with the configured keys, or a key for this run only.
const keys = config.HERALD_PAYLOAD_KEYS.length > 0 ? config.HERALD_PAYLOAD_KEYS : [generatePayloadKey('demo')];
const uiOrigins = [`http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}`, `http://localhost:${demo.HERALD_DEMO_UI_PORT}`];
// On loopback only, for the dev server's UI, which cannot send a token.
const codecServer = await startCodecServer({
  codec: new AesGcmCodec(keys),
  allowedOrigins: uiOrigins,
  allowUnauthenticated: true,
});
say(`payloads encrypted with key "${keys[0]?.id ?? ''}"; Temporal UI decrypts them through ${codecServer.url}`);

say(
  `starting Temporal dev server on 127.0.0.1:${demo.HERALD_DEMO_TEMPORAL_PORT} (UI on port ${demo.HERALD_DEMO_UI_PORT})`,
);
const temporal = await startDevServer({
  port: demo.HERALD_DEMO_TEMPORAL_PORT,
  uiPort: demo.HERALD_DEMO_UI_PORT,
  dataConverter: clientDataConverter(keys),
  uiCodecEndpoint: codecServer.url,
});
const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.HERALD_DATA_DIR });
// As in production: the mass notification's batches on the rate-limited provider task queues.
const deps = await buildDeps(config, store, { providerQueues: true });
const worker = await createHeraldWorkerSet({
  connection: temporal.nativeConnection,
  namespace: 'default',
  taskQueue: config.HERALD_TASK_QUEUE,
  deps,
  ...(config.HERALD_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: config.HERALD_WORKFLOW_BUNDLE } } : {}),
  dataConverter: workerDataConverter(keys),
});
const workerRun = worker.run();
for (const s of await applySchedules(temporal.client, { taskQueue: config.HERALD_TASK_QUEUE })) {
  say(`schedule ${s.scheduleId} ${s.outcome}: ${s.workflowType} every ${s.every} (Temporal UI → Schedules)`);
}

// The HTTP API and the console, for the scenario's watchers as for `herald dev`.
const api = await startDevApi(
  temporal.client,
  config.HERALD_TASK_QUEUE,
  demo.HERALD_DEMO_API_PORT,
  store,
  actorKeys.signer,
  `http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}`,
  demo,
);
say(`HTTP API on ${api.url} (OpenAPI at ${api.url}/openapi.json); tokens for this run:`);
for (const [role, token] of Object.entries(api.tokens)) say(`  ${role.padEnd(11)} Bearer ${token}`);
say(`console: ${api.url}/console — sign in with the token of the role you want to act as`);
say(`message templates: ${api.url}/console/templates, ${api.url}/v1/templates (any token)`);

if (stackOnly) {
  // `herald dev`: the stack without a scenario, until Ctrl+C.
  say(`PagerDuty webhook ${api.url}/v1/webhooks/pagerduty, signing secret ${api.pagerDutySecret}`);
  say(`incident.io webhook ${api.url}/v1/webhooks/incident-io, signing secret ${api.incidentIoSecret}`);
  say(`kept triggers: ${api.url}/v1/triggers (any token), ${api.url}/healthz/triggers`);
  say(
    `herald command: TEMPORAL_ADDRESS=127.0.0.1:${demo.HERALD_DEMO_TEMPORAL_PORT} HERALD_PAYLOAD_KEYS=${formatPayloadKey(keys[0] ?? generatePayloadKey('demo'))} HERALD_API_URL=${api.url} HERALD_API_TOKEN=<a token above> bin/herald …`,
  );
  say(`stack up: Temporal UI http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}, task queue ${config.HERALD_TASK_QUEUE}`);
  if (demo.HERALD_DEMO_EXIT === '0') {
    say('press Ctrl+C to stop');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }
  await api.close();
  worker.shutdown();
  await workerRun;
  await Promise.all([store.close(), sandbox?.close(), temporal.teardown(), codecServer.close()]);
  process.exit(0);
}

const uiLink = (workflowId: string) =>
  `http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
// The scripted operators' actions carry claims, as the CLI's do through the API.
const scenarioClient = new Client({
  connection: temporal.connection,
  namespace: 'default',
  dataConverter: clientDataConverter(keys),
  interceptors: { workflow: [claimInterceptor(actorKeys.scripted, say)] },
});
const scenario = { client: scenarioClient, taskQueue: config.HERALD_TASK_QUEUE, scale, say, uiLink };
const drill = demo.HERALD_DEMO_DRILL;
if (drill !== undefined && sandbox) {
  // The drill's fault, the fault matrix's way, for two policy hours.
  const injected = injectDrillScenario(sandbox, drill);
  say(`drill scenario ${drill}: ${injected.description}`);
  setTimeout(
    () => {
      injected.lift();
      say(`drill scenario ${drill} lifted`);
    },
    2 * 3_600_000 * scale,
  ).unref();
}
const final =
  demo.HERALD_DEMO_PROCEDURE === 'lockout'
    ? await runLockoutDemo(scenario, drill)
    : await runDataLeakDemo(scenario, drill);
const detectedAt = final.detectedAt;
const policyTime = (iso: string) => formatPolicyTime((Date.parse(iso) - Date.parse(detectedAt)) / scale);
const verification = await store.audit.verify();
say('procedure finished:');
for (const m of final.milestones) {
  const due = m.dueAt ? `due ${policyTime(m.dueAt)}` : 'no fixed deadline';
  say(
    `  ${m.id.padEnd(20)} ${m.state.padEnd(8)} ${due.padEnd(16)} ${m.completedAt ? `done ${policyTime(m.completedAt)}` : ''}`,
  );
}
say(
  `  deliveries: email ${final.deliveries.email.accepted} accepted / ${final.deliveries.email.failed} refused; sms ${final.deliveries.sms.accepted} accepted / ${final.deliveries.sms.failed} refused`,
);
if (sandbox) {
  say(`  sandbox received ${sandbox.log.acceptedEmails().length} emails and ${sandbox.log.acceptedSms().length} SMS`);
}
let leaked = 0;
if (drill !== undefined) {
  const procedure = demo.HERALD_DEMO_PROCEDURE;
  const drillId = 'incidentId' in final ? final.incidentId : final.lockoutId;
  const report = await store.documents.latest(drillReportKey(procedure, drillId), 'drill-report');
  say(report ? `drill report (herald drill report lists every drill):` : 'the drill stored no report');
  if (report) for (const line of drillReportLines(JSON.parse(report.body) as DrillReport)) say(`  ${line}`);
  const sink = deps.directory.drillSink;
  if (sandbox && sink) {
    // From the sandbox's own request log: who got what.
    const traffic = sortDrillTraffic(sandbox.log, staffContactsOf(deps.directory), sink);
    const stoodIn =
      procedure === 'lockout' ? 'customers, procurement and account owners' : 'the authority and the affected people';
    say(
      `  ${traffic.sinkEmails.length} emails and ${traffic.sinkSms.length} SMS went to the drill sink in place of ${stoodIn}`,
    );
    leaked = traffic.outsideEmails.length + traffic.outsideSms.length;
    say(`  ${leaked} messages went to anyone but staff and the drill sink`);
    for (const m of [...traffic.outsideEmails, ...traffic.outsideSms]) say(`    LEFT THE ORGANISATION: ${m.to}`);
  }
}
say(
  `  audit chain: ${verification.ok ? `verified, ${verification.entries} entries` : `BROKEN: ${verification.problem}`}`,
);
say(
  `to look around: the console ${api.url}/console (a token above), Temporal UI http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}`,
);

if (demo.HERALD_DEMO_EXIT === '0') {
  say(`Temporal UI stays up at http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT} — press Ctrl+C to stop`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
}
await api.close();
worker.shutdown();
await workerRun;
await store.close();
await sandbox?.close();
await temporal.teardown();
await codecServer.close();
// A compressed clock on a slow machine may miss a milestone: that is shown above, not a failure.
process.exit(verification.ok && final.phase === 'completed' && leaked === 0 ? 0 : 1);
