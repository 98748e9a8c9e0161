/**
 * `herald templates` as operators run it (bin/herald, its own process) on PostgreSQL, with changes
 * through the real HTTP API on 127.0.0.1: export the approved texts as files, edit one, import it
 * (proposed as the token's person and put into review), the author's approval refused (exit 3),
 * another compliance person's taken after the accessibility review, which show prints; a version
 * failing the review is refused naming the rules it broke; diff and list show the versions.
 * `templates review` runs that review on its own over a stored version or a file, changing nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { buildApi } from '../../client/api/app.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { runCommand } from '../support/run-command.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { formatTemplateFile } from '../../activities/templates/template-file.ts';
import { usePostgresServer } from '../support/postgres-server.ts';
import { ChromiumTemplateReviewer } from '../../client/templates/template-reviewer.ts';
import { CHROMIUM } from '../support/browser.ts';
import { testTriggers } from '../support/triggers.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const API_PORT = 24151;
const postgres = usePostgresServer();
const tokens = { alice: 'alice-token-0123456789abcdef', bob: 'bob-token-0123456789abcdef' };
let dir: string;
let databaseUrl: string;
let store: HeraldStore;
let server: Server;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-templates-cli-'));
  databaseUrl = await (await postgres()).createDatabase();
  store = await openStore({ databaseUrl });
  const client = new Client(); // lazy: these routes never reach Temporal
  const app = buildApi({
    client,
    taskQueue: 'herald-templates-cli',
    tokens: new TokenRegistry([
      { id: 'alice', role: 'compliance', sha256: sha256Hex(tokens.alice) },
      { id: 'bob', role: 'compliance', sha256: sha256Hex(tokens.bob) },
    ]),
    alertRoutes: {},
    triggers: testTriggers({ client, taskQueue: 'herald-templates-cli', store }),
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    templates: { registry: store.templates, review: new ChromiumTemplateReviewer(CHROMIUM) },
  });
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: API_PORT }, () => resolve(s as Server));
  });
});
after(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const herald = (token: keyof typeof tokens | undefined, ...args: string[]) =>
  runCommand(heraldBin, ['templates', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      DATABASE_URL: databaseUrl,
      HERALD_CHROMIUM: CHROMIUM,
      ...(token ? { HERALD_API_URL: `http://127.0.0.1:${API_PORT}`, HERALD_API_TOKEN: tokens[token] } : {}),
    },
  });

test('export, edit, import for review, approval by another person; diff and list show the versions', async () => {
  const exported = await herald(undefined, 'export', join(dir, 'files'));
  assert.equal(exported.code, 0, exported.stderr);
  // One file per shipped template and locale: the approved version 1 of each.
  const variants = Object.values(SEED_TEMPLATES).reduce((n, v) => n + Object.keys(v).length, 0);
  assert.match(exported.stdout, new RegExp(`^${variants} templates written`));
  const path = join(dir, 'files', 'deadline-missed', 'en.icu');
  const file = await readFile(path, 'utf8');
  assert.match(
    file,
    /^# Herald message template deadline-missed en v1 \(approved\) sha256 [0-9a-f]{64}\n--- subject\n/,
  );
  await writeFile(path, file.replace('Act now; details by email.', 'Act now: details by email.'));

  const noToken = await herald(undefined, 'import', join(dir, 'files'));
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /set HERALD_API_URL and HERALD_API_TOKEN/);

  const imported = await herald('alice', 'import', join(dir, 'files'), '--submit', '--note', 'clearer');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /deadline-missed en v2\s+in-review\s+by alice/);
  assert.match(imported.stdout, new RegExp(`1 of ${variants} files proposed`));

  const own = await herald('alice', 'approve', 'deadline-missed', 'en', '2');
  assert.equal(own.code, 3);
  assert.match(own.stderr, /its author cannot approve it/);
  assert.equal((await store.templates.get('deadline-missed', 'en', 2))?.state, 'in-review');

  const approved = await herald('bob', 'approve', 'deadline-missed', 'en', '2');
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(
    approved.stdout,
    /deadline-missed en v2\s+approved\s+by alice\s+approved by bob \(compliance\)\s+review passed/,
  );
  const shown = await herald(undefined, 'show', 'deadline-missed', 'en', '--version', '2');
  assert.match(
    shown.stdout,
    /\nreview: passed at \S+ \(axe-core 4\.\d+\.\d+ in Chromium, lang en; SMS \d+ characters, 1 segments \(GSM-7\)\)\n/,
  );
  const seeded = await herald(undefined, 'show', 'deadline-missed', 'en', '--version', '1');
  assert.match(seeded.stdout, /\nreview: none \(a shipped text, recorded at seeding/);

  const diff = await herald(undefined, 'diff', 'deadline-missed', 'en', '1', '2');
  assert.match(diff.stdout, /-Act now; details by email\.\n\+Act now: details by email\./);
  const list = await herald(undefined, 'list', 'deadline-missed');
  assert.match(list.stdout, /deadline-missed en v1\s+superseded[\s\S]*deadline-missed en v2\s+approved/);
});

test('a version whose email fails the accessibility review cannot be approved; show names what failed', async () => {
  const path = join(dir, 'no-subject.icu');
  const file = await readFile(join(dir, 'files', 'deadline-missed', 'en.icu'), 'utf8');
  await writeFile(path, file.replace(/--- subject\n[^\n]*\n/, '--- subject\n\n'));
  const proposed = await herald('alice', 'propose', 'deadline-missed', 'en', path, '--submit');
  assert.equal(proposed.code, 0, proposed.stderr);
  assert.match(proposed.stdout, /deadline-missed en v3\s+in-review/);

  const refused = await herald('bob', 'approve', 'deadline-missed', 'en', '3');
  assert.equal(refused.code, 3, refused.stdout);
  assert.match(refused.stderr, /v3 failed its accessibility review: email: document-title \(serious\)/);
  assert.equal((await store.templates.get('deadline-missed', 'en', 3))?.state, 'in-review');

  const shown = await herald(undefined, 'show', 'deadline-missed', 'en');
  assert.match(shown.stdout, /deadline-missed en v3\s+in-review\s+by alice\s+review FAILED/);
  assert.match(
    shown.stdout,
    /\nreview: FAILED at [^\n]*\n {2}- email: document-title \(serious\)[^\n]*\n {2}- email: empty-heading/,
  );
});

test('review: a shipped version passes (0), a file failing a rule fails naming it (1), bad input is refused (2); nothing changes', async () => {
  const before = await store.templates.list();

  const passed = await herald(undefined, 'review', 'ops-alert', '--locale', 'fr');
  assert.equal(passed.code, 0, passed.stderr);
  assert.match(passed.stdout, /^ops-alert fr v1 \(approved\), sha256 [0-9a-f]{64}\n/);
  assert.match(passed.stdout, /\naccessibility review: passed \(axe-core 4\.\d+\.\d+ in Chromium, lang fr\)\n/);
  assert.match(passed.stdout, /\nemail: no axe-core rule broken/);
  assert.match(
    passed.stdout,
    /\nplain text: not empty\nSMS: fits \(320 characters in 3 segments\): \d+ characters, [1-3] segments? \(GSM-7\)\n$/,
  );

  // An empty subject: the email has no title and an empty heading.
  const path = join(dir, 'review-no-subject.icu');
  const texts = { ...SEED_TEMPLATES['deadline-missed'].en!, subject: '' };
  await writeFile(path, formatTemplateFile({ templateId: 'deadline-missed', locale: 'en', texts }));
  const failed = await herald(undefined, 'review', 'deadline-missed', '--file', path);
  assert.equal(failed.code, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, new RegExp(`^deadline-missed en from ${path}, sha256 [0-9a-f]{64}\n`));
  assert.match(failed.stdout, /\naccessibility review: FAILED /);
  assert.match(
    failed.stdout,
    /\n {2}- document-title \(serious\): Documents must have <title> element[^\n]*\n {6}at html\n/,
  );
  assert.match(failed.stdout, /\n {2}- empty-heading \(minor\): [^\n]+\n {6}at h1\n/);
  assert.match(failed.stdout, /\nplain text: not empty\nSMS: fits/);
  assert.match(failed.stderr, /fails the accessibility review: document-title; empty-heading/);

  const unknown = await herald(undefined, 'review', 'no-such-template');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no template no-such-template \(the templates are: ops-alert, /);
  const noVersion = await herald(undefined, 'review', 'ops-alert', '--locale', 'fr', '--version', '9');
  assert.equal(noVersion.code, 2);
  assert.match(noVersion.stderr, /no template ops-alert fr v9 in the store/);
  const badPath = join(dir, 'not-a-template.icu');
  await writeFile(badPath, 'Dear {name},\n');
  const badFile = await herald(undefined, 'review', 'ops-alert', '--file', badPath);
  assert.equal(badFile.code, 2);
  assert.match(badFile.stderr, /the first line must be "# Herald message template <id> <locale>"/);
  const otherTemplate = await herald(undefined, 'review', 'ops-alert', '--file', path);
  assert.equal(otherTemplate.code, 2);
  assert.match(otherTemplate.stderr, /is a file of deadline-missed, not ops-alert/);
  await writeFile(
    path,
    formatTemplateFile({ templateId: 'deadline-missed', locale: 'en', texts: { ...texts, text: '{severity}' } }),
  );
  const invalid = await herald(undefined, 'review', 'deadline-missed', '--file', path);
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /does not validate, so it cannot be reviewed:\n {2}- text: uses \{severity\}/);

  assert.deepEqual(await store.templates.list(), before, 'the store is unchanged');
});
