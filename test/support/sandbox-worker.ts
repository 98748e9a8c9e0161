/**
 * A Temporal dev server, the sandbox and a Herald worker with the real adapters (jsforce, twilio,
 * @sendgrid/mail) over it and the example directory, on an in-memory store: started once for the
 * calling test file and stopped after it.
 */
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import { createHeraldWorker } from '../../workers/create-worker.ts';
import { startDevServer } from '../../workers/local-temporal.ts';
import { cachedWorkflowBundle } from './workflow-bundle-cache.ts';

/** The directory the worker reads: config/directory.example.json. */
export const EXAMPLE_DIRECTORY_FILE = fileURLToPath(new URL('../../config/directory.example.json', import.meta.url));

export interface SandboxWorker {
  env: TestWorkflowEnvironment;
  sandbox: Sandbox;
  store: HeraldStore;
}

/** Call at module level; the returned function gives the running stack inside tests. */
export function useSandboxWorker(options: {
  taskQueue: string;
  /** The dev server's port (default: a free one). */
  port?: number;
  sandbox: SandboxOptions;
}): () => SandboxWorker {
  let stack: SandboxWorker | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  before(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const [env, sandbox, store] = await Promise.all([
      startDevServer(options.port === undefined ? {} : { port: options.port }),
      startSandbox(options.sandbox),
      openStore({}),
    ]);
    stack = { env, sandbox, store };
    const config = parseConfig({ ...sandboxEnvironment(sandbox), HERALD_DIRECTORY_FILE: EXAMPLE_DIRECTORY_FILE });
    worker = await createHeraldWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: options.taskQueue,
      workflowBundle: await cachedWorkflowBundle(),
      deps: await buildDeps(config, store),
    });
    running = worker.run();
  });
  after(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([stack?.env.teardown(), stack?.sandbox.close(), stack?.store.close()]);
  });
  return () => {
    if (!stack) throw new Error('the sandbox worker has not started');
    return stack;
  };
}
