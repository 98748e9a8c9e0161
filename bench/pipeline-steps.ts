/**
 * The steps the pipeline benchmarks share: a worker in its own OS process as the image runs it,
 * and a data-leak procedure driven from its trigger through legal's approval to the affected
 * people's notice.
 */
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { act, getStatus } from '../client/data-leak-client.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { baseProcessEnv, startWorkerProcess, WORKER_POLLING } from '../test/support/worker-process.ts';
import type { WorkerProcess } from '../test/support/worker-process.ts';
import { writeWorkflowBundle } from '../workers/bundle-workflows.ts';

/** The worker's Node options in the image (Dockerfile ENV NODE_OPTIONS, which says why). */
export const WORKER_NODE_OPTIONS = '--max-old-space-size=256 --max-semi-space-size=16 --v8-pool-size=2';

export interface PipelineSetup {
  workDir: string;
  databaseUrl: string;
  /** The Temporal frontend, `host:port`. */
  address: string;
  taskQueue: string;
  /** Variables on top of the sandbox's and the store's (rates, concurrency). */
  env: Record<string, string>;
}

/** A worker process over the sandbox and the store, from a bundle built ahead; resolves once it polls. */
export async function startPipelineWorker(sandbox: Sandbox, setup: PipelineSetup): Promise<WorkerProcess> {
  // As in production (the image builds one): the worker does not run webpack at start.
  const bundle = join(setup.workDir, 'workflow-bundle.js');
  await writeWorkflowBundle(bundle);
  const worker = startWorkerProcess({
    ...baseProcessEnv(setup.workDir),
    ...sandboxEnvironment(sandbox),
    TEMPORAL_ADDRESS: setup.address,
    HERALD_TASK_QUEUE: setup.taskQueue,
    DATABASE_URL: setup.databaseUrl,
    HERALD_WORKFLOW_BUNDLE: bundle,
    NODE_OPTIONS: WORKER_NODE_OPTIONS,
    ...setup.env,
  });
  await worker.waitFor(WORKER_POLLING, 120_000);
  return worker;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the authority-notice draft (the CRM snapshot is in the store then), acknowledges and approves it. */
export async function approveWhenDrafted(handle: WorkflowHandle): Promise<{ draftedAt: number; approvedAt: number }> {
  let status = await getStatus(handle);
  while (status.authorityNotice.draft === null) {
    await pause(200);
    status = await getStatus(handle);
  }
  const draftedAt = performance.now();
  const draft = status.authorityNotice.draft;
  await act(handle, 'acknowledge', { actor: { id: 'bench', role: 'responder' } });
  const approvedAt = Date.now();
  await act(handle, 'approve', {
    actor: { id: 'bench-legal', role: 'legal' },
    version: draft.version,
    sha256: draft.sha256,
  });
  return { draftedAt, approvedAt };
}

/** The finish the procedure estimated (what its deadline-at-risk escalation goes by) when it had sent a tenth. */
export interface EstimateSeen {
  /** The estimated finish, epoch ms. */
  finishAt: number;
  /** People notified when the procedure showed it, of `total`. */
  notified: number;
  total: number;
  basis: string;
}

/**
 * Waits until the affected people's notice is done; says the progress every 10 s. Resolves to when
 * it was, and to the procedure's own estimate of it once a tenth of the people were notified.
 */
export async function untilAffectedNotified(
  handle: WorkflowHandle,
  say: (line: string) => void,
): Promise<{ completedAt: number; estimate?: EstimateSeen }> {
  let lastSaid = 0;
  let seen: EstimateSeen | undefined;
  for (;;) {
    const status = await getStatus(handle);
    const affected = status.milestones.find((m) => m.id === 'affected-people');
    const { total, notified, estimate } = status.affectedPeople;
    if (!seen && estimate && total && notified >= total / 10 && notified < total) {
      seen = { finishAt: Date.parse(estimate.finishAt), notified, total, basis: estimate.basis };
    }
    if (affected?.completedAt) {
      return { completedAt: Date.parse(affected.completedAt), ...(seen ? { estimate: seen } : {}) };
    }
    if (Date.now() - lastSaid > 10_000) {
      lastSaid = Date.now();
      say(`${handle.workflowId}: ${status.affectedPeople.notified}/${status.affectedPeople.total} notified`);
    }
    await pause(250);
  }
}

/** How far an estimate was from the fan-out's actual length (approval → last recipient). */
export interface EstimateAccuracy {
  estimatedSeconds: number;
  actualSeconds: number;
  /** (estimated − actual) / actual, in %: negative when it expected the end too soon. */
  errorPercent: number;
  atNotified: number;
  total: number;
  basis: string;
}

export function estimateAccuracy(seen: EstimateSeen, approvedAt: number, completedAt: number): EstimateAccuracy {
  const estimated = (seen.finishAt - approvedAt) / 1000;
  const actual = (completedAt - approvedAt) / 1000;
  return {
    estimatedSeconds: Math.round(estimated * 10) / 10,
    actualSeconds: Math.round(actual * 10) / 10,
    errorPercent: Math.round(((estimated - actual) / actual) * 1000) / 10,
    atNotified: seen.notified,
    total: seen.total,
    basis: seen.basis,
  };
}
