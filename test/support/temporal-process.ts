/**
 * The Temporal CLI dev server as a child process on a persistent SQLite file, so a test can stop
 * it (gracefully or with SIGKILL) and start it again on the same file and port: workflows, task
 * queues and timers survive, as they would across a real server restart. The SDK's
 * TestWorkflowEnvironment cannot restart a server, and gives a spawned one only 5 s to come up.
 */
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { heraldDynamicConfigArgs, temporalCliPath } from '../../workers/local-temporal.ts';
import { HERALD_SEARCH_ATTRIBUTES } from '../../workflows/domain/search-attributes.ts';
import { spawnManaged } from './child-process.ts';
import type { ManagedProcess } from './child-process.ts';

export interface TemporalProcessOptions {
  /** The SQLite file the server keeps its state in; reused by every start. */
  dbFilename: string;
  /** Frontend gRPC port on 127.0.0.1. */
  port: number;
  /** Temporal UI port; headless when absent. */
  uiPort?: number;
  /** The HTTP API port (otherwise the server picks a free one). */
  httpPort?: number;
  /** How long a start may take before it counts as failed; default 60 s. */
  startTimeoutMs?: number;
}

/** A dev server that can be stopped and started again on the same file and port. */
export interface TemporalProcess {
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** How many times the server has been started. */
  readonly starts: number;
  /** Whether a server process is running now. */
  running(): boolean;
  /** Starts the server and resolves once its frontend answers and the default namespace exists. */
  start(): Promise<void>;
  /** Stops it: SIGTERM and a wait for the exit, or SIGKILL with `{ kill: true }`. */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Stops and starts it again on the same file and port. */
  restart(options?: { kill?: boolean }): Promise<void>;
  /** The current (or last) process's output. */
  output(): string;
}

const TYPE_NAMES: Partial<Record<SearchAttributeType, string>> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** The arguments the SDK's ephemeral server gets, plus the persistent file and fixed ports. */
function serverArgs(options: TemporalProcessOptions): string[] {
  const args = ['server', 'start-dev', '--db-filename', options.dbFilename, '--ip', '127.0.0.1'];
  args.push('--port', String(options.port), '--namespace', 'default', '--log-level', 'warn');
  args.push(...heraldDynamicConfigArgs());
  if (options.httpPort !== undefined) args.push('--http-port', String(options.httpPort));
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  for (const key of HERALD_SEARCH_ATTRIBUTES) {
    const type = TYPE_NAMES[key.type];
    if (type === undefined) throw new Error(`no CLI type name for search attribute ${key.name}`);
    args.push('--search-attribute', `${key.name}=${type}`);
  }
  return args;
}

/** Creates the controller; nothing runs until `start()`. */
export function temporalProcess(options: TemporalProcessOptions): TemporalProcess {
  const address = `127.0.0.1:${options.port}`;
  let server: ManagedProcess | undefined;
  let starts = 0;

  async function waitUntilServing(process: ManagedProcess): Promise<void> {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (process.exited()) throw new Error(`the Temporal dev server exited while starting:\n${process.output()}`);
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 1_000 });
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } catch (error) {
        lastError = error;
      } finally {
        await connection?.close().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the Temporal dev server did not answer on ${address}: ${String(lastError)}\n${process.output()}`);
  }

  const controller: TemporalProcess = {
    address,
    get starts() {
      return starts;
    },
    running: () => server !== undefined && !server.exited(),
    async start() {
      if (controller.running()) throw new Error('the Temporal dev server is already running');
      server = spawnManaged(temporalCliPath(), serverArgs(options), {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dirname(options.dbFilename) },
      });
      starts++;
      try {
        await waitUntilServing(server);
      } catch (error) {
        await server.kill();
        throw error;
      }
    },
    async stop(stopOptions = {}) {
      if (!server) return;
      if (stopOptions.kill === true) await server.kill();
      else await server.stop(30_000);
    },
    async restart(stopOptions = {}) {
      await controller.stop(stopOptions);
      await controller.start();
    },
    output: () => server?.output() ?? '',
  };
  return controller;
}
