/**
 * docker-compose.yml, checked without a Docker engine: `docker-compose config` accepts it and stops
 * naming each missing secret, and what a validator cannot see — health checks, dependency conditions,
 * pinned images, no literal secrets, and every Herald variable known to workers/config.ts with the
 * services wired to the same namespace, task queue, keys and origins.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Script } from 'node:vm';
import { parseApiConfig, parseCodecServerConfig, parseConfig } from '../../workers/config.ts';
import {
  composeBinary,
  namesReadBy,
  projectRoot,
  publishedPorts,
  readComposeSource,
  REQUIRED_SAMPLE_ENV,
  resolveCompose,
  runCompose,
  serviceEnv,
  serviceEnvNames,
} from './compose-file.ts';
import type { ComposeProject, ComposeService, Parser } from './compose-file.ts';

/** Each Herald service, the parser its entry point hands process.env to, and its entry point. */
const HERALD_SERVICES: readonly { service: string; parse: Parser; parser: string; entry: string }[] = [
  { service: 'herald-worker', parse: parseConfig, parser: 'parseConfig', entry: 'workers/main.ts' },
  { service: 'herald-api', parse: parseApiConfig, parser: 'parseApiConfig', entry: 'client/api/main.ts' },
  {
    service: 'herald-codec',
    parse: parseCodecServerConfig,
    parser: 'parseCodecServerConfig',
    entry: 'client/codec/main.ts',
  },
];

/** Variables config.ts reads that the stack deliberately does not set, and why. */
const NOT_SET_BY_THE_STACK: Readonly<Record<string, string>> = {
  HERALD_DATA_DIR: 'the stack keeps the store in PostgreSQL (DATABASE_URL), not in the embedded store',
  HERALD_API_DATA_DIR: 'the API keeps its triggers in PostgreSQL (DATABASE_URL), not in an embedded store',
  HERALD_INSECURE_UNSIGNED_ACTIONS: 'a local sandbox switch: the stack verifies every privileged action’s signed claim',
};

/** Names whose values are credentials: never written into the file. */
const SECRET_NAME = /PASSWORD|PWD|SECRET|TOKEN|API_KEY|PAYLOAD_KEYS/;
/** Names that only look like credentials: a switch saying whether Temporal UI forwards its user's token. */
const NOT_A_SECRET = new Set(['TEMPORAL_CODEC_PASS_ACCESS_TOKEN']);

function service(project: ComposeProject, name: string): ComposeService {
  const found = project.services[name];
  assert.ok(found, `docker-compose.yml has no service ${name}`);
  return found;
}

let sample: Promise<ComposeProject> | undefined;
/** The stack as compose resolves it with the sample values (resolved once per file). */
const sampleStack = (): Promise<ComposeProject> => (sample ??= resolveCompose({ ...REQUIRED_SAMPLE_ENV }));

const isOneShot = (s: ComposeService): boolean => /^(no|on-failure)/.test(s.restart ?? '');

describe('docker-compose config', () => {
  test('the validator is installed', () => {
    assert.doesNotThrow(composeBinary);
  });

  test('accepts the file with every required variable set, without a warning', async () => {
    const result = await runCompose(['config', '--quiet'], { ...REQUIRED_SAMPLE_ENV });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr.trim(), '');
  });

  test('stops naming each required variable that is missing', async () => {
    const names = Object.keys(REQUIRED_SAMPLE_ENV);
    const required = [...readComposeSource().text.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    assert.deepEqual(
      [...new Set(required)].sort(),
      [...names].sort(),
      'REQUIRED_SAMPLE_ENV lists the ${X:?} variables',
    );
    const results = await Promise.all(
      names.map(async (name) => {
        const env: Record<string, string> = { ...REQUIRED_SAMPLE_ENV };
        delete env[name];
        return { name, result: await runCompose(['config', '--quiet'], env) };
      }),
    );
    for (const { name, result } of results) {
      assert.notEqual(result.code, 0, `compose accepted the file without ${name}`);
      assert.match(result.stderr, new RegExp(`set ${name}\\b`), `the message names ${name}`);
    }
  });
});

describe('the stack', () => {
  test('every long-running service has a health check; everything that waits, waits for health or completion', async () => {
    const project = await sampleStack();
    for (const [name, s] of Object.entries(project.services)) {
      assert.ok(s.restart, `${name} sets a restart policy`);
      if (isOneShot(s)) continue;
      const check = s.healthcheck;
      assert.ok(check?.test && check.disable !== true, `${name} has a health check`);
      assert.notDeepEqual(check.test, ['NONE'], `${name} has a health check`);
    }
    for (const [name, s] of Object.entries(project.services)) {
      const deps = s.depends_on ?? {};
      assert.ok(!Array.isArray(deps), `${name}: depends_on names a condition for each dependency`);
      for (const [dependency, { condition }] of Object.entries(deps)) {
        const expected = isOneShot(service(project, dependency)) ? 'service_completed_successfully' : 'service_healthy';
        assert.equal(condition, expected, `${name} waits for ${dependency}`);
      }
    }
  });

  test('the health checks written in JavaScript parse', async () => {
    const project = await sampleStack();
    const scripts = Object.values(project.services)
      .map((s) => s.healthcheck?.test)
      .filter((t): t is string[] => Array.isArray(t) && t[1] === 'node' && t[2] === '-e');
    assert.equal(scripts.length, HERALD_SERVICES.length);
    for (const check of scripts) assert.doesNotThrow(() => new Script(check[3] ?? ''), check[3]);
  });

  test('the worker, the API and the codec server run the one Herald image with their entry points', async () => {
    const project = await sampleStack();
    const images = new Set<string | undefined>();
    for (const { service: name, entry } of HERALD_SERVICES) {
      const s = service(project, name);
      assert.ok(s.build, `${name} is built from the Dockerfile`);
      images.add(s.image);
      assert.deepEqual(s.command, ['node', '--import', 'tsx', entry]);
      assert.ok(existsSync(join(projectRoot, entry)), `${name}'s entry point ${entry} exists`);
    }
    assert.equal(images.size, 1, 'one image for all three');
  });

  test('images are pinned to versions, the Dockerfile base image too', async () => {
    const project = await sampleStack();
    const pinned = (image: string) => /^[\w./-]+:\d+\.\d+[\w.-]*$/.test(image) || /@sha256:[0-9a-f]{64}$/.test(image);
    for (const [name, s] of Object.entries(project.services)) {
      if (s.build) continue;
      assert.ok(s.image && pinned(s.image), `${name}: image ${s.image ?? '(none)'} is pinned to a version`);
    }
    const from = [...readFileSync(join(projectRoot, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+(\S+)/gm)].map(
      (m) => m[1],
    );
    assert.ok(from.length > 0);
    for (const image of from) assert.ok(image && pinned(image), `Dockerfile: FROM ${image ?? ''} is pinned`);
  });

  test('no secret is written in the file: credentials come from required variables', () => {
    const { text, project } = readComposeSource();
    for (const [name, s] of Object.entries(project.services)) {
      const environment = s.environment ?? {};
      assert.ok(!Array.isArray(environment), `${name}: environment is a map`);
      for (const [key, value] of Object.entries(environment)) {
        if (!SECRET_NAME.test(key) || NOT_A_SECRET.has(key) || value === null) continue; // null: passed through
        const written = String(value);
        const fromVariable = /^\$\{\w+:\?[^}]*\}$/.test(written);
        const secretFile = written.startsWith('/run/secrets/');
        assert.ok(fromVariable || secretFile, `${name}.${key} comes from a required variable, not the file`);
      }
      const url = serviceEnv({ environment }).DATABASE_URL;
      if (url !== undefined) {
        assert.match(
          url,
          /^postgres(ql)?:\/\/\w+:\$\{\w+:\?[^}]*\}@/,
          `${name}: DATABASE_URL's password is a variable`,
        );
      }
    }
    for (const [, name] of text.matchAll(/\$\{(\w+):?-/g)) {
      assert.ok(!SECRET_NAME.test(name ?? ''), `${name ?? ''} has a default value in the file`);
    }
  });

  test('published ports listen on 127.0.0.1 unless the operator says otherwise', async () => {
    const project = await sampleStack();
    const published = Object.entries(project.services).flatMap(([name, s]) =>
      publishedPorts(s).map((p) => ({ name, ...p })),
    );
    assert.ok(published.length >= 4);
    for (const p of published) assert.equal(p.hostIp, '127.0.0.1', `${p.name} publishes ${p.published} on loopback`);
  });
});

describe('Herald services and workers/config.ts', () => {
  for (const { service: name, parse, parser } of HERALD_SERVICES) {
    test(`${name}: every variable is one ${parser} reads, and every one it reads is set or passed through`, async () => {
      const project = await sampleStack();
      const known = namesReadBy(parse);
      const given = serviceEnvNames(service(project, name));
      const unknown = given.filter((n) => !known.has(n));
      assert.deepEqual(unknown, [], `${name} sets variables workers/config.ts (${parser}) does not read`);
      const missing = [...known].filter((n) => !given.includes(n) && !(n in NOT_SET_BY_THE_STACK));
      assert.deepEqual(missing, [], `${parser} reads variables that docker-compose.yml does not give ${name}`);
    });

    test(`${name}: the values compose resolves pass ${parser}`, async () => {
      const project = await sampleStack();
      assert.doesNotThrow(() => parse(serviceEnv(service(project, name))));
    });
  }

  test('worker, API, admin tools and UI agree on namespace and task queue; the defaults are config.ts’s', async () => {
    const defaults = parseConfig(REQUIRED_SAMPLE_ENV);
    const cases: Partial<Record<'TEMPORAL_NAMESPACE' | 'HERALD_TASK_QUEUE', string>>[] = [
      {},
      { TEMPORAL_NAMESPACE: 'herald-prod', HERALD_TASK_QUEUE: 'herald-eu' },
    ];
    for (const overrides of cases) {
      const env = serviceEnvsOf(await resolveCompose({ ...REQUIRED_SAMPLE_ENV, ...overrides }));
      const namespace = overrides.TEMPORAL_NAMESPACE ?? defaults.TEMPORAL_NAMESPACE;
      const taskQueue = overrides.HERALD_TASK_QUEUE ?? defaults.HERALD_TASK_QUEUE;
      for (const name of ['herald-worker', 'herald-api', 'temporal-admin-tools']) {
        assert.equal(env(name).TEMPORAL_NAMESPACE, namespace, `${name}'s namespace`);
      }
      assert.equal(env('temporal-ui').TEMPORAL_DEFAULT_NAMESPACE, namespace);
      for (const name of ['herald-worker', 'herald-api']) {
        assert.equal(env(name).HERALD_TASK_QUEUE, taskQueue, `${name}'s task queue`);
        assert.equal(env(name).TEMPORAL_ADDRESS, 'temporal:7233');
        assert.match(env(name).DATABASE_URL ?? '', /@herald-db:5432\/herald$/);
      }
    }
  });

  test('one set of payload keys; the UI calls the codec server from an origin the codec server allows', async () => {
    const project = await sampleStack();
    const env = serviceEnvsOf(project);
    for (const name of ['herald-worker', 'herald-api', 'herald-codec']) {
      assert.equal(env(name).HERALD_PAYLOAD_KEYS, REQUIRED_SAMPLE_ENV.HERALD_PAYLOAD_KEYS, `${name}'s keys`);
    }
    const ui = env('temporal-ui');
    const codec = parseCodecServerConfig(env('herald-codec'));
    assert.deepEqual(codec.HERALD_CODEC_ALLOWED_ORIGINS, [ui.TEMPORAL_CORS_ORIGINS]);
    const uiPort = publishedPorts(service(project, 'temporal-ui')).find(
      (p) => p.target === Number(ui.TEMPORAL_UI_PORT),
    );
    assert.equal(
      new URL(ui.TEMPORAL_CORS_ORIGINS ?? '').port,
      String(uiPort?.published),
      'the UI origin is where the UI is',
    );
    const codecPort = publishedPorts(service(project, 'herald-codec')).find(
      (p) => p.target === codec.HERALD_CODEC_PORT,
    );
    assert.equal(new URL(ui.TEMPORAL_CODEC_ENDPOINT ?? '').port, String(codecPort?.published), 'the codec endpoint');
    assert.equal(codec.HERALD_CODEC_HOST, '0.0.0.0', 'reachable from outside its container');
  });

  test('the API reads its tokens from the compose secret', async () => {
    const project = await sampleStack();
    const api = parseApiConfig(serviceEnv(service(project, 'herald-api')));
    assert.equal(api.HERALD_API_TOKENS_FILE, '/run/secrets/herald-api-tokens');
    assert.equal(api.HERALD_API_HOST, '0.0.0.0');
    assert.equal(
      project.secrets?.['herald-api-tokens']?.file,
      join(projectRoot, REQUIRED_SAMPLE_ENV.HERALD_API_TOKENS_FILE ?? ''),
    );
  });
});

function serviceEnvsOf(project: ComposeProject): (name: string) => Record<string, string> {
  return (name) => serviceEnv(service(project, name));
}
