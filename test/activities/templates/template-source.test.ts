import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_PARAMS } from '../../../activities/templates/sample-params.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { BUILT_IN_TEMPLATES, TemplateSource } from '../../../activities/templates/template-source.ts';
import { templateHash } from '../../../activities/templates/template-texts.ts';

const en = SEED_TEMPLATES['deadline-missed'].en!;
const pinned = new TemplateSource(
  {
    'deadline-missed': {
      en: { texts: { ...en, subject: 'v7 {incidentId}' }, version: 7, sha256: 'f'.repeat(64) },
      de: { texts: { ...en, subject: 'v3 de {incidentId}' }, version: 3, sha256: 'e'.repeat(64) },
    },
  },
  'pinned',
);

describe('TemplateSource', () => {
  it('names the variant each message came from, and says when English stood in', () => {
    const de = pinned.render('deadline-missed', 'de-AT', SAMPLE_PARAMS['deadline-missed']);
    assert.equal(de.subject, 'v3 de INC-2025-0042');
    assert.deepEqual(de.template, {
      templateId: 'deadline-missed',
      locale: 'de',
      requestedLocale: 'de-AT',
      version: 3,
      sha256: 'e'.repeat(64),
      fellBackToEnglish: false,
      pinned: true,
    });
    const nl = pinned.render('deadline-missed', 'nl', SAMPLE_PARAMS['deadline-missed']);
    assert.equal(nl.subject, 'v7 INC-2025-0042');
    assert.equal(nl.template?.fellBackToEnglish, true);
    assert.equal(
      pinned.render('deadline-missed', undefined, SAMPLE_PARAMS['deadline-missed']).template?.fellBackToEnglish,
      false,
    );
  });

  it('renders a template id the pins lack from the shipped texts, and says why', () => {
    const m = pinned.render('ops-alert', 'en', SAMPLE_PARAMS['ops-alert']);
    const shipped = {
      templateId: 'ops-alert',
      locale: 'en',
      requestedLocale: 'en',
      version: 1,
      sha256: templateHash(SEED_TEMPLATES['ops-alert'].en!),
      fellBackToEnglish: false,
      pinned: false,
    };
    assert.deepEqual(m.template, { ...shipped, unpinned: 'added-after-pinning' });
    // A procedure without pins gets the same text, with no reason to give.
    const unpinned = BUILT_IN_TEMPLATES.render('ops-alert', 'en', SAMPLE_PARAMS['ops-alert']);
    assert.deepEqual(unpinned, { ...m, template: shipped });
  });

  it('names the version approved when a message of no procedure was sent', () => {
    const approved = new TemplateSource(
      {
        'credential-warning': {
          en: { texts: SEED_TEMPLATES['credential-warning'].en!, version: 4, sha256: 'a'.repeat(64) },
        },
      },
      'approved-at-send',
    );
    const m = approved.render('credential-warning', 'de', SAMPLE_PARAMS['credential-warning']);
    assert.deepEqual(m.template, {
      templateId: 'credential-warning',
      locale: 'en',
      requestedLocale: 'de',
      version: 4,
      sha256: 'a'.repeat(64),
      fellBackToEnglish: true,
      pinned: false,
      unpinned: 'approved-at-send',
    });
  });
});
