/**
 * The demo: an embedded Temporal dev server with its UI, the sandbox providers (or the real ones
 * when credentials are configured), the worker, and a sample data-leak incident touching a few
 * hundred students. It acts as the operators would (acknowledge, approve) and prints what happens
 * on the procedure's clock. Time is compressed by HERALD_DEMO_TIME_SCALE; the policy is unchanged.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openStore } from '../activities/store/open-store.ts';
import { act, getStatus, startDataLeak } from '../client/data-leak-client.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { buildDeps } from '../workers/build-deps.ts';
import { hasRealProviderCredentials, parseConfig, parseDemoConfig } from '../workers/config.ts';
import { createHeraldWorker } from '../workers/create-worker.ts';
import { startDevServer } from '../workers/local-temporal.ts';
import type { ProcedureStatus } from '../workflows/domain/status.ts';
import { describeChanges, formatPolicyTime } from './demo-narration.ts';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const demo = parseDemoConfig(process.env);
const useRealProviders = hasRealProviderCredentials(process.env);
const scale = demo.HERALD_DEMO_TIME_SCALE;
const started = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);

say(
  `starting Temporal dev server on 127.0.0.1:${demo.HERALD_DEMO_TEMPORAL_PORT} (UI on port ${demo.HERALD_DEMO_UI_PORT})`,
);
const temporal = await startDevServer({ port: demo.HERALD_DEMO_TEMPORAL_PORT, uiPort: demo.HERALD_DEMO_UI_PORT });
let sandbox: Sandbox | undefined;
if (useRealProviders) {
  say('real provider credentials found: using Salesforce, SendGrid and Twilio as configured');
} else {
  sandbox = await startSandbox({ seed: { count: demo.HERALD_DEMO_STUDENTS } });
  say(
    `sandbox providers up: Salesforce ${sandbox.salesforceUrl}, SendGrid ${sandbox.sendgridUrl}, Twilio ${sandbox.twilioUrl}`,
  );
}
const config = parseConfig({ ...process.env, ...(sandbox ? sandboxEnvironment(sandbox) : {}) });
const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.HERALD_DATA_DIR });
const worker = await createHeraldWorker({
  connection: temporal.nativeConnection,
  namespace: 'default',
  taskQueue: config.HERALD_TASK_QUEUE,
  deps: await buildDeps(config, store),
});
const workerRun = worker.run();

const incidentId = `DEMO-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const detectedAt = new Date().toISOString();
const { handle } = await startDataLeak(
  temporal.client,
  {
    incident: {
      incidentId,
      detectedAt,
      severity: 'high',
      title: 'Physics student records exposed through an LMS export',
      description:
        'A scheduled export of Physics student records from the learning-management system was readable without authentication.',
      dataCategories: ['name', 'email address', 'phone number', 'student ID', 'grades'],
      jurisdictions: ['DE', 'FR', 'IE', 'NL', 'ES', 'IT', 'GB', 'US'],
      crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: 'Physics' }] },
      likelyConsequences: 'Targeted phishing using names, email addresses and grades.',
      measuresTaken: 'The export was disabled, the link revoked and access logs secured for review.',
      reporter: { name: 'SIEM correlation rule 4711' },
    },
    timeScale: scale,
  },
  config.HERALD_TASK_QUEUE,
);
const uiLink = `http://127.0.0.1:${demo.HERALD_DEMO_UI_PORT}/namespaces/default/workflows/${encodeURIComponent(handle.workflowId)}`;
say(`incident ${incidentId} triggered; the 72 h policy runs ${Math.round(1 / scale)}× faster`);
say(`watch it in Temporal UI: ${uiLink}`);

/** Procedure time since awareness, in policy terms. */
const policyAt = (ms: number) => (ms - Date.parse(detectedAt)) / scale;
const policyNow = () => policyAt(Date.now());
const policyTime = (iso: string) => formatPolicyTime(policyAt(Date.parse(iso)));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let previous: ProcedureStatus | null = null;
let acknowledged = false;
let approved = false;

while (true) {
  const status = await getStatus(handle);
  for (const line of describeChanges(previous, status, policyTime)) say(`${formatPolicyTime(policyNow())}  ${line}`);
  previous = status;
  if (status.phase === 'completed' || status.phase === 'closed') break;
  if (!acknowledged && status.escalationLevel >= 1 && policyNow() > 7 * MINUTE) {
    await act(handle, 'acknowledge', { actor: { id: 'olga.oncall', role: 'responder' }, note: 'investigating' });
    acknowledged = true;
    say(`${formatPolicyTime(policyNow())}  operator olga.oncall acknowledged the alert (as an Update)`);
  }
  const draft = status.authorityNotice.draft;
  if (!approved && draft?.state === 'pending-approval' && policyNow() > 30 * HOUR) {
    await act(handle, 'approve', {
      actor: { id: 'lee.legal', role: 'legal' },
      version: draft.version,
      sha256: draft.sha256,
    });
    approved = true;
    say(
      `${formatPolicyTime(policyNow())}  legal (lee.legal) approved notice v${draft.version}, sha256 ${draft.sha256.slice(0, 12)}…`,
    );
  }
  await new Promise((r) => setTimeout(r, 250));
}

const final = await handle.result();
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
say(
  `  audit chain: ${verification.ok ? `verified, ${verification.entries} entries` : `BROKEN: ${verification.problem}`}`,
);

if (demo.HERALD_DEMO_EXIT === '0') {
  say(`Temporal UI stays up at ${uiLink} — press Ctrl+C to stop`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
}
worker.shutdown();
await workerRun;
await store.close();
await sandbox?.close();
await temporal.teardown();
// A compressed clock on a slow machine may miss a milestone: that is shown above, not a failure.
process.exit(verification.ok && final.phase === 'completed' ? 0 : 1);
