/** One way to build Herald's worker, used by the worker process, the demo and end-to-end tests. */
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerPlugin, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { ActivityDeps } from '../activities/index.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface HeraldWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests bundle once per file); default bundles WORKFLOWS_PATH. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Payload encryption (workerDataConverter); default: payloads in clear. */
  dataConverter?: DataConverter;
  /** E.g. the OpenTelemetry plugin (workers/tracing.ts). */
  plugins?: WorkerPlugin[];
}

export function createHeraldWorker(options: HeraldWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, deps, workflowBundle, dataConverter, plugins } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities(deps),
    ...(dataConverter ? { dataConverter } : {}),
    ...(plugins ? { plugins } : {}),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
