/**
 * docker-compose.yml as the operations tests read it: the file itself, and the configuration
 * `docker-compose config` resolves from it for a given environment (interpolation, anchors, defaults).
 * The validator is the `docker-compose` scripts/setup.sh installs (Debian's package); no Docker engine
 * is needed. Without it these helpers throw, so the tests fail saying what to run.
 */
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runCommand } from '../support/run-command.ts';
import type { CommandResult } from '../support/run-command.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const composeFile = join(projectRoot, 'docker-compose.yml');

/** A service as compose describes it (the keys these tests look at). */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  restart?: string;
  environment?: Record<string, string | number | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string }>;
}

/**
 * Sample values for every variable the file requires (`${NAME:?…}`), each valid for workers/config.ts.
 * Sandbox-style, not secrets.
 */
export const REQUIRED_SAMPLE_ENV: Readonly<Record<string, string>> = {
  TEMPORAL_DB_PASSWORD: 'temporal-db-sample-password',
  HERALD_DB_PASSWORD: 'herald-db-sample-password',
  HERALD_PAYLOAD_KEYS: `sample=${Buffer.alloc(32, 7).toString('base64')}`,
  HERALD_API_TOKENS_FILE: 'config/api-tokens.example.json',
  SALESFORCE_CLIENT_ID: 'sample-client-id',
  SALESFORCE_CLIENT_SECRET: 'sample-client-secret',
  SALESFORCE_USERNAME: 'integration@example.test',
  SALESFORCE_PASSWORD: 'sample-password',
  SENDGRID_API_KEY: 'SG.sample',
  HERALD_EMAIL_FROM: 'incident-response@example.test',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'sample-auth-token',
  TWILIO_FROM_NUMBER: '+15550100000',
  HERALD_CODEC_TOKEN: 'codec-sample-token-0123456789',
  // Paths of key files (compose only names them; processes.test.ts writes real ones).
  HERALD_ACTOR_SIGNING_KEY_FILE: 'config/actor-signing-key.sample.jwk',
  HERALD_ACTOR_KEYS_FILE: 'config/actor-keys.sample.json',
  HERALD_AUDIT_ANCHOR_KEY_FILE: 'config/audit-anchor-key.sample.jwk',
};

const SETUP_HINT = 'run scripts/setup.sh (it installs the Debian package docker-compose)';

/** The `docker-compose` on PATH; throws naming the setup step when there is none. */
export function composeBinary(): string {
  const executable = (file: string): boolean => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found = dirs.map((dir) => join(dir, 'docker-compose')).find(executable);
  if (found === undefined) {
    throw new Error(`docker-compose is not on PATH, so docker-compose.yml cannot be validated: ${SETUP_HINT}`);
  }
  return found;
}

/**
 * Runs `docker-compose <args>` on docker-compose.yml with exactly `env` (plus PATH and HOME): nothing
 * from the calling shell or a developer's .env leaks in.
 */
export async function runCompose(args: string[], env: Record<string, string>): Promise<CommandResult> {
  const binary = composeBinary();
  const dir = mkdtempSync(join(tmpdir(), 'herald-compose-'));
  try {
    const envFile = join(dir, 'empty.env');
    writeFileSync(envFile, '');
    return await runCommand(binary, ['--file', composeFile, '--env-file', envFile, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, ...env },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The configuration compose resolves for `env`; throws with compose's message when it refuses. */
export async function resolveCompose(env: Record<string, string>): Promise<ComposeProject> {
  const result = await runCompose(['config'], env);
  if (result.code !== 0) throw new Error(`docker-compose config failed (exit ${result.code}):\n${result.stderr}`);
  return parse(result.stdout) as ComposeProject;
}

/** docker-compose.yml as written (anchors merged, nothing interpolated). */
export function readComposeSource(): { text: string; project: ComposeProject } {
  const text = readFileSync(composeFile, 'utf8');
  return { text, project: parse(text, { merge: true }) as ComposeProject };
}

/**
 * A service's environment as its process sees it: map form, `$$` unescaped, and the pass-through
 * entries that are unset (null) left out.
 */
export function serviceEnv(service: ComposeService | undefined): Record<string, string> {
  const environment = service?.environment ?? {};
  const entries: [string, string | number | null][] = Array.isArray(environment)
    ? environment.map((e): [string, string | null] => {
        const at = e.indexOf('=');
        return at < 0 ? [e, null] : [e.slice(0, at), e.slice(at + 1)];
      })
    : Object.entries(environment);
  return Object.fromEntries(
    entries.filter((e): e is [string, string | number] => e[1] !== null).map(([k, v]) => [k, unescape(String(v))]),
  );
}

/** Every variable name a service sets or passes through, unset ones included. */
export function serviceEnvNames(service: ComposeService | undefined): string[] {
  const environment = service?.environment ?? {};
  return Array.isArray(environment) ? environment.map((e) => e.split('=')[0] ?? e) : Object.keys(environment);
}

/** A config.ts parse function (parseConfig, parseApiConfig, …). */
export type Parser = (env: Record<string, string | undefined>) => unknown;

/** The variable names a config.ts parser reads: exactly the keys its zod schema looks up. */
export function namesReadBy(parse: Parser): Set<string> {
  const read = new Set<string>();
  const env = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    },
  );
  try {
    parse(env);
  } catch {
    // The required variables are missing: only the names matter here.
  }
  return read;
}

/** A shell script given as a service's command, as the container's shell receives it. */
export function serviceScript(service: ComposeService | undefined): string {
  const command = service?.command;
  const script = Array.isArray(command) ? command.at(-1) : command;
  if (script === undefined) throw new Error('the service has no command');
  return unescape(script);
}

/** `$$` is how compose files (and `docker-compose config` output) spell a literal `$`. */
function unescape(value: string): string {
  return value.replaceAll('$$', '$');
}

/** Host address and port of a published port, in either output form (short or long syntax). */
export function publishedPorts(service: ComposeService): { hostIp: string; published: number; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') {
      return { hostIp: port.host_ip ?? '', published: Number(port.published), target: Number(port.target) };
    }
    const parts = port.replace(/\/\w+$/, '').split(':');
    const target = Number(parts.at(-1));
    const published = Number(parts.at(-2) ?? target);
    return { hostIp: parts.length > 2 ? (parts[0] ?? '') : '', published, target };
  });
}
