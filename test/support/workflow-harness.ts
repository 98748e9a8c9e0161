/**
 * Time-skipping harness for the data-leak workflow: one real test server and one workflow bundle
 * per test file; each scenario gets its own task queue and worker, over the real activities with
 * in-memory providers and an in-memory PGlite store.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Client, WorkflowClient, WorkflowHandle, WorkflowStartOptions } from '@temporalio/client';
import { act, getStatus } from '../../client/data-leak-client.ts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import type { ActivityDeps, HeraldActivities } from '../../activities/index.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../../workflows/domain/incident.ts';
import type { NoticeDraft } from '../../workflows/domain/status.ts';
import { startTimeSkippingServer } from '../../workers/local-temporal.ts';
import { testDirectory } from './directory.ts';
import { storeDeps } from './store-deps.ts';
import { cachedWorkflowBundle } from './workflow-bundle-cache.ts';
import { ListCrm, RecordingChat, RecordingEmail, RecordingSms } from './fake-providers.ts';
import type { OutageSwitch } from './fake-providers.ts';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}

export interface Harness {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  store: HeraldStore;
  close(): Promise<void>;
}

/** The workflow bundle, built once per version of the workflow code for all test processes. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return cachedWorkflowBundle();
}

/** A time-skipping server (or `server`), a workflow bundle (`bundle`, or a fresh one) and an in-memory store. */
export async function startHarness(
  options: { bundle?: WorkflowBundleWithSourceMap; server?: () => Promise<TestWorkflowEnvironment> } = {},
): Promise<Harness> {
  quietRuntime();
  const [env, bundle, store] = await Promise.all([
    (options.server ?? startTimeSkippingServer)(),
    options.bundle ?? bundleWorkflows(),
    openStore({}),
  ]);
  return {
    env,
    bundle,
    store,
    async close() {
      await env.teardown();
      await store.close();
    },
  };
}

/** Starts one harness for the calling test file and closes it after; call at module level. */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}

/** Operators the tests act as. */
export const responder = { id: 'olga', role: 'responder' as const };
export const legal = { id: 'lee', role: 'legal' as const };

export interface Scenario {
  client: Client;
  taskQueue: string;
  email: RecordingEmail;
  sms: RecordingSms;
  chat: RecordingChat;
  outage: OutageSwitch;
  deps: ActivityDeps;
  /** A valid incident detected now, on the test server's (skipped) clock. */
  incident: (incidentId: string) => DataLeakIncident;
  /** "Now" on the test server's clock when the scenario began. */
  detectedAt: string;
}

export const students: AffectedPerson[] = [
  {
    id: '003000000000000001',
    name: 'Anna Becker',
    email: 'anna@student.test',
    phone: '+4915100000001',
    locale: 'de',
    country: 'DE',
  },
  {
    id: '003000000000000002',
    name: 'Louis Martin',
    email: 'louis@student.test',
    phone: '+33600000002',
    locale: 'fr',
    country: 'FR',
  },
  { id: '003000000000000003', name: 'Mary Byrne', email: 'mary@student.test', locale: 'en', country: 'IE' },
  { id: '003000000000000004', name: 'Jan de Vries', phone: '+31600000004', locale: 'nl', country: 'NL' },
  {
    id: '003000000000000005',
    name: 'Anna Becker (duplicate)',
    email: 'anna@student.test',
    locale: 'de',
    country: 'DE',
  },
];

/** The real activities' dependencies over recording in-memory providers and `store`. */
export function inMemoryProviders(store: HeraldStore): {
  outage: OutageSwitch;
  email: RecordingEmail;
  sms: RecordingSms;
  chat: RecordingChat;
  deps: ActivityDeps;
} {
  const outage: OutageSwitch = { failing: () => false };
  const email = new RecordingEmail(outage);
  const sms = new RecordingSms(outage);
  const chat = new RecordingChat(outage);
  const deps: ActivityDeps = {
    crm: new ListCrm(students),
    email,
    sms,
    ...storeDeps(store),
    directory: testDirectory,
    chat,
    // Operators act without signed claims here; test/workflows/verified-identities.test.ts signs them.
    unsignedActionsAllowed: true,
  };
  return { outage, email, sms, chat, deps };
}

let queueCounter = 0;

/**
 * Longer than any scenario takes, shorter than the test timeout: a scenario stuck on the server
 * fails here, its procedures are ended and its worker stops, so the test file still ends (a worker
 * left polling a torn-down server keeps the file running until CI's limit).
 */
const SCENARIO_DEADLINE_MS = 300_000;

/** `work`, or a rejection naming `what` once `ms` have passed. */
function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Runs `body` with a worker polling a fresh task queue; `withDeps` adds to the in-memory
 * dependencies, `withActivities` wraps activities (to script an outcome the providers cannot give).
 */
export async function runScenario(
  harness: Harness,
  body: (s: Scenario) => Promise<void>,
  withDeps: (deps: ActivityDeps) => ActivityDeps = (deps) => deps,
  withActivities: (activities: HeraldActivities) => HeraldActivities = (activities) => activities,
): Promise<void> {
  const base = inMemoryProviders(harness.store);
  const { outage, email, sms, chat } = base;
  const deps = withDeps(base.deps);
  const taskQueue = `data-leak-test-${++queueCounter}`;
  const worker = await Worker.create({
    connection: harness.env.nativeConnection,
    taskQueue,
    workflowBundle: harness.bundle,
    activities: withActivities(createActivities(deps)),
  });
  const detectedAt = new Date(await harness.env.currentTimeMs()).toISOString();
  const { client, started } = recordingStarts(harness.env.client);
  const scenario = body({
    client,
    taskQueue,
    email,
    sms,
    chat,
    outage,
    deps,
    incident: (id) => incident(id, detectedAt),
    detectedAt,
  });
  await worker.runUntil(
    withinDeadline(scenario, SCENARIO_DEADLINE_MS, `the scenario on ${taskQueue}`).catch(async (err: unknown) => {
      // A failed scenario leaves its procedures running on the shared server, their timers and
      // activities holding its clock: every later test would skip time at a crawl.
      await Promise.all(
        started.map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('scenario failed')
            .catch(() => {}),
        ),
      );
      throw err;
    }),
  );
}

/** `client` with its workflow starts recorded, so a failed scenario can end what it started. */
function recordingStarts(client: Client): { client: Client; started: string[] } {
  const started: string[] = [];
  const workflow = Object.create(client.workflow) as WorkflowClient;
  workflow.start = ((type: string, options: WorkflowStartOptions) => {
    started.push(options.workflowId);
    return client.workflow.start(type, options);
  }) as WorkflowClient['start'];
  const recording = Object.create(client) as Client;
  Object.defineProperty(recording, 'workflow', { value: workflow });
  return { client: recording, started };
}

/** Acknowledges the ops alert and returns the authority-notice draft awaiting legal's approval. */
export async function acknowledgedDraft(harness: Harness, handle: WorkflowHandle): Promise<NoticeDraft> {
  await harness.env.sleep('2 minutes');
  await act(handle, 'acknowledge', { actor: responder });
  await harness.env.sleep('1 minute');
  const draft = (await getStatus(handle)).authorityNotice.draft;
  assert.ok(draft, 'a draft awaits approval');
  return draft;
}

/** A valid incident detected at `detectedAt`. */
export function incident(incidentId: string, detectedAt: string): DataLeakIncident {
  return {
    incidentId,
    detectedAt,
    severity: 'high',
    title: 'Student records exposed through misconfigured LMS export',
    description: 'A scheduled export of student records was published to a publicly readable storage bucket.',
    dataCategories: ['name', 'student ID', 'email address', 'grades'],
    jurisdictions: ['DE', 'FR', 'IE', 'NL'],
    crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: 'MSc Data Science' }] },
    estimatedRecords: 5,
    likelyConsequences: 'Phishing attempts using the exposed names and email addresses.',
    measuresTaken: 'The bucket was made private and access logs are being reviewed.',
    reporter: { name: 'SIEM', email: 'siem@uni.test' },
  };
}
