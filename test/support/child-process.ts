/**
 * A long-running child process for tests: its output kept (the last part of it), a wait for a line
 * it prints, SIGTERM or SIGKILL stops that resolve once it has exited, and a SIGKILL when the test
 * process itself exits, so no server or worker outlives the test that started it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/** Output kept per process: enough for a failure message, bounded for chatty workers. */
const KEPT_OUTPUT_CHARS = 512 * 1024;

export interface ManagedProcess {
  readonly pid: number | undefined;
  /** Resolves with the first output line matching `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The last part of stdout and stderr, interleaved as they arrived. */
  output(): string;
  /** Whether the process has exited. */
  exited(): boolean;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exitCode(): Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 20 s); resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: no chance to clean up. Resolves once the process is gone. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string;
}

export function spawnManaged(file: string, args: string[], options: SpawnOptions): ManagedProcess {
  const child: ChildProcessWithoutNullStreams = spawn(file, args, { cwd: options.cwd, env: options.env });
  child.stdin.end();
  let output = '';
  let partial = '';
  const waiters = new Set<(line: string | undefined) => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-KEPT_OUTPUT_CHARS);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const waiter of waiters) waiter(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    const done = (exitCode: number | null) => {
      if (code !== undefined) return;
      code = exitCode;
      process.removeListener('exit', killNow);
      for (const waiter of waiters) waiter(undefined);
      resolve(exitCode);
    };
    child.once('exit', done);
    // Could not be spawned at all (no such file): as good as exited.
    child.on('error', (error) => {
      output += `${error.message}\n`;
      if (child.pid === undefined) done(null);
    });
  });
  // Synchronous, so it also runs when the test process ends abruptly.
  function killNow(): void {
    if (code === undefined) child.kill('SIGKILL');
  }
  process.once('exit', killNow);

  return {
    pid: child.pid,
    output: () => output,
    exited: () => code !== undefined,
    exitCode: () => exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const seen = output.split('\n').find((l) => pattern.test(l));
        if (seen !== undefined) return resolve(seen);
        if (code !== undefined) return reject(new Error(`process exited (${code}) before ${pattern}:\n${output}`));
        const timer = setTimeout(
          () => finish(new Error(`process said nothing matching ${pattern} in ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        );
        const waiter = (line: string | undefined) => {
          if (line === undefined) finish(new Error(`process exited (${code}) before ${pattern}:\n${output}`));
          else if (pattern.test(line)) finish(undefined, line);
        };
        const finish = (error?: Error, line?: string) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          if (error) reject(error);
          else resolve(line ?? '');
        };
        waiters.add(waiter);
      });
    },
    async stop(graceMs = 20_000) {
      if (code !== undefined) return code;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exitCode = await exited;
      clearTimeout(killer);
      return exitCode;
    },
    async kill() {
      if (code !== undefined) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
