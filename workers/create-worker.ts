/** One way to build Herald's worker, used by the worker process, the demo and end-to-end tests. */
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerPlugin, WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { ActivityDeps } from '../activities/index.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface HeraldWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests bundle once per file; HERALD_WORKFLOW_BUNDLE); default bundles WORKFLOWS_PATH. */
  workflowBundle?: WorkflowBundleOption;
  /** Payload encryption (workerDataConverter); default: payloads in clear. */
  dataConverter?: DataConverter;
  /** E.g. the OpenTelemetry plugin (workers/tracing.ts). */
  plugins?: WorkerPlugin[];
}

/**
 * Heartbeats reach the server at least this often (the SDK's default throttle is 80 % of the
 * heartbeat time-out), so a closed procedure's page learns of it within seconds, and a page's 3 s
 * heartbeat time-out leaves 2 s for a slow event loop or network before a live page is given up.
 */
const HEARTBEAT_THROTTLE = '1 second';

/**
 * A workflow task for a procedure this worker had cached waits this long on the worker's own
 * (sticky) queue before any worker may take it. The SDK's 10 s was most of the standstill after a
 * worker's death: the dead worker's procedures could not move on until it passed (the cluster's
 * failover check, 2026-12-04: a 10 s gap before the next page).
 */
const STICKY_QUEUE_TIMEOUT = '3 seconds';

export function createHeraldWorker(options: HeraldWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, deps, workflowBundle, dataConverter, plugins } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE,
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT,
    ...(dataConverter ? { dataConverter } : {}),
    ...(plugins ? { plugins } : {}),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}

/** The provider task queues beside the procedure queue: mass-notification batches run there. */
export function providerTaskQueues(taskQueue: string): { email: string; sms: string } {
  return { email: `${taskQueue}-email`, sms: `${taskQueue}-sms` };
}

/** Several workers run and stop as one. */
export interface WorkerSet {
  workers: Worker[];
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * The procedure worker plus an activity worker per provider queue named in `deps.fanout`.
 * The queues carry no Temporal rate limit: each provider account's rate is held by the store's
 * shared schedule (deps.rates), which every page of every procedure on every worker reserves its
 * sends from. A queue limit as well (one page a second for SMS) only delayed pages: after a
 * worker's death the server held the retried SMS page back 2.0-3.9 s before any worker could start
 * it, while the email page's retry started within 50 ms (chaos run at 10,000, 2026-12-04).
 */
export async function createHeraldWorkerSet(options: HeraldWorkerOptions): Promise<WorkerSet> {
  const { connection, namespace, deps, dataConverter, plugins } = options;
  const fanout = deps.fanout;
  const activities = createActivities(deps);
  const providerWorker = (taskQueue: string) =>
    Worker.create({
      connection,
      namespace,
      taskQueue,
      activities,
      maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE,
      ...(dataConverter ? { dataConverter } : {}),
      ...(plugins ? { plugins } : {}),
    });
  const workers = await Promise.all([
    createHeraldWorker(options),
    ...(fanout?.emailTaskQueue ? [providerWorker(fanout.emailTaskQueue)] : []),
    ...(fanout?.smsTaskQueue ? [providerWorker(fanout.smsTaskQueue)] : []),
  ]);
  return {
    workers,
    async run() {
      // One worker failing stops the others, so the process exits rather than half-serving.
      try {
        await Promise.all(workers.map((w) => w.run()));
      } finally {
        for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      }
    },
    shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    },
  };
}
