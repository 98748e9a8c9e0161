/**
 * The template routes over a real store (PGlite): list, propose as the token's person, submit,
 * approve by another person with the compliance or legal role after the accessibility review in
 * Chromium (stored with the version, shown by GET); the author's own approval, a responder's, an
 * invalid proposal and a version failing the review are refused and change nothing; without
 * Chromium the approval answers 503; diff between versions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@temporalio/client';
import { buildApi } from '../../client/api/app.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import type { TemplateVersion } from '../../activities/templates/template-lifecycle.ts';
import { ChromiumTemplateReviewer } from '../../client/templates/template-reviewer.ts';
import type { TemplateReviewer } from '../../client/templates/template-reviewer.ts';
import { CHROMIUM } from '../support/browser.ts';
import { testTriggers } from '../support/triggers.ts';

const people = [
  { id: 'alice', role: 'compliance' },
  { id: 'bob', role: 'legal' },
  { id: 'rita', role: 'responder' },
  { id: 'bridge', role: 'integration' },
] as const;
const token = (id: string) => `token-of-${id}-0123456789`;
const as = (id: string) => ({ Authorization: `Bearer ${token(id)}`, 'Content-Type': 'application/json' });
const texts = { ...SEED_TEMPLATES['deadline-missed'].en!, smsTail: 'Act now: details by email.' };

/** The API over `store`, reviewing with `review`. */
function apiOf(store: HeraldStore, review: TemplateReviewer | 'off') {
  // The client is never used by these routes; a lazy one never connects.
  const client = new Client();
  return buildApi({
    client,
    taskQueue: 'herald-templates',
    tokens: new TokenRegistry(people.map((p) => ({ ...p, sha256: sha256Hex(token(p.id)) }))),
    alertRoutes: {},
    triggers: testTriggers({ client, taskQueue: 'herald-templates', store }),
    rateLimitPerMinute: 10_000,
    maxBodyBytes: 256 * 1024,
    templates: { registry: store.templates, review },
  });
}

describe('template routes', () => {
  let store: HeraldStore;
  let app: ReturnType<typeof buildApi>;
  before(async () => {
    store = await openStore();
    app = apiOf(store, new ChromiumTemplateReviewer(CHROMIUM));
  });
  after(() => store?.close());

  const call = (method: string, path: string, who: string, body?: unknown, api = app) =>
    api.request(path, { method, headers: as(who), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const detail = async (res: Response) => ((await res.json()) as { detail: string }).detail;
  const base = '/v1/templates/deadline-missed/en';

  it('lists the shipped versions to readers', async () => {
    const res = await call('GET', '/v1/templates?templateId=deadline-missed', 'bridge');
    assert.equal(res.status, 200);
    const { templates } = (await res.json()) as { templates: TemplateVersion[] };
    assert.deepEqual(
      templates.map((t) => [t.locale, t.version, t.state]),
      [
        ['de', 1, 'approved'],
        ['en', 1, 'approved'],
        ['fr', 1, 'approved'],
      ],
    );
  });

  it('refuses an invalid proposal and a machine token, storing nothing', async () => {
    const bad = await call('POST', base, 'rita', { texts: { ...texts, text: '{severity}' } });
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { detail: string }).detail,
      /uses \{severity\}, which deadline-missed does not have/,
    );
    assert.equal((await call('POST', base, 'bridge', { texts })).status, 403);
    assert.equal((await store.templates.list('deadline-missed')).length, 3);
  });

  it('the author cannot approve their own change; a responder cannot approve; legal can', async () => {
    const proposed = await call('POST', base, 'alice', { texts, note: 'clearer instruction' });
    assert.equal(proposed.status, 201);
    const draft = (await proposed.json()) as TemplateVersion;
    assert.equal(draft.author, 'alice');
    assert.equal((await call('POST', `${base}/${draft.version}/submit`, 'alice', {})).status, 200);

    const own = await call('POST', `${base}/${draft.version}/approve`, 'alice', {});
    assert.equal(own.status, 409);
    assert.match(((await own.json()) as { detail: string }).detail, /its author cannot approve it/);
    assert.equal((await call('POST', `${base}/${draft.version}/approve`, 'rita', {})).status, 403);
    assert.equal((await store.templates.get('deadline-missed', 'en', draft.version))?.state, 'in-review');

    assert.equal((await store.templates.get('deadline-missed', 'en', draft.version))?.review, undefined);

    const ok = await call('POST', `${base}/${draft.version}/approve`, 'bob', {});
    assert.equal(ok.status, 200);
    const approved = (await ok.json()) as TemplateVersion;
    assert.equal(approved.approver, 'bob');
    // The review ran at approval and is kept with the version.
    assert.equal(approved.review?.passed, true);
    assert.equal(approved.review?.sha256, approved.sha256);
    assert.deepEqual(approved.review?.axe.violations, []);
    const shown = (await (await call('GET', `${base}/${draft.version}`, 'rita')).json()) as TemplateVersion;
    assert.deepEqual(shown.review, approved.review);

    const diff = await call('GET', `${base}/diff?from=1&to=${draft.version}`, 'rita');
    assert.match(
      ((await diff.json()) as { diff: string }).diff,
      /-Act now; details by email\.\n\+Act now: details by email\./,
    );
    assert.equal((await call('GET', `${base}/9`, 'rita')).status, 404);
  });

  it('a version failing the accessibility review cannot be approved; the failed review is kept and shown', async () => {
    const proposed = await call('POST', base, 'alice', { texts: { ...texts, subject: '' } });
    assert.equal(proposed.status, 201, await proposed.clone().text());
    const { version } = (await proposed.json()) as TemplateVersion;
    await call('POST', `${base}/${version}/submit`, 'alice', {});

    const refused = await call('POST', `${base}/${version}/approve`, 'bob', {});
    assert.equal(refused.status, 409);
    assert.match(
      await detail(refused),
      /deadline-missed en v\d+ failed its accessibility review: email: document-title \(serious\): Documents must have <title> element.*; email: empty-heading/,
    );
    const shown = (await (await call('GET', `${base}/${version}`, 'rita')).json()) as TemplateVersion;
    assert.equal(shown.state, 'in-review');
    assert.equal(shown.review?.passed, false);
    assert.deepEqual(
      shown.review?.axe.violations.map((v) => [v.id, v.nodes]),
      [
        ['document-title', 1],
        ['empty-heading', 1],
      ],
    );
    assert.equal(shown.review?.locale, 'en');
    // The stored review of the same texts answers the next attempt (not run again), with the same refusal.
    const again = await call('POST', `${base}/${version}/approve`, 'bob', {});
    assert.equal(again.status, 409);
    assert.match(await detail(again), /failed its accessibility review: email: document-title/);
    assert.deepEqual((await store.templates.get('deadline-missed', 'en', version))?.review, shown.review);
  });

  it('without Chromium the approval answers 503 and changes nothing; HERALD_TEMPLATE_REVIEW=off approves', async () => {
    const proposed = await call('POST', base, 'alice', { texts: { ...texts, smsTail: 'Act now.' } });
    const { version } = (await proposed.json()) as TemplateVersion;
    await call('POST', `${base}/${version}/submit`, 'alice', {});

    const noBrowser = apiOf(store, new ChromiumTemplateReviewer('/nonexistent/chromium'));
    const unavailable = await call('POST', `${base}/${version}/approve`, 'bob', {}, noBrowser);
    assert.equal(unavailable.status, 503);
    assert.match(await detail(unavailable), /needs Chromium.*HERALD_TEMPLATE_REVIEW=off/);
    const after = await store.templates.get('deadline-missed', 'en', version);
    assert.equal(after?.state, 'in-review');
    assert.equal(after?.review, undefined);

    const off = await call('POST', `${base}/${version}/approve`, 'bob', {}, apiOf(store, 'off'));
    assert.equal(off.status, 200);
    assert.equal(((await off.json()) as TemplateVersion).review, undefined);
  });
});
