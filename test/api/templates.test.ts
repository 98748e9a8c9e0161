/**
 * The template routes over a real store (PGlite): list, propose as the token's person, submit,
 * approve by another person with the compliance or legal role; the author's own approval, a
 * responder's and an invalid proposal are refused and change nothing; diff between versions.
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

describe('template routes', () => {
  let store: HeraldStore;
  let app: ReturnType<typeof buildApi>;
  before(async () => {
    store = await openStore();
    // The client is never used by these routes; a lazy one never connects.
    const client = new Client();
    app = buildApi({
      client,
      taskQueue: 'herald-templates',
      tokens: new TokenRegistry(people.map((p) => ({ ...p, sha256: sha256Hex(token(p.id)) }))),
      alertRoutes: {},
      triggers: testTriggers({ client, taskQueue: 'herald-templates', store }),
      rateLimitPerMinute: 10_000,
      maxBodyBytes: 256 * 1024,
      templates: { registry: store.templates, reviewRequired: false },
    });
  });
  after(() => store?.close());

  const call = (method: string, path: string, who: string, body?: unknown) =>
    app.request(path, { method, headers: as(who), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
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

    const ok = await call('POST', `${base}/${draft.version}/approve`, 'bob', {});
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as TemplateVersion).approver, 'bob');

    const diff = await call('GET', `${base}/diff?from=1&to=${draft.version}`, 'rita');
    assert.match(
      ((await diff.json()) as { diff: string }).diff,
      /-Act now; details by email\.\n\+Act now: details by email\./,
    );
    assert.equal((await call('GET', `${base}/9`, 'rita')).status, 404);
  });
});
