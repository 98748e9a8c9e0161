/**
 * `workers/main.ts` as a separate OS process, configured only through its environment (as an
 * operator would run it), so tests can stop it, SIGKILL it and start it again.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporalCliPath } from '../../workers/local-temporal.ts';
import { spawnManaged } from './child-process.ts';
import type { ManagedProcess } from './child-process.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The line the worker logs once it polls its task queue. */
export const WORKER_POLLING = /herald worker: polling task queue/;

/** A running worker process. */
export type WorkerProcess = ManagedProcess;

/** PATH (for node and the Temporal CLI) and HOME: all a child process takes from this one. */
export function baseProcessEnv(home: string): Record<string, string> {
  return { PATH: `${dirname(temporalCliPath())}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? home };
}

/** Starts `node --import tsx workers/main.ts` with exactly `env` (nothing inherited). */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  return spawnManaged(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'workers/main.ts')], {
    cwd: PROJECT_ROOT,
    env,
  });
}
