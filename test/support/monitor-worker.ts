/**
 * The scheduled monitors' tests run the worker as production builds it: configuration parsed from
 * variables pointing at a running sandbox (plus the test's HERALD_WATCH_* values), dependencies
 * from buildDeps (real SDK adapters, real probes, the store), and the real activities, on the
 * harness's Temporal server and its workflow bundle.
 */
import { fileURLToPath } from 'node:url';
import type { ActivityDeps } from '../../activities/index.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import type { Harness } from './workflow-harness.ts';

/** The example directory: its credential owner is platform@example-university.test, +4930555000041. */
export const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../../config/directory.example.json', import.meta.url));

/** The worker's dependencies against `sandbox` and `store`, through parseConfig and buildDeps. */
export function sandboxDeps(
  sandbox: Sandbox,
  store: HeraldStore,
  env: Record<string, string> = {},
): Promise<ActivityDeps> {
  return buildDeps(
    parseConfig({ ...sandboxEnvironment(sandbox), HERALD_DIRECTORY_FILE: EXAMPLE_DIRECTORY, ...env }),
    store,
  );
}

let queues = 0;

/** Runs `body` while a Herald worker over `deps` polls a fresh task queue; returns what `body` returns. */
export async function withWorker<T>(
  harness: Harness,
  deps: ActivityDeps,
  body: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `monitors-${++queues}`;
  const worker = await createHeraldWorker({
    connection: harness.env.nativeConnection,
    namespace: harness.env.namespace ?? 'default',
    taskQueue,
    deps,
    workflowBundle: harness.bundle,
  });
  return worker.runUntil(body(taskQueue));
}
