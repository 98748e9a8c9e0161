/**
 * The request to legal to approve the authority notice, from the registry (PGlite store, the
 * SendGrid SDK against the sandbox): a procedure renders it from the version it pinned even after a
 * new one is approved, and the delivery's audit entry names that version and its cover's. A
 * procedure pinned before the template existed sends its shipped text, and the entry says why.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sha256Hex } from '../../activities/documents/hash.ts';
import { createActivities } from '../../activities/index.ts';
import type { AuditEntry } from '../../activities/ports.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { renderReviewRequest } from '../../activities/documents/review-request.ts';
import { SAMPLE_PARAMS } from '../../activities/templates/sample-params.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { TemplateSource } from '../../activities/templates/template-source.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import type { TemplateTexts } from '../../activities/templates/template-texts.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import { testDirectory } from '../support/directory.ts';
import { sandboxPageDeps } from '../support/page-sandbox.ts';
import { incident } from '../support/workflow-harness.ts';

const NOW = '2026-03-01T05:00:00.000Z';
const ID = 'authority-review-request';
const seeded = SEED_TEMPLATES[ID];
const revised: TemplateTexts = { ...seeded.en!, subject: `REVISED ${seeded.en!.subject}` };
const stakeholders = [
  { id: 'legal-en', name: 'Lena', role: 'legal', email: 'lena@uni.test' },
  { id: 'legal-de', name: 'Lars', role: 'legal', email: 'lars@uni.test', locale: 'de' },
];

let sandbox: Sandbox;
let dir: string;
before(async () => {
  [sandbox, dir] = await Promise.all([startSandbox({ students: [] }), mkdtemp(join(tmpdir(), 'herald-review-'))]);
});
after(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Approves `texts` as the next English version of the review request, by a second person. */
async function approveEnglish(store: HeraldStore, texts: TemplateTexts): Promise<number> {
  const draft = await store.templates.propose({ templateId: ID, locale: 'en', texts, author: 'alice' }, NOW);
  await store.templates.submit(ID, 'en', draft.version, NOW);
  await store.templates.approve(ID, 'en', draft.version, { id: 'bob', role: 'legal' }, NOW, { reviewRequired: false });
  return draft.version;
}

/** Stores draft v1 of the notice and asks legal to approve it; returns the audit trail. */
async function requestReview(store: HeraldStore, incidentId: string): Promise<AuditEntry[]> {
  const body = `NOTIFICATION OF A PERSONAL DATA BREACH ${incidentId}\n\n{the draft, not ICU} it's verbatim\n`;
  await store.documents.put({
    incidentId,
    kind: 'authority-notice',
    version: 1,
    body,
    sha256: sha256Hex(body),
    createdAt: NOW,
  });
  const deps = sandboxPageDeps(sandbox, store, {}, { directory: { ...testDirectory, stakeholders } });
  await new MockActivityEnvironment().run(createActivities(deps).requestNoticeApproval, {
    incidentId,
    incident: incident(incidentId, NOW),
    version: 1,
    dueAt: '2026-03-04T05:00:00Z',
    late: false,
  });
  const got = mailTo('lena@uni.test', incidentId);
  assert.ok(got?.text.endsWith(`--- draft v1 ---\n${body}`), 'the exact draft text follows');
  return store.audit.list(incidentId);
}

const mailTo = (to: string, incidentId: string) =>
  sandbox.log.acceptedEmails().find((e) => e.to === to && e.subject.includes(incidentId));
const templateOf = (entries: AuditEntry[], recipientId: string): TemplateUse | undefined =>
  entries.find((e) => e.type === 'delivery.sent' && e.data.recipientId === recipientId)?.data.template as
    TemplateUse | undefined;
const cover = (locale: string, requested?: string): TemplateUse => ({
  templateId: 'approval-escalation',
  locale,
  ...(requested ? { requestedLocale: requested } : {}),
  version: 1,
  sha256: templateHash(SEED_TEMPLATES['approval-escalation'][locale]!),
  fellBackToEnglish: false,
  pinned: true,
});

test('a procedure sends the review request it pinned, and the audit names it and its cover', async () => {
  const store = await openStore({ dataDir: join(dir, 'pinned') });
  try {
    await store.templates.pin('RR-1', NOW);
    const v2 = await approveEnglish(store, revised);
    await store.templates.pin('RR-2', NOW);

    const first = await requestReview(store, 'RR-1');
    assert.equal(
      mailTo('lena@uni.test', 'RR-1')?.subject,
      '[Herald][REVIEW] Authority notice v1 for RR-1 needs legal approval',
    );
    assert.equal(
      mailTo('lars@uni.test', 'RR-1')?.subject,
      '[Herald][PRÜFUNG] Meldung an die Aufsichtsbehörde v1 zu RR-1 braucht die Freigabe der Rechtsabteilung',
    );
    assert.match(mailTo('lars@uni.test', 'RR-1')?.text ?? '', /\nFreigeben mit: herald incident approve RR-1 /);
    assert.deepEqual(templateOf(first, 'legal-en'), {
      templateId: ID,
      locale: 'en',
      version: 1,
      sha256: templateHash(seeded.en!),
      fellBackToEnglish: false,
      pinned: true,
      cover: cover('en'),
    });
    assert.deepEqual(templateOf(first, 'legal-de'), {
      templateId: ID,
      locale: 'de',
      requestedLocale: 'de',
      version: 1,
      sha256: templateHash(seeded.de!),
      fellBackToEnglish: false,
      pinned: true,
      cover: cover('de', 'de'),
    });

    // Begun after the approval: the new version, named in the audit.
    const second = await requestReview(store, 'RR-2');
    assert.equal(
      mailTo('lena@uni.test', 'RR-2')?.subject,
      'REVISED [Herald][REVIEW] Authority notice v1 for RR-2 needs legal approval',
    );
    const use = templateOf(second, 'legal-en');
    assert.deepEqual([use?.version, use?.sha256, use?.pinned], [v2, templateHash(revised), true]);
  } finally {
    await store.close();
  }
});

test('a procedure pinned before the template existed sends its shipped text, and the audit says why', async () => {
  const options = { dataDir: join(dir, 'earlier') };
  const earlier = await openStore(options);
  // The store as the release before left it: no review-request template; RR-0 pins then.
  await earlier.driver.query('DELETE FROM message_templates WHERE template_id = $1', [ID]);
  assert.equal((await earlier.templates.pin('RR-0', NOW))[ID], undefined);
  await earlier.close();

  const store = await openStore(options);
  try {
    assert.equal((await store.templates.get(ID, 'de', 1))?.state, 'approved', 'seeded on the next open');
    await approveEnglish(store, revised); // approved since: RR-0 still gets the shipped text
    const audit = await requestReview(store, 'RR-0');
    assert.equal(
      mailTo('lena@uni.test', 'RR-0')?.subject,
      '[Herald][REVIEW] Authority notice v1 for RR-0 needs legal approval',
    );
    assert.match(mailTo('lars@uni.test', 'RR-0')?.subject ?? '', /^\[Herald\]\[PRÜFUNG\] /);
    assert.deepEqual(templateOf(audit, 'legal-en'), {
      templateId: ID,
      locale: 'en',
      version: 1,
      sha256: templateHash(seeded.en!),
      fellBackToEnglish: false,
      pinned: false,
      unpinned: 'added-after-pinning',
      cover: cover('en'),
    });
  } finally {
    await store.close();
  }
});

test('pinned with English covers only, a German reader gets the request all in English', () => {
  const en = SEED_TEMPLATES['approval-escalation'].en!;
  const englishCovers = new TemplateSource(
    { 'approval-escalation': { en: { texts: en, version: 1, sha256: templateHash(en) } } },
    'pinned',
  );
  const { approveCommand, draftText } = SAMPLE_PARAMS[ID];
  const m = renderReviewRequest(englishCovers, 'de', SAMPLE_PARAMS['approval-escalation'], {
    approveCommand,
    draftText,
  });
  assert.match(m.subject, /^\[Herald\]\[REVIEW\] Authority notice v2 /);
  assert.match(m.text, /^The supervisory-authority notice [\s\S]*\nApprove with: herald incident approve /);
  assert.deepEqual(
    [m.template?.locale, m.template?.unpinned, m.template?.cover?.locale, m.template?.cover?.fellBackToEnglish],
    ['en', 'added-after-pinning', 'en', true],
  );
});
