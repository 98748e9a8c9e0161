import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex } from '../../../activities/documents/hash.ts';
import { renderMessage, resolveTemplateLocale, TEMPLATE_IDS } from '../../../activities/documents/templates.ts';
import type { TemplateId, TemplateParams } from '../../../activities/documents/templates.ts';
import { SMS_MAX_CHARS } from '../../../activities/documents/sms.ts';
import { LOCKOUT_TEMPLATE_IDS } from '../../../activities/documents/lockout-message-types.ts';
import type { LockoutTemplateParams } from '../../../activities/documents/lockout-message-types.ts';

const ref = { incidentId: 'INC-2025-0042', title: 'Student records exported to a public bucket' };
const noticeText = 'NOTIFICATION OF A PERSONAL DATA BREACH\n\n(text)\n';

/**
 * The data-leak procedure's templates (the lockout's and the credential warning have their own
 * tests: lockout-*-documents, registry-parity).
 */
type DataLeakId = Exclude<TemplateId, keyof LockoutTemplateParams | 'credential-warning'>;
const DATA_LEAK_IDS = TEMPLATE_IDS.filter(
  (id): id is DataLeakId => !(LOCKOUT_TEMPLATE_IDS as readonly string[]).includes(id) && id !== 'credential-warning',
);

const params: Pick<TemplateParams, DataLeakId> = {
  'ops-alert': { ...ref, severity: 'critical', detectedAt: '2025-03-01T09:15:00Z' },
  'ops-escalation': {
    ...ref,
    severity: 'critical',
    detectedAt: '2025-03-01T09:15:00Z',
    level: 2,
    unacknowledgedSince: '2025-03-01T09:16:00Z',
  },
  'stakeholder-notice': {
    ...ref,
    severity: 'high',
    detectedAt: '2025-03-01T09:15:00Z',
    description: 'A misconfigured export job wrote student data to a public bucket.',
    dataCategories: ['name', 'student ID'],
    jurisdictions: ['DE', 'FR'],
    authorityNoticeDueAt: '2025-03-04T09:15:00Z',
    affectedPeople: null,
  },
  'deadline-missed': {
    ...ref,
    milestoneId: 'compliance-report',
    milestoneTitle: 'Formal compliance status report',
    dueAt: '2025-03-01T13:15:00Z',
  },
  'deadline-at-risk': {
    ...ref,
    milestoneId: 'affected-people',
    milestoneTitle: 'Affected people notified',
    dueAt: '2025-03-02T09:15:00Z',
    estimatedFinishAt: '2025-03-02T11:40:00Z',
    remaining: 48_200,
    basis: 'planned: 30 SMS/s',
  },
  'approval-escalation': {
    ...ref,
    version: 2,
    sha256: 'b'.repeat(64),
    dueAt: '2025-03-04T09:15:00Z',
    late: false,
  },
  'authority-undelivered': {
    ...ref,
    version: 2,
    sha256: 'b'.repeat(64),
    dueAt: '2025-03-04T09:15:00Z',
    problem: 'email: SendGrid refused the recipient address (HTTP 400)',
    retryCommand: 'herald incident retry INC-2025-0042 --service email',
  },
  'compliance-report': { ...ref, generatedAt: '2025-03-01T12:45:00Z', sha256: 'c'.repeat(64), version: 1 },
  'authority-notice': {
    ...ref,
    authorityName: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit',
    controllerName: 'Example University',
    version: 1,
    sha256: sha256Hex(noticeText),
    noticeText,
  },
  'authority-review-request': {
    ...ref,
    version: 2,
    sha256: 'b'.repeat(64),
    dueAt: '2025-03-04T09:15:00Z',
    late: false,
    coverText: 'The supervisory-authority notice for data-leak incident INC-2025-0042 awaits legal approval.\n',
    approveCommand: 'herald incident approve INC-2025-0042 --as <you> --version 2 --sha256 bbbb',
    draftText: noticeText,
  },
  'affected-person': {
    incidentId: 'INC-2025-0042',
    organisation: 'Example University',
    recipientName: 'Jean Dupont',
    detectedAt: '2025-03-01T09:15:00Z',
    whatHappened: {
      en: 'A file with student contact data was publicly readable for two days.',
      de: 'Eine Datei mit Kontaktdaten von Studierenden war zwei Tage lang öffentlich lesbar.',
      fr: 'Un fichier contenant des coordonnées d’étudiants a été lisible publiquement pendant deux jours.',
    },
    dataCategories: [{ en: 'name', de: 'Name', fr: 'nom' }, 'student ID'],
    measuresTaken: 'We closed access and are reviewing the access logs.',
    dpo: { name: 'Dr. Erika Muster', email: 'dpo@uni.example', phone: '+49 30 1234567' },
  },
};

function render<T extends DataLeakId>(id: T, locale: string | undefined): ReturnType<typeof renderMessage> {
  return renderMessage(id, locale, params[id] as TemplateParams[T]);
}

describe('renderMessage', () => {
  it('renders every template with the incident reference and an SMS within two segments', () => {
    for (const id of DATA_LEAK_IDS) {
      const m = render(id, 'en');
      assert.ok(m.subject.length > 0 && !m.subject.includes('\n'), id);
      assert.ok(m.text.includes('INC-2025-0042') || id === 'authority-notice', id);
      assert.ok(m.sms.includes('INC-2025-0042'), `${id} sms: ${m.sms}`);
      assert.ok(m.sms.length <= SMS_MAX_CHARS, `${id} sms is ${m.sms.length} chars`);
    }
  });

  it('tells the on-call how to acknowledge', () => {
    const m = render('ops-alert', 'en');
    assert.match(m.text, /acknowledge with: herald incident ack INC-2025-0042/i);
    assert.match(m.sms, /herald incident ack INC-2025-0042$/);
    assert.match(m.subject, /CRITICAL/);
    assert.match(render('ops-escalation', 'en').text, /level 2[\s\S]*Unacknowledged since: 2025-03-01 09:16 UTC/);
  });

  it('names the missed milestone and the approval awaited', () => {
    assert.match(
      render('deadline-missed', 'en').text,
      /Formal compliance status report[\s\S]*Was due at: 2025-03-01 13:15 UTC/,
    );
    assert.match(
      render('approval-escalation', 'en').text,
      /awaits legal approval[\s\S]*b{64}[\s\S]*2025-03-04 09:15 UTC/,
    );
    assert.match(render('compliance-report', 'en').text, /c{64}/);
  });

  it('sends the authority notice verbatim and only with the approved hash', () => {
    assert.equal(render('authority-notice', 'en').text, noticeText);
    assert.throws(
      () =>
        renderMessage('authority-notice', 'en', {
          ...params['authority-notice'],
          noticeText: noticeText + 'x',
        }),
      /does not match the approved SHA-256/,
    );
  });

  it("renders staff templates in en, de and fr, with dates in the reader's form; other languages get English", () => {
    assert.match(render('ops-alert', 'de').text, /Kenntnisnahme \(erkannt am\): 01\.03\.2025 09:15 UTC/);
    assert.match(render('ops-alert', 'fr').text, /Prise de connaissance \(détection\) : 01\/03\/2025 09:15 UTC/);
    assert.match(render('ops-alert', 'en').text, /Awareness \(detected at\): 2025-03-01 09:15 UTC/);
    assert.equal(resolveTemplateLocale('ops-alert', 'fr-CA'), 'fr');
    assert.equal(resolveTemplateLocale('deadline-missed', 'de-AT'), 'de');
    assert.equal(resolveTemplateLocale('ops-alert', 'it'), 'en');
    assert.equal(render('ops-alert', 'it').text, render('ops-alert', 'en').text);
    // German and French plural and number rules in the same template.
    assert.match(render('stakeholder-notice', 'de').text, /Betroffene Personen: werden ermittelt/);
    const known = { ...params['stakeholder-notice'], affectedPeople: 48_200 };
    assert.match(renderMessage('stakeholder-notice', 'de', known).text, /Betroffene Personen: 48\.200\n/);
    assert.match(render('deadline-at-risk', 'fr').text, /48200 destinataires restants/);
    const one = { ...params['deadline-at-risk'], remaining: 1 };
    assert.match(renderMessage('deadline-at-risk', 'fr', one).text, /\(1 destinataire restant ;/);
    assert.match(renderMessage('deadline-at-risk', 'de', one).text, /\(noch 1 Person ausstehend;/);
  });

  it('renders the affected-person message in en, de and fr with Art. 34(2) content', () => {
    const en = render('affected-person', 'en');
    assert.match(en.text, /^Dear Jean Dupont,/);
    assert.match(en.text, /What happened\nA file with student contact data/);
    assert.match(en.text, /Which of your data is involved\n- name\n- student ID/);
    assert.match(en.text, /What this may mean for you\n/);
    assert.match(en.text, /What we are doing\nWe closed access/);
    assert.match(en.text, /What you can do\n- /);
    assert.match(en.text, /Dr\. Erika Muster: email dpo@uni\.example, phone \+49 30 1234567/);
    assert.match(en.text, /1 March 2025/);

    const de = render('affected-person', 'de');
    assert.match(de.subject, /Datenschutzvorfall/);
    assert.match(de.text, /Was ist passiert\?\nEine Datei mit Kontaktdaten/);
    assert.match(de.text, /- Name\n- student ID/);
    assert.match(de.text, /dpo@uni\.example/);
    assert.match(de.text, /1\. März 2025/);

    const fr = render('affected-person', 'fr');
    assert.match(fr.text, /Que s'est-il passé \?\nUn fichier/);
    assert.match(fr.text, /- nom/);
    assert.match(fr.text, /dpo@uni\.example/);
    assert.match(fr.text, /1 mars 2025/);
  });

  it('resolves locales: exact, then language, then English', () => {
    assert.equal(resolveTemplateLocale('affected-person', 'de-AT'), 'de');
    assert.equal(resolveTemplateLocale('affected-person', 'FR'), 'fr');
    assert.equal(resolveTemplateLocale('affected-person', 'fr_CA'), 'fr');
    assert.equal(resolveTemplateLocale('affected-person', 'pt-BR'), 'en');
    assert.equal(resolveTemplateLocale('affected-person', undefined), 'en');
    assert.equal(render('affected-person', 'de-AT').text, render('affected-person', 'de').text);
    assert.equal(render('affected-person', 'pt-BR').text, render('affected-person', 'en').text);
  });

  it('keeps the SMS within two segments even with a long title and organisation', () => {
    const long = 'x'.repeat(30) + ' ' + 'Sehr lange Beschreibung eines Vorfalls '.repeat(10);
    const ops = renderMessage('ops-alert', 'en', { ...params['ops-alert'], title: long.slice(0, 200) });
    assert.ok(ops.sms.length <= SMS_MAX_CHARS, `${ops.sms.length}`);
    assert.match(ops.sms, /^Herald INC-2025-0042 CRITICAL/);
    assert.match(ops.sms, /Ack: herald incident ack INC-2025-0042$/);
    for (const locale of ['en', 'de', 'fr']) {
      const m = renderMessage('affected-person', locale, {
        ...params['affected-person'],
        organisation: 'Universität für Angewandte Wissenschaften und Technologie der Freien und Hansestadt',
      });
      assert.ok(m.sms.length <= SMS_MAX_CHARS, `${locale}: ${m.sms.length}`);
      assert.ok(m.sms.includes('INC-2025-0042'), locale);
      assert.ok(m.sms.endsWith('dpo@uni.example'), `${locale}: ${m.sms}`);
    }
  });
});
