import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { SEED_ACTOR } from '../../../activities/store/template-registry.ts';
import { SAMPLE_PARAMS } from '../../../activities/templates/sample-params.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { diffTemplateVersions } from '../../../activities/templates/template-diff.ts';
import { templatesFor } from '../../../activities/templates/template-source.ts';
import { templateHash } from '../../../activities/templates/template-texts.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const NOW = '2026-12-03T09:00:00.000Z';
const alice = { id: 'alice', role: 'compliance' } as const;
const bob = { id: 'bob', role: 'legal' } as const;
const rita = { id: 'rita', role: 'responder' } as const;
const opsAlert = SEED_TEMPLATES['ops-alert'].en!;
const changed = { ...opsAlert, smsTail: 'Acknowledge: {ackCommand}' };

forEachDriver((driver) => {
  let store: HeraldStore;
  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  test('the shipped texts are version 1 of each template and locale, approved, with their hash', async () => {
    const all = await store.templates.list();
    const expected = Object.values(SEED_TEMPLATES).reduce((n, v) => n + Object.keys(v).length, 0);
    assert.equal(all.length, expected);
    const seeded = await store.templates.get('affected-person', 'de', 1);
    assert.equal(seeded?.state, 'approved');
    assert.equal(seeded?.author, SEED_ACTOR);
    assert.equal(seeded?.sha256, templateHash(SEED_TEMPLATES['affected-person'].de!));
    assert.deepEqual(seeded?.texts, SEED_TEMPLATES['affected-person'].de);
    assert.equal(await store.templates.seed(NOW), 0, 'seeding again adds nothing');
  });

  test('a change by its own author cannot be approved; another compliance or legal person can', async () => {
    const draft = await store.templates.propose(
      { templateId: 'ops-alert', locale: 'en', texts: changed, author: 'alice' },
      NOW,
    );
    assert.equal(draft.version, 2);
    assert.equal(draft.state, 'draft');
    await assert.rejects(
      store.templates.approve('ops-alert', 'en', 2, bob, NOW, { reviewRequired: false }),
      /only a version in review can be approved/,
    );
    await store.templates.submit('ops-alert', 'en', 2, NOW);
    await assert.rejects(
      store.templates.approve('ops-alert', 'en', 2, alice, NOW, { reviewRequired: false }),
      (e: Error & { code?: string }) => e.code === 'own-change' && /its author cannot approve it/.test(e.message),
    );
    await assert.rejects(
      store.templates.approve('ops-alert', 'en', 2, rita, NOW, { reviewRequired: false }),
      /needs the compliance or legal role; rita has responder/,
    );
    await assert.rejects(
      store.templates.approve('ops-alert', 'en', 2, bob, NOW, { reviewRequired: true }),
      /has no accessibility review yet/,
    );
    assert.equal((await store.templates.get('ops-alert', 'en', 2))?.state, 'in-review', 'refusals change nothing');

    const approved = await store.templates.approve('ops-alert', 'en', 2, bob, NOW, { reviewRequired: false });
    assert.equal(approved.state, 'approved');
    assert.equal(approved.approver, 'bob');
    assert.equal(approved.approverRole, 'legal');
    assert.equal((await store.templates.get('ops-alert', 'en', 1))?.state, 'superseded', 'the old version is kept');
    assert.deepEqual(
      (await store.templates.approved('ops-alert')).map((v) => [v.locale, v.version]),
      [
        ['de', 1],
        ['en', 2],
        ['fr', 1],
      ],
    );
  });

  test('an invalid proposal is refused and stores nothing', async () => {
    const before = (await store.templates.list('deadline-missed')).length;
    await assert.rejects(
      store.templates.propose(
        { templateId: 'deadline-missed', locale: 'en', texts: { ...opsAlert, text: '{severity}' }, author: 'alice' },
        NOW,
      ),
      /text: uses \{severity\}, which deadline-missed does not have/,
    );
    await assert.rejects(
      store.templates.propose({ templateId: 'no-such', locale: 'en', texts: opsAlert, author: 'alice' }, NOW),
      /no message type "no-such"/,
    );
    await assert.rejects(
      store.templates.propose({ templateId: 'ops-alert', locale: 'not a tag', texts: opsAlert, author: 'alice' }, NOW),
      /not a locale/,
    );
    assert.equal((await store.templates.list('deadline-missed')).length, before);
  });

  test('a failed review blocks approval and is kept with the version', async () => {
    const draft = await store.templates.propose(
      { templateId: 'deadline-missed', locale: 'fr', texts: SEED_TEMPLATES['deadline-missed'].en!, author: 'carol' },
      NOW,
    );
    await store.templates.submit('deadline-missed', 'fr', draft.version, NOW);
    const review = {
      passed: false,
      at: NOW,
      findings: ['email: html-has-lang'],
      sha256: draft.sha256,
      locale: 'fr',
      axe: { version: '4.14.1', violations: [{ id: 'html-has-lang', impact: 'serious', help: 'lang', nodes: 1 }] },
    };
    await assert.rejects(
      store.templates.recordReview('deadline-missed', 'fr', draft.version, { ...review, sha256: 'f'.repeat(64) }),
      /the review is of other texts/,
      'a review of other texts is refused',
    );
    await store.templates.recordReview('deadline-missed', 'fr', draft.version, review);
    await assert.rejects(
      store.templates.approve('deadline-missed', 'fr', draft.version, alice, NOW, { reviewRequired: true }),
      /failed its accessibility review: email: html-has-lang/,
    );
    assert.deepEqual((await store.templates.get('deadline-missed', 'fr'))?.review, review);
  });

  test('diff shows what changed between two versions, part by part', async () => {
    const v1 = (await store.templates.get('ops-alert', 'en', 1))!;
    const v2 = (await store.templates.get('ops-alert', 'en', 2))!;
    const diff = diffTemplateVersions(v1, v2);
    assert.match(diff, /--- ops-alert\/en\/v1\/smsTail/);
    assert.match(diff, /-Ack: \{ackCommand\}\n\+Acknowledge: \{ackCommand\}/);
    assert.doesNotMatch(diff, /subject/);
    assert.equal(diffTemplateVersions(v1, v1), '');
  });

  test('a procedure pins the approved versions once; a changed row no longer matches its pin', async () => {
    const pins = await store.templates.pin('INC-PIN', NOW);
    assert.deepEqual(pins['ops-alert']?.en, { version: 2, sha256: templateHash(changed) });
    assert.equal(pins['affected-person']?.fr?.version, 1);
    const draft = await store.templates.propose(
      { templateId: 'ops-alert', locale: 'en', texts: opsAlert, author: 'carol' },
      NOW,
    );
    await store.templates.submit('ops-alert', 'en', draft.version, NOW);
    await store.templates.approve('ops-alert', 'en', draft.version, alice, NOW, { reviewRequired: false });
    assert.deepEqual(await store.templates.pin('INC-PIN', NOW), pins, 'pinned once: a later approval changes nothing');
    assert.equal((await store.templates.pin('INC-LATER', NOW))['ops-alert']?.en?.version, draft.version);
    assert.equal(await store.templates.pinsOf('INC-NONE'), null);

    const versions = await store.templates.pinnedVersions('INC-PIN');
    assert.equal(versions?.find((v) => v.templateId === 'ops-alert' && v.locale === 'en')?.version, 2);
    await store.driver.query(
      `UPDATE message_templates SET texts = $1 WHERE template_id = 'ops-alert' AND locale = 'en' AND version = 2`,
      [JSON.stringify({ ...changed, subject: 'tampered' })],
    );
    await assert.rejects(store.templates.pinnedVersions('INC-PIN'), /does not match the SHA-256 INC-PIN pinned/);
  });

  test('a store seeded before the German and French staff texts gets them on its next open; earlier pins keep English', async () => {
    const options = await driver.newDatabase();
    const earlier = await openStore(options);
    // The store as the release before left it: staff templates in English only, one procedure pinned.
    await earlier.driver.query(
      "DELETE FROM message_templates WHERE template_id <> 'affected-person' AND locale <> 'en'",
    );
    assert.equal((await earlier.templates.pin('INC-EARLIER', NOW))['ops-alert']?.de, undefined);
    await earlier.close();

    const reopened = await openStore(options);
    try {
      const all = await reopened.templates.list();
      assert.equal(
        all.length,
        Object.values(SEED_TEMPLATES).reduce((n, v) => n + Object.keys(v).length, 0),
      );
      for (const locale of ['de', 'fr']) {
        const seeded = await reopened.templates.get('deadline-missed', locale, 1);
        assert.equal(seeded?.state, 'approved', locale);
        assert.equal(seeded?.author, SEED_ACTOR);
        assert.equal(seeded?.sha256, templateHash(SEED_TEMPLATES['deadline-missed'][locale]!));
      }
      assert.equal(await reopened.templates.seed(NOW), 0, 'seeding again adds nothing');

      // Pinned before the seeds: English stands in for a German reader, and says so.
      const earlierSource = await templatesFor(reopened.templates, 'INC-EARLIER');
      const old = earlierSource.render('ops-alert', 'de', SAMPLE_PARAMS['ops-alert']);
      assert.match(old.subject, /Data-leak incident/);
      assert.deepEqual(
        { locale: old.template?.locale, fellBack: old.template?.fellBackToEnglish, pinned: old.template?.pinned },
        { locale: 'en', fellBack: true, pinned: true },
      );
      // A procedure begun now pins every locale, the new ones included.
      const pins = await reopened.templates.pin('INC-NOW', NOW);
      assert.deepEqual(Object.keys(pins['ops-alert'] ?? {}).sort(), ['de', 'en', 'fr']);
      const now = (await templatesFor(reopened.templates, 'INC-NOW')).render(
        'ops-alert',
        'de-AT',
        SAMPLE_PARAMS['ops-alert'],
      );
      assert.match(now.subject, /Datenschutzvorfall/);
      assert.deepEqual(
        { locale: now.template?.locale, fellBack: now.template?.fellBackToEnglish, version: now.template?.version },
        { locale: 'de', fellBack: false, version: 1 },
      );
    } finally {
      await reopened.close();
    }
  });
});
