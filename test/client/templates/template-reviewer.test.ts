/**
 * The accessibility review in Debian's Chromium with axe-core: every shipped template and locale
 * passes it (one browser for all of them); what an author can get wrong fails it, naming the rule;
 * the layout's contrast is what axe measures; without Chromium the review says it cannot run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailHtml } from '../../../activities/templates/email-html.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import type { TemplateVersion } from '../../../activities/templates/template-lifecycle.ts';
import { templateHash } from '../../../activities/templates/template-texts.ts';
import type { TemplateTexts } from '../../../activities/templates/template-texts.ts';
import { launchChromium, runAxe } from '../../../client/browser/axe-in-chromium.ts';
import {
  ChromiumTemplateReviewer,
  EMAIL_AXE_TAGS,
  ReviewUnavailable,
} from '../../../client/templates/template-reviewer.ts';
import { rejection } from '../../support/rejection.ts';
import { CHROMIUM } from '../../support/browser.ts';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const reviewer = new ChromiumTemplateReviewer(CHROMIUM);

const versionOf = (templateId: string, locale: string, texts: TemplateTexts): TemplateVersion => ({
  templateId,
  locale,
  version: 2,
  texts,
  sha256: templateHash(texts),
  state: 'in-review',
  author: 'alice',
  validation: { problems: [] },
  createdAt: NOW.toISOString(),
});

test('every shipped template passes in every locale, reviewed in one browser', async () => {
  const versions = Object.entries(SEED_TEMPLATES).flatMap(([id, variants]) =>
    Object.entries(variants).map(([locale, texts]) => versionOf(id, locale, texts)),
  );
  const reviews = await reviewer.review(versions, () => NOW);
  assert.equal(reviews.length, versions.length);
  for (const [i, review] of reviews.entries()) {
    const v = versions[i]!;
    assert.deepEqual(review.findings, [], `${v.templateId} ${v.locale}`);
    assert.equal(review.passed, true);
    assert.equal(review.sha256, v.sha256);
    assert.equal(review.locale, v.locale);
    assert.match(review.axe.version, /^4\.\d+\.\d+$/);
    assert.equal(review.at, NOW.toISOString());
    assert.ok((review.sms?.segments ?? 0) >= 1);
  }
});

test('an empty subject, an empty plain text and a locale that is no language fail, each named; the next version is judged afresh', async () => {
  const base = SEED_TEMPLATES['deadline-missed'].en!;
  const [noSubject, noText, noLanguage, fine] = await reviewer.review(
    [
      versionOf('deadline-missed', 'en', { ...base, subject: ' ' }),
      versionOf('deadline-missed', 'en', { ...base, text: '' }),
      versionOf('deadline-missed', 'qq', base),
      versionOf('deadline-missed', 'en', base),
    ],
    () => NOW,
  );
  // One page serves the whole run: a failing email leaves nothing behind for the next one.
  assert.equal(fine?.passed, true);
  assert.equal(noSubject?.passed, false);
  assert.deepEqual(
    noSubject?.axe.violations.map((v) => [v.id, v.targets]).sort(),
    [
      ['document-title', ['html']],
      ['empty-heading', ['h1']],
    ],
    'each rule with the elements that broke it',
  );
  assert.match(
    noSubject?.findings.join('\n') ?? '',
    /email: document-title \(serious\): Documents must have <title> element/,
  );
  assert.equal(noText?.passed, false);
  assert.deepEqual(noText?.findings, ['text: the plain-text part is empty with the sample parameters']);
  assert.equal(noLanguage?.passed, false);
  assert.deepEqual(
    noLanguage?.axe.violations.map((v) => v.id),
    ['html-lang-valid'],
  );
});

test('the contrast rule measures the layout: the same email in light grey fails it', async () => {
  const html = emailHtml({ subject: 'Subject', text: 'Body text', lang: 'en' });
  const browser = await launchChromium(CHROMIUM);
  try {
    const page = await browser.newPage();
    await page.setContent(html.replaceAll('#1a1a1a', '#aaaaaa'));
    const { violations } = await runAxe(page, EMAIL_AXE_TAGS);
    assert.deepEqual(
      violations.map((v) => v.id),
      ['color-contrast'],
    );
  } finally {
    await browser.close();
  }
});

test('without Chromium the review says it cannot run and how to go on', async () => {
  const err = await rejection(
    new ChromiumTemplateReviewer('/nonexistent/chromium').review(
      [versionOf('deadline-missed', 'en', SEED_TEMPLATES['deadline-missed'].en!)],
      () => NOW,
    ),
  );
  assert.ok(err instanceof ReviewUnavailable, String(err));
  assert.match(
    err.message,
    /needs Chromium, which did not start from \/nonexistent\/chromium .*HERALD_TEMPLATE_REVIEW=off/,
  );
});
