/**
 * `herald config` (bin/herald, a separate process): the environment's Temporal and store, the
 * organisation profile the worker reads, and with --worker the whole worker configuration checked
 * without starting one — every missing variable named, exit 2.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { runCommand } from '../support/run-command.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
let dir = '';
const herald = (args: string[], env: Record<string, string> = {}) =>
  runCommand(heraldBin, ['config', ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir, ...env } });

/** What a worker needs beyond the defaults (values only parsed here: nothing is contacted). */
const WORKER_ENV = {
  SALESFORCE_CLIENT_ID: 'id',
  SALESFORCE_CLIENT_SECRET: 'secret',
  SALESFORCE_USERNAME: 'integration@example.test',
  SALESFORCE_PASSWORD: 'pw',
  SENDGRID_API_KEY: 'SG.key',
  HERALD_EMAIL_FROM: 'herald@example.test',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM_NUMBER: '+15005550006',
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-config-'));
});

test('shows Temporal, the store without its password and the organisation profile’s regimes', async () => {
  const profile = join(dir, 'profile.json');
  await writeFile(
    profile,
    JSON.stringify({ name: 'Example Bank', sector: { doraFinancialEntity: true, nis2: 'essential' } }),
  );
  const env = {
    HERALD_ORGANISATION_PROFILE_FILE: profile,
    DATABASE_URL: 'postgresql://herald:s3cret@127.0.0.1:5432/herald',
    TEMPORAL_NAMESPACE: 'herald-prod',
  };
  const shown = await herald([], env);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /Temporal: 127\.0\.0\.1:7233, namespace herald-prod, task queue herald/);
  assert.match(shown.stdout, /Store: PostgreSQL postgresql:\/\/herald@127\.0\.0\.1:5432\/herald \(DATABASE_URL\)/);
  assert.doesNotMatch(shown.stdout, /s3cret/);
  assert.match(shown.stdout, /Organisation: Example Bank/);
  assert.match(shown.stdout, /Sector regimes: NIS2 essential entity; DORA financial entity/);
  const json = await herald(['--json'], env);
  assert.equal(
    (JSON.parse(json.stdout) as { organisationProfile: { sector: { doraFinancialEntity: boolean } } })
      .organisationProfile.sector.doraFinancialEntity,
    true,
  );
});

test('a bad profile names the variable and the field; --worker names every missing variable', async () => {
  const bad = join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ sector: { nis2: 'huge' } }));
  const refused = await herald([], { HERALD_ORGANISATION_PROFILE_FILE: bad });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /HERALD_ORGANISATION_PROFILE_FILE .*bad\.json: .*sector\.nis2/);

  const missing = await herald(['--worker']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /a worker would not start here/);
  for (const name of ['SENDGRID_API_KEY', 'TWILIO_AUTH_TOKEN', 'SALESFORCE_CLIENT_ID']) {
    assert.match(missing.stderr, new RegExp(name));
  }
  const valid = await herald(['--worker'], WORKER_ENV);
  assert.equal(valid.code, 0, valid.stderr);
  assert.match(valid.stdout, /Worker configuration: valid/);
});
