/**
 * A Temporal dev server and a Herald worker over in-memory providers, started once for the calling
 * test file (on its own port) and stopped after it. For tests that need the real server's
 * semantics rather than the time-skipping server's.
 */
import { after, before } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities/index.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import { startDevServer } from '../../workers/local-temporal.ts';
import type { RecordingEmail, RecordingSms } from './fake-providers.ts';
import { inMemoryProviders } from './workflow-harness.ts';
import { cachedWorkflowBundle } from './workflow-bundle-cache.ts';

export interface DevServerWorker {
  env: TestWorkflowEnvironment;
  store: HeraldStore;
  email: RecordingEmail;
  sms: RecordingSms;
  taskQueue: string;
}

/**
 * Call at module level; the returned function gives the running stack inside tests. `deps` changes
 * the worker's dependencies (e.g. the actor keys it trusts); `store` opens the worker's store
 * (default: embedded, in memory).
 */
export function useDevServerWorker(options: {
  port: number;
  taskQueue: string;
  deps?: (deps: ActivityDeps) => ActivityDeps;
  store?: () => Promise<HeraldStore>;
}): () => DevServerWorker {
  let stack: DevServerWorker | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  before(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const [env, store] = await Promise.all([
      startDevServer({ port: options.port }),
      options.store ? options.store() : openStore({}),
    ]);
    const { deps, email, sms } = inMemoryProviders(store);
    worker = await createHeraldWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: options.taskQueue,
      workflowBundle: await cachedWorkflowBundle(),
      deps: options.deps ? options.deps(deps) : deps,
    });
    running = worker.run();
    stack = { env, store, email, sms, taskQueue: options.taskQueue };
  });
  after(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([stack?.env.teardown(), stack?.store.close()]);
  });
  return () => {
    if (!stack) throw new Error('dev server not started');
    return stack;
  };
}
