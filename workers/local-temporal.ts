/**
 * Real Temporal servers for tests and the demo, from the binaries scripts/setup.sh installs into
 * .tools/ (no run-time download). HERALD_TEMPORAL_CLI / HERALD_TEMPORAL_TEST_SERVER override the
 * paths; with neither installed, the SDK's own download is the fallback (needs internet).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchAttributeType } from '@temporalio/common';
import type { LoadedDataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse as parseYaml } from 'yaml';
import { HERALD_SEARCH_ATTRIBUTES } from '../workflows/domain/search-attributes.ts';
import { parseToolPaths } from './config.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const tools = parseToolPaths(process.env);

type Executable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

function executable(override: string | undefined, installed: string): Executable {
  const path = override ?? `${projectRoot}.tools/venv/bin/${installed}`;
  if (existsSync(path)) return { type: 'existing-path', path };
  if (override) throw new Error(`Temporal server binary not found at ${override} (set by environment)`);
  return { type: 'cached-download' };
}

/** The Temporal CLI binary the dev server runs from (for `temporal workflow list` and the like). */
export function temporalCliPath(): string {
  const exe = executable(tools.cli, 'temporal');
  if (exe.type !== 'existing-path') throw new Error('the Temporal CLI is not installed: run scripts/setup.sh');
  return exe.path;
}

/** The schemathesis CLI that scripts/setup.sh installs beside the Temporal CLI (for fuzzing the API). */
export function schemathesisPath(): string {
  const path = join(dirname(temporalCliPath()), 'st');
  if (!existsSync(path)) throw new Error(`schemathesis is not installed at ${path}: run scripts/setup.sh`);
  return path;
}

export interface DevServerOptions {
  /** Serve Temporal UI on this port (default: headless). */
  uiPort?: number;
  port?: number;
  /** Persist the server's state in this SQLite file (default: in memory). */
  dbFilename?: string;
  /** The environment's client encrypts payloads (clientDataConverter). */
  dataConverter?: LoadedDataConverter;
  /** Temporal UI decodes payloads through this codec server (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
}

/**
 * Herald's Temporal dynamic config (config/temporal/herald.yaml, which compose and the cluster run
 * mount) as a dev server's `--dynamic-config-value` arguments, so every server Herald runs on
 * behaves alike.
 */
export function heraldDynamicConfigArgs(): string[] {
  const file = join(projectRoot, 'config/temporal/herald.yaml');
  const entries = parseYaml(readFileSync(file, 'utf8')) as Record<string, { value: unknown }[]>;
  return Object.entries(entries).flatMap(([key, values]) => {
    const value = values[0]?.value;
    if (value === undefined) throw new Error(`${file}: ${key} has no value`);
    return ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`];
  });
}

/**
 * Refuses a port something already listens on. The SDK waits until the port answers, so a server
 * left behind by a crashed run (seen: a V8 abort killed a test process, its dev server lived on)
 * would be used in the new one's place, with the old run's workflows in it.
 */
async function assertPortFree(port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} is already in use: another Temporal server (one left behind by a crashed run?) would answer in place of the one starting; stop it first`,
            )
          : err,
      ),
    );
    probe.listen(port, '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** The Temporal CLI dev server, with Herald's search attributes and dynamic config. */
export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  if (options.port !== undefined) await assertPortFree(options.port);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: executable(tools.cli, 'temporal'),
      ip: '127.0.0.1',
      port: options.port,
      uiPort: options.uiPort,
      ui: options.uiPort !== undefined,
      dbFilename: options.dbFilename,
      searchAttributes: [...HERALD_SEARCH_ATTRIBUTES],
      extraArgs: [
        ...heraldDynamicConfigArgs(),
        ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
      ],
    },
    ...(options.dataConverter ? { client: { dataConverter: options.dataConverter } } : {}),
  });
}

/** The time-skipping test server: timers fire as soon as the workflow would otherwise wait. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executable(tools.testServer, 'temporal-test-server') },
  });
  // This server takes no search-attribute flags: register them through the operator service.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(HERALD_SEARCH_ATTRIBUTES.map((k) => [k.name, indexedValueType(k.type)])),
  });
  return env;
}

/** temporal.api.enums.v1.IndexedValueType numbers for the types Herald uses. */
export function indexedValueType(type: SearchAttributeType): number {
  switch (type) {
    case SearchAttributeType.KEYWORD:
      return 2;
    case SearchAttributeType.DATETIME:
      return 6;
    case SearchAttributeType.KEYWORD_LIST:
      return 7;
    default:
      throw new Error(`no indexed value type mapped for search attribute type ${type}`);
  }
}
