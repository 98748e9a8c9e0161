/**
 * Records workflow histories for the replay test: runs scenarios that touch every handler and
 * track on the time-skipping server and writes their histories to test/replay/histories/.
 * Run it (npm run record-histories [-- name…]) when adding a scenario; never to paper over a
 * replay failure: a failing replay means the workflow change needs patched().
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { actOnLockout, startLockout } from '../../client/lockout-client.ts';
import { lockoutActions } from '../../workflows/lockout/messages.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { overrideSignal } from '../../workflows/data-leak/messages.ts';
import { startDevServer, temporalCliPath } from '../../workers/local-temporal.ts';
import { runLateResultScenario } from '../support/late-result-scenario.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { withCustomerContacts } from '../support/customer-deps.ts';
import { ListCrm } from '../support/fake-providers.ts';
import { unreachableStore } from '../support/unreachable-store.ts';
import { organisationProfileSchema } from '../../workflows/domain/organisation-profile.ts';
import { legal, responder, runScenario, startHarness } from '../support/workflow-harness.ts';
import { bouncedAtLateEvening, HOUR } from '../support/late-evening-bounce.ts';
import { DEFAULT_FANOUT } from '../../activities/mass-notification/settings.ts';
import { DEFAULT_QUIET_HOURS } from '../../activities/mass-notification/sms-quiet-hours.ts';

type Scenario = (s: Parameters<Parameters<typeof runScenario>[1]>[0]) => Promise<WorkflowHandle>;

const SCENARIOS: Record<string, Scenario> = {
  // Full run: late stakeholder notice, escalation, pause/resume, reject with text, late approval.
  'data-leak-full': async ({ client, taskQueue, incident, outage }) => {
    outage.failing = (key) => key.includes('/stakeholder-notice/');
    const { handle } = await startDataLeak(client, { incident: incident('REPLAY-1') }, taskQueue);
    await harness.env.sleep('6 minutes');
    await act(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('60 minutes');
    outage.failing = () => false;
    await handle.signal(overrideSignal, { actor: responder, kind: 'pause', reason: 'verifying scope' });
    await harness.env.sleep('10 minutes');
    await act(handle, 'override', { actor: responder, kind: 'resume', reason: 'scope verified' });
    const v1 = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'reject', {
      actor: legal,
      version: v1?.version ?? 1,
      reason: 'state the student ID exposure explicitly',
      replacementText: 'Replacement notice text from legal for REPLAY-1 naming the student IDs exposed.',
    });
    await harness.env.sleep('73 hours');
    const late = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'approve', { actor: legal, version: late?.version ?? 0, sha256: late?.sha256 ?? '' });
    await handle.result();
    return handle;
  },
  // The same full run after the legal review request was added (patched): both histories must replay.
  'data-leak-review-request': (s) => SCENARIOS['data-leak-full']!(s),
  // The same again after the affected people moved to the mass-notification child (patched).
  'data-leak-mass-fanout': (s) => SCENARIOS['data-leak-full']!(s),
  // The same again with the template pins, the first page first and pinning itself (patched
  // 'templates-pinned', 'first-page-first-2', 'first-page-pins').
  'data-leak-first-page-pins': (s) => SCENARIOS['data-leak-full']!(s),
  // And with the finish estimate of channels sharing one capacity (patched 'fanout-estimate-shared-capacity').
  'data-leak-shared-capacity': (s) => SCENARIOS['data-leak-full']!(s),
  // And with an email recipient weighed against an SMS one in that capacity (patched 'fanout-estimate-channel-costs').
  'data-leak-channel-costs': (s) => SCENARIOS['data-leak-full']!(s),
  // The full run's mass-notification child: its pages are commands of its own history, not the procedure's.
  'fanout-child': async (s) => childOf(s, await SCENARIOS['data-leak-full']!(s)),
  // The child again once an email page may leave a dead attempt's people to a later run (patched 'fanout-email-later-runs').
  'fanout-child-email-later-runs': async (s) => childOf(s, await SCENARIOS['data-leak-full']!(s)),
  // The child with two SMS pages at once (patched 'fanout-sms-pages-overlap'): 30 people, pages of 10.
  'fanout-child-sms-pages-overlap': async (s) => childOf(s, await SCENARIOS['data-leak-full']!(s)),
  // Procedures that own their failures (patched 'resilient-procedures'): email revoked from the start
  // (blocked, paged by SMS, retried by an operator after the fix), legal's corrected text, the
  // authority's address refusing the approved notice once (legal and the DPO told), resent on retry.
  'data-leak-resilient': async ({ client, taskQueue, incident, outage }) => {
    outage.refusing = (channel, key) =>
      channel === 'email' && !key.includes('/authority-notice:')
        ? ApplicationFailure.nonRetryable('SendGrid refused the API key (HTTP 401)', 'ProviderAuth')
        : key.includes('/authority-notice:v2/')
          ? ApplicationFailure.nonRetryable('SendGrid refused the recipient address (HTTP 400)', 'InvalidRecipient')
          : undefined;
    const { handle } = await startDataLeak(client, { incident: incident('REPLAY-R-1') }, taskQueue);
    await harness.env.sleep('6 minutes');
    await act(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('70 minutes');
    outage.refusing = (_channel, key) =>
      key.includes('/authority-notice:v2/')
        ? ApplicationFailure.nonRetryable('SendGrid refused the recipient address (HTTP 400)', 'InvalidRecipient')
        : undefined;
    await act(handle, 'retry', { actor: responder, service: 'email', note: 'key rotated' });
    const v1 = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'reject', {
      actor: legal,
      version: v1?.version ?? 1,
      reason: 'state the student ID exposure explicitly',
      replacementText: 'Replacement notice text from legal for REPLAY-R-1 naming the student IDs exposed.',
    });
    await harness.env.sleep('10 minutes');
    const v2 = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'approve', { actor: legal, version: v2?.version ?? 0, sha256: v2?.sha256 ?? '' });
    await harness.env.sleep('5 minutes');
    outage.refusing = undefined;
    await act(handle, 'retry', { actor: responder, note: 'authority address corrected' });
    await handle.result();
    return handle;
  },
  // The lockout owning its failures: SMS failing for half an hour (shown, paged by email once it
  // lasted), the ladder, status updates, a scope change and the resolution.
  'lockout-resilient': async ({ client, taskQueue, detectedAt, outage }) => {
    outage.failing = (key) => key.endsWith('/sms');
    const { handle } = await startLockout(client, { incident: lockout('REPLAY-LO-R1', detectedAt) }, taskQueue);
    await harness.env.sleep('30 minutes');
    outage.failing = () => false;
    await actOnLockout(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('90 minutes');
    await actOnLockout(handle, 'scopeChange', { actor: responder, surfaces: ['checkout'], reason: 'sync recovered' });
    await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Integration token rotated; ACL corrected.' });
    await handle.result();
    return handle;
  },
  // Legal clocks enforced (patched 'enforced-legal-clocks'): people in Texas and India, a Title IV
  // profile, a determination, a filing by legal, the CERT-In clock missed and escalated.
  'data-leak-legal-clocks': async ({ client, taskQueue, incident }) => {
    const start = { incident: { ...incident('REPLAY-C-1'), dataCategories: ['name', 'Social Security number'] } };
    const { handle } = await startDataLeak(client, start, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('30 minutes');
    const { detectedAt } = await getStatus(handle);
    await act(handle, 'recordDetermination', {
      actor: legal,
      determination: 'high-risk-assessed',
      at: new Date(Date.parse(detectedAt) + 20 * 60_000).toISOString(),
      reason: 'social security numbers of students exposed',
    });
    await act(handle, 'recordSubmission', {
      actor: legal,
      clockId: 'us-tx:attorney-general',
      at: new Date(Date.parse(detectedAt) + 25 * 60_000).toISOString(),
      reference: 'TX-AG-REPLAY-1',
      filedBy: 'Lee Legal',
    });
    await harness.env.sleep('7 hours');
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'recorded for replay' });
    await handle.result();
    return handle;
  },
  // Lockout: ladder climbs, acknowledgement, hourly updates, approved text by signal, scope change, resolution.
  // Procedures that ride out a store outage (patched 'store-outage'): the store down from the
  // trigger, the on-call paged without the ledger, acknowledged, the held audit written after.
  'data-leak-store-outage': async ({ client, taskQueue, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('REPLAY-STORE-1') }, taskQueue);
    await harness.env.sleep('3 minutes');
    await act(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('20 minutes');
    outageStore.down = false;
    await harness.env.sleep('10 minutes');
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'recorded for replay' });
    await handle.result();
    return handle;
  },
  'lockout-full': async ({ client, taskQueue, detectedAt }) => {
    const { handle } = await startLockout(client, { incident: lockout('REPLAY-LO-1', detectedAt) }, taskQueue);
    await harness.env.sleep('7 minutes');
    await actOnLockout(handle, 'acknowledge', { actor: responder });
    await harness.env.sleep('150 minutes');
    await handle.signal(lockoutActions.approveStatusText.signal, {
      actor: responder,
      text: 'Checkout degraded in US and UK; orders are queued.',
    });
    await actOnLockout(handle, 'scopeChange', { actor: responder, surfaces: ['checkout'], reason: 'sync recovered' });
    await harness.env.sleep('2 hours');
    await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Integration token rotated; ACL corrected.' });
    await handle.result();
    return handle;
  },
  // The same full lockout with its pins, its first page first and pinning itself (patched
  // 'lockout-templates-pinned', 'first-page-first-2', 'first-page-pins').
  'lockout-first-page-pins': (s) => SCENARIOS['lockout-full']!(s),
  // Lockout with enterprise customers (patched): customer notice, procurement, one account confirmed
  // by signal, the other escalated to its owner, the all-clear.
  'lockout-customers': async ({ client, taskQueue, detectedAt }) => {
    const { handle } = await startLockout(client, { incident: lockout('REPLAY-LO-2', detectedAt) }, taskQueue);
    await harness.env.sleep('3 minutes');
    await actOnLockout(handle, 'acknowledge', { actor: responder });
    const [first] = customerSandbox().customers.accounts.filter((a) => a.At_Risk__c);
    await handle.signal(lockoutActions.procurementContacted.signal, { actor: responder, accountId: first?.Id ?? '' });
    await harness.env.sleep('150 minutes');
    await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Integration token rotated; ACL corrected.' });
    await handle.result();
    return handle;
  },
  // The next channel's SMS waits for its recipient's morning (patched 'follow-up-sms-quiet-hours'):
  // the email bounced, the follow-up at 23:30 their time leaves the text for 08:00, a durable timer,
  // the follow-up again, which sends it.
  'data-leak-follow-up-quiet': async (s) => {
    const { handle } = await bouncedAtLateEvening(harness, s, {
      incidentId: 'REPLAY-FQ-1',
      person: nightOwl,
      targetAfterLateEvening: 3 * 24 * HOUR,
      emailed: () => s.email.sent.some((m) => m.to === nightOwl.email),
    });
    await handle.result();
    return handle;
  },
};

/** Writes one workflow's history as test/replay/histories/<name>.json. */
/** The mass-notification child of a data-leak procedure (workflows/data-leak/affected-people-track.ts). */
function childOf(s: Parameters<Scenario>[0], procedure: WorkflowHandle): WorkflowHandle {
  return s.client.workflow.getHandle(procedure.workflowId.replace(/^data-leak:/, 'affected-people:'));
}

async function writeHistory(name: string, address: string, workflowId: string): Promise<void> {
  // The CLI writes the standard history JSON (the SDK's own converter trips over two protobufjs copies).
  const { stdout } = await promisify(execFile)(
    temporalCliPath(),
    ['workflow', 'show', '--address', address, '--workflow-id', workflowId, '--output', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const path = new URL(`histories/${name}.json`, import.meta.url);
  await writeFile(path, stdout);
  console.log(`wrote ${path.pathname} (${(JSON.parse(stdout) as { events: unknown[] }).events.length} events)`);
}

const outageStore = unreachableStore();

/** Emailed first; her follow-up SMS falls in her night. */
const nightOwl = {
  id: '003FQ0000000000001',
  name: 'Nora Quinn',
  email: 'nora@student.test',
  phone: '+12125550199',
  timeZone: 'America/New_York',
  locale: 'en',
};

/** Scenarios that need more than the in-memory providers: the sandbox CRM with enterprise customers. */
let sandbox: Sandbox | undefined;
const customerSandbox = (): Sandbox => {
  if (!sandbox) throw new Error('sandbox not started');
  return sandbox;
};
const EXTRA_DEPS: Record<string, () => Promise<(deps: ActivityDeps) => ActivityDeps>> = {
  'data-leak-legal-clocks': async () => (deps) => ({
    ...deps,
    crm: new ListCrm(
      Array.from({ length: 300 }, (_, i) => ({
        id: `003TX${String(i).padStart(10, '0')}`,
        name: `Student ${i}`,
        email: `s${i}@student.test`,
        country: i < 260 ? 'US' : 'IN',
        ...(i < 260 ? { state: 'TX' } : {}),
      })),
      1000,
    ),
    organisation: organisationProfileSchema.parse({ sector: { titleIvInstitution: true } }),
  }),
  'data-leak-store-outage': async () => outageStore.deps,
  'fanout-child-sms-pages-overlap': async () => (deps) => ({
    ...deps,
    crm: new ListCrm(
      Array.from({ length: 30 }, (_, i) => ({
        id: `003PG${String(i).padStart(10, '0')}`,
        name: `Student ${i}`,
        email: `p${i}@student.test`,
        phone: `+1212555${String(1000 + i)}`,
      })),
      1000,
    ),
    fanout: { ...DEFAULT_FANOUT, pageSize: 10 },
  }),
  'data-leak-follow-up-quiet': async () => (deps) => ({
    ...deps,
    crm: new ListCrm([nightOwl]),
    fanout: { ...DEFAULT_FANOUT, deliveryReports: true, quietHours: DEFAULT_QUIET_HOURS },
  }),
  'lockout-customers': async () => {
    sandbox = await startSandbox({ customers: seedCustomers() });
    return withCustomerContacts(sandbox, harness.store);
  },
};

const wanted = process.argv.slice(2);

// Real time on a dev server: the time-skipping server holds its clock while an activity runs.
if (wanted.length === 0 || wanted.includes('data-leak-late-result')) {
  const dev = await startHarness({ server: () => startDevServer({ port: 23233 }) });
  try {
    const { handle } = await runLateResultScenario(dev, 'REPLAY-LATE-1');
    await writeHistory('data-leak-late-result', dev.env.address, handle.workflowId);
  } finally {
    await dev.close();
  }
}

const harness = await startHarness();
try {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    await runScenario(
      harness,
      async (s) => {
        const handle = await scenario(s);
        await writeHistory(name, harness.env.address, handle.workflowId);
      },
      await (EXTRA_DEPS[name]?.() ?? ((deps: ActivityDeps) => deps)),
    );
  }
} finally {
  await harness.close();
  await sandbox?.close();
}
