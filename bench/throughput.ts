/**
 * Throughput: N affected people (each one email and one SMS) through the whole pipeline — CRM
 * snapshot, legal approval, the mass-notification child workflow with ledger and audit, a worker
 * in its own OS process — against the sandbox providers, compared in the same run with a raw
 * baseline: the same messages through the same adapters to the same sandbox, as fast as the same
 * concurrency allows, with no durability at all (no Temporal, no ledger, no audit).
 */
import { BUILT_IN_TEMPLATES } from '../activities/templates/template-source.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../activities/index.ts';
import { PageRenderer } from '../activities/mass-notification/page.ts';
import type { AffectedPerson } from '../workflows/domain/contacts.ts';
import { createSendgridEmail } from '../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../activities/providers/twilio.ts';
import { startDataLeak } from '../client/data-leak-client.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { Sandbox, SandboxOptions } from '../sandbox/index.ts';
import { CHAOS_PROGRAM, chaosStudents } from '../test/chaos/chaos-students.ts';
import { countDeliveries } from '../test/chaos/delivery-counts.ts';
import type { DeliveryCounts } from '../test/chaos/delivery-counts.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import type { WorkerProcess } from '../test/support/worker-process.ts';
import { approveWhenDrafted, estimateAccuracy, startPipelineWorker, untilAffectedNotified } from './pipeline-steps.ts';
import type { EstimateAccuracy } from './pipeline-steps.ts';
import { loadDirectory } from '../workers/load-directory.ts';
import { startDevServer } from '../workers/local-temporal.ts';

export interface ThroughputResult {
  recipients: number;
  /** Worker processes sharing the fan-out (absent in reports from before it could be more than one). */
  workers?: number;
  /** SMS requests in flight at once, in both the pipeline and the baseline. */
  concurrency: number;
  pageSize: number;
  raw: { seconds: number; recipientsPerSecond: number; exactlyOnce: DeliveryCounts };
  pipeline: {
    /** Approval → last recipient sent (the fan-out itself). */
    seconds: number;
    recipientsPerSecond: number;
    /** Trigger → snapshot of the audience in the store (CRM paging), before legal approves. */
    snapshotSeconds: number;
    exactlyOnce: DeliveryCounts;
  };
  /** pipeline / raw recipients per second; target ≥ 0.5. */
  ratio: number;
  history: { events: number; workflowRuns: number; eventsPer1000Recipients: number };
  /** The highest peak RSS of the worker processes. */
  workerPeakRssMiB: number;
  /**
   * The procedure's finish estimate once a tenth was notified, against the actual finish; null: it
   * showed none in time; absent: a report from before this was measured.
   */
  estimate?: EstimateAccuracy | null;
  /** Peak RSS once the worker polls, before any work: what the process costs idle. */
  workerStartupRssMiB: number;
}

const TASK_QUEUE = 'bench-throughput';
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function measureThroughput(
  recipients: number,
  port: number,
  concurrency: number,
  say: (line: string) => void,
): Promise<ThroughputResult> {
  const env = await startDevServer({ port });
  // The store at scale is PostgreSQL (the embedded PGlite alone holds ~400 MB in the worker).
  const postgres = await startPostgresServer();
  try {
    const target = {
      client: env.client,
      address: `127.0.0.1:${port}`,
      databaseUrl: await postgres.createDatabase(),
      workers: 1,
    };
    return await measureThroughputOn(target, recipients, concurrency, say);
  } finally {
    await postgres.stop();
    await env.teardown();
  }
}

/** Where the pipeline runs: a Temporal server, Herald's store, and how many worker processes share the work. */
export interface ThroughputTarget {
  client: Client;
  /** The frontend the worker processes connect to. */
  address: string;
  /** An empty database for Herald's store. */
  databaseUrl: string;
  workers: number;
  /** Fixed ports for the sandbox providers; free ones when absent. */
  sandboxPorts?: SandboxOptions['ports'];
}

/** The benchmark on a running server and store, with `target.workers` worker processes. */
export async function measureThroughputOn(
  target: ThroughputTarget,
  recipients: number,
  concurrency: number,
  say: (line: string) => void,
): Promise<ThroughputResult> {
  const students = chaosStudents(recipients, 11);
  const pageSize = 1000;
  const workDir = await mkdtemp(join(tmpdir(), 'herald-bench-throughput-'));
  const sandbox = await startSandbox({ students, ...(target.sandboxPorts ? { ports: target.sandboxPorts } : {}) });
  try {
    say(
      `throughput: raw baseline, ${recipients} emails in requests of ${pageSize} and ${recipients} SMS, ${concurrency} in flight`,
    );
    const raw = await rawBaseline(sandbox, students, concurrency, pageSize);
    const rawCounts = countDeliveries(students, sandbox.log);
    sandbox.log.clear();
    say(`throughput: raw ${round(raw)} s; now the pipeline on ${target.workers} worker process(es)`);
    const pipeline = await runPipeline(target, sandbox, { workDir, concurrency }, say);
    const pipelineCounts = countDeliveries(students, sandbox.log);
    const rawRate = recipients / raw;
    const pipelineRate = recipients / pipeline.fanoutSeconds;
    return {
      recipients,
      workers: target.workers,
      concurrency,
      pageSize,
      raw: { seconds: round(raw), recipientsPerSecond: round(rawRate), exactlyOnce: rawCounts },
      pipeline: {
        seconds: round(pipeline.fanoutSeconds),
        recipientsPerSecond: round(pipelineRate),
        snapshotSeconds: round(pipeline.snapshotSeconds),
        exactlyOnce: pipelineCounts,
      },
      ratio: round(pipelineRate / rawRate, 2),
      history: {
        ...pipeline.history,
        eventsPer1000Recipients: round((1000 * pipeline.history.events) / recipients),
      },
      workerPeakRssMiB: pipeline.peakRssMiB,
      estimate: pipeline.estimate,
      workerStartupRssMiB: pipeline.startupRssMiB,
    };
  } finally {
    await sandbox.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The same messages through the same adapters, as fast as `concurrency` allows: no durability. */
async function rawBaseline(
  sandbox: Sandbox,
  students: ReturnType<typeof chaosStudents>,
  concurrency: number,
  pageSize: number,
): Promise<number> {
  const config = sandboxEnvironment(sandbox);
  const email = createSendgridEmail({
    apiKey: config.SENDGRID_API_KEY as string,
    from: config.HERALD_EMAIL_FROM as string,
    baseUrl: sandbox.sendgridUrl,
  });
  const sms = createTwilioSms({
    accountSid: config.TWILIO_ACCOUNT_SID as string,
    authToken: config.TWILIO_AUTH_TOKEN as string,
    from: config.TWILIO_FROM_NUMBER,
    baseUrl: sandbox.twilioUrl,
  });
  const people: AffectedPerson[] = students.map((s) => ({
    id: s.Id,
    name: `${s.FirstName} ${s.LastName}`,
    email: s.Email as string,
    phone: s.MobilePhone as string,
    ...(s.Preferred_Language__c ? { locale: s.Preferred_Language__c } : {}),
  }));
  const directory = await loadDirectory('config/directory.example.json');
  const renderer = new PageRenderer(
    { directory } as ActivityDeps,
    { incidentId: 'RAW', incident: benchIncident('RAW'), offset: 0, limit: people.length },
    BUILT_IN_TEMPLATES,
  );
  const t0 = performance.now();
  const emails = (async () => {
    for (let start = 0; start < people.length; start += pageSize) {
      const page = people.slice(start, start + pageSize);
      const groups = new Map<string, AffectedPerson[]>();
      for (const p of page) groups.set(PageRenderer.groupOf(p), [...(groups.get(PageRenderer.groupOf(p)) ?? []), p]);
      for (const group of groups.values()) {
        const message = renderer.messageFor(group[0] as AffectedPerson);
        await email.sendBatch({
          subject: message.subject,
          text: message.text,
          batchKey: `RAW/${start}`,
          recipients: group.map((p) => ({ to: p.email as string, deliveryKey: `RAW/${p.id}/email` })),
        });
      }
    }
  })();
  let next = 0;
  const texts = Array.from({ length: concurrency }, async () => {
    while (next < people.length) {
      const person = people[next++] as AffectedPerson;
      await sms.send({
        to: person.phone as string,
        body: renderer.messageFor(person).sms,
        deliveryKey: `RAW/${person.id}`,
      });
    }
  });
  await Promise.all([emails, ...texts]);
  return (performance.now() - t0) / 1000;
}

export function benchIncident(incidentId: string) {
  return {
    incidentId,
    detectedAt: new Date().toISOString(),
    severity: 'critical' as const,
    title: 'Student records exposed (throughput benchmark)',
    description: 'An LMS export of every student was readable without authentication for six hours.',
    dataCategories: ['name', 'email address', 'phone number'],
    jurisdictions: ['DE'],
    crmScope: {
      kind: 'filter' as const,
      conditions: [{ field: 'Program__c' as const, op: 'eq' as const, value: CHAOS_PROGRAM }],
    },
    likelyConsequences: 'Phishing attempts using the exposed names and addresses.',
    reporter: { name: 'bench' },
  };
}

interface ThroughputSetup {
  workDir: string;
  concurrency: number;
}

async function runPipeline(
  target: ThroughputTarget,
  sandbox: Sandbox,
  setup: ThroughputSetup,
  say: (line: string) => void,
) {
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < target.workers; i++) {
      workers.push(
        await startPipelineWorker(sandbox, {
          workDir: setup.workDir,
          databaseUrl: target.databaseUrl,
          address: target.address,
          taskQueue: TASK_QUEUE,
          env: {
            // Nothing but the providers themselves may limit the rate here.
            HERALD_SMS_RATE_PER_SECOND: '10000',
            HERALD_EMAIL_REQUESTS_PER_SECOND: '1000',
            HERALD_SMS_CONCURRENCY: String(setup.concurrency),
          },
        }),
      );
    }
    const startupRssMiB = await peakRssOf(workers);
    say(`throughput: ${workers.length} worker(s) polling, peak RSS so far ${startupRssMiB} MiB`);
    const client = target.client;
    const incident = benchIncident(`BENCH-TP-${Date.now()}`);
    const t0 = performance.now();
    const { handle } = await startDataLeak(client, { incident, timeScale: 1 / 60 }, TASK_QUEUE);
    const { draftedAt, approvedAt } = await approveWhenDrafted(handle);
    const snapshotSeconds = (draftedAt - t0) / 1000;
    say(`throughput: snapshot in the store after ${round(snapshotSeconds)} s; approved`);
    const { completedAt, estimate } = await untilAffectedNotified(handle, say);
    const history = await historySize(client, handle.workflowId, incident.incidentId);
    const peakRssMiB = await peakRssOf(workers);
    return {
      fanoutSeconds: (completedAt - approvedAt) / 1000,
      snapshotSeconds,
      history,
      peakRssMiB,
      startupRssMiB,
      estimate: estimate ? estimateAccuracy(estimate, approvedAt, completedAt) : null,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Events of the procedure and of every run of its mass-notification child. */
async function historySize(
  client: Client,
  workflowId: string,
  incidentId: string,
): Promise<{ events: number; workflowRuns: number }> {
  let events = 0;
  let workflowRuns = 0;
  for (const id of [workflowId, `affected-people:${incidentId}`]) {
    for await (const run of client.workflow.list({ query: `WorkflowId = '${id}'` })) {
      const history = await client.workflow.getHandle(id, run.runId).fetchHistory();
      events += history.events?.length ?? 0;
      workflowRuns++;
    }
  }
  return { events, workflowRuns };
}

/** The highest peak resident set among `workers`, in MiB. */
async function peakRssOf(workers: readonly WorkerProcess[]): Promise<number> {
  return Math.max(...(await Promise.all(workers.map((worker) => peakRss(worker.pid)))));
}

/** Peak resident set of a live process (VmHWM), in MiB. */
async function peakRss(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return Math.round(kib / 1024);
}
