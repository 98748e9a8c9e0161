/**
 * The lockout, customer, procurement, report-cover, service-problem, legal-clock, review-request and
 * credential-warning texts moved into the template registry: rendered from the shipped version 1
 * they are byte for byte what the TypeScript texts before the registry produced (kept in ./legacy/
 * for this comparison only), over every cause, template, locale and optional parameter, long
 * titles (SMS shortening) and multi-line input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCredentialWarning } from '../../../activities/documents/credential-warning.ts';
import { renderLegalClockNotice } from '../../../activities/documents/legal-clock-notice.ts';
import type { LegalClockNotice } from '../../../activities/documents/legal-clock-notice.ts';
import {
  LOCKOUT_CUSTOMER_TEMPLATES,
  renderLockoutCustomerMessage,
} from '../../../activities/documents/lockout-customer-messages.ts';
import { LOCKOUT_TEMPLATES, renderLockoutMessage } from '../../../activities/documents/lockout-messages.ts';
import { renderReviewRequest } from '../../../activities/documents/review-request.ts';
import { renderServiceProblem } from '../../../activities/documents/service-problem.ts';
import type { RenderedMessage } from '../../../activities/documents/message-types.ts';
import { oneLine } from '../../../activities/documents/format.ts';
import { BUILT_IN_TEMPLATES } from '../../../activities/templates/template-source.ts';
import { LOCKOUT_CAUSES } from '../../../workflows/domain/lockout.ts';
import type { LockoutIncident, LockoutScope } from '../../../workflows/domain/lockout.ts';
import { lockout } from '../../support/lockout-fixture.ts';
import * as legacyCredential from './legacy/credential-warning.ts';
import * as legacyCustomer from './legacy/lockout-customer-messages.ts';
import * as legacyLegal from './legacy/legal-clock-notice.ts';
import * as legacyReview from './legacy/review-request.ts';
import * as legacyStaff from './legacy/lockout-messages.ts';
import * as legacyService from './legacy/service-problem.ts';

const plain = (m: RenderedMessage) => ({ subject: m.subject, text: m.text, sms: m.sms });
/**
 * The one difference, on purpose: a registry subject is one line with single spaces, so a status
 * update without its sequence number reads "Status update on" where it read "Status update  on".
 */
const oneLineSubject = (m: RenderedMessage) => ({ ...m, subject: oneLine(m.subject) });

const incidents: LockoutIncident[] = [
  ...LOCKOUT_CAUSES.map((cause, i) =>
    lockout(`LO-${i}`, '2026-03-06T17:50:00Z', { cause, severity: (['critical', 'high', 'medium'] as const)[i % 3] }),
  ),
  lockout('LO-LONG', '2026-12-31T23:59:59Z', {
    title: 'A very long title with\nline breaks '.repeat(20).trim(),
    description: 'What happened,\n  in  two lines.',
  }),
];
const scopes: LockoutScope[] = [
  { surfaces: ['checkout'], regions: ['US'], euPersonalDataInterrupted: false },
  {
    surfaces: ['checkout', 'accounts', 'discovery', 'sync-jobs'],
    regions: ['EU', 'UK', 'APAC'],
    euPersonalDataInterrupted: true,
  },
];
const paramSets: Record<string, string>[] = [
  {},
  {
    level: '2',
    page: '3',
    reason: 'Escalated by hand:\nno answer',
    cadence: '2 hours',
    sequence: '4',
    approvedText: 'Orders are queued.\nNothing is lost.',
    nextAt: '2026-03-06T19:50:00Z',
    resolvedAt: '2026-03-06T22:10:00Z',
    rootCause: 'Token rotated.',
    title: 'Stakeholder notice',
    milestone: 'stakeholder-notice',
    dueAt: '2026-03-06T18:50:00Z',
    documentVersion: '2026.1',
    noticeSentAt: '2026-03-06T18:30:00Z',
    accountId: '001ACC',
  },
  { cadence: '30 minutes', rootCause: '', sequence: '1', reason: 'x '.repeat(200) },
];

describe('registry texts equal the texts before the registry', () => {
  it('lockout staff messages', () => {
    let compared = 0;
    for (const incident of incidents)
      for (const scope of scopes)
        for (const params of paramSets)
          for (const template of LOCKOUT_TEMPLATES) {
            const input = { template, incident, scope, params };
            assert.deepEqual(
              plain(renderLockoutMessage(input)),
              oneLineSubject(legacyStaff.renderLockoutMessage(input)),
              JSON.stringify(input),
            );
            compared++;
          }
    assert.equal(compared, incidents.length * scopes.length * paramSets.length * LOCKOUT_TEMPLATES.length);
  });

  it('customer and procurement messages', () => {
    for (const incident of incidents)
      for (const scope of scopes)
        for (const params of paramSets)
          for (const accountName of ['Northwind Traders GmbH', 'A'.repeat(150)])
            for (const template of LOCKOUT_CUSTOMER_TEMPLATES) {
              const input = { template, incident, scope, params, accountName };
              assert.deepEqual(
                plain(renderLockoutCustomerMessage(input)),
                legacyCustomer.renderLockoutCustomerMessage(input),
                JSON.stringify(input),
              );
            }
  });

  it('lockout report covers', () => {
    for (const kind of ['compliance-report', 'post-incident-report'] as const) {
      const body = "REPORT\n\n{not ICU} it's verbatim\n";
      const sha256 = 'f'.repeat(64);
      const title = kind === 'compliance-report' ? 'Compliance status report' : 'Post-incident report';
      assert.deepEqual(
        plain(
          BUILT_IN_TEMPLATES.render('lockout-report-cover', undefined, {
            lockoutId: 'LO-7',
            kind,
            sha256,
            reportText: body,
          }),
        ),
        {
          subject: `[Herald] ${title}: lockout LO-7 (sha256 ${sha256.slice(0, 12)})`,
          text: body,
          sms: `Herald LO-7: ${title.toLowerCase()} sent to your email (sha256 ${sha256.slice(0, 12)}).`,
        },
      );
    }
  });

  it('service-problem pages', () => {
    for (const permanent of [true, false])
      for (const steps of [[], ['stakeholder-notice', 'customer-notice']])
        for (const cause of ['the provider refused the API key (HTTP 401)', 'long\ncause '.repeat(60)]) {
          const p = {
            reference: 'LO-9',
            service: 'email',
            failureType: 'auth',
            cause,
            since: '2026-03-06T17:52:10Z',
            permanent,
            steps,
            retryCommand: 'herald lockout retry LO-9 --service email',
            recheckMinutes: 5,
          };
          assert.deepEqual(plain(renderServiceProblem(p)), legacyService.renderServiceProblem(p), JSON.stringify(p));
        }
  });

  it('legal-clock notices', () => {
    for (const kind of ['at-risk', 'missed'] as const)
      for (const meansOfMeeting of ['herald-sends', 'operator-files'] as const)
        for (const title of ['Early warning to the CSIRT', 'A long\ntitle '.repeat(40)]) {
          const p: LegalClockNotice = {
            reference: 'INC-4',
            kind,
            clock: {
              id: 'nis2-early-warning',
              regime: 'NIS2',
              jurisdiction: 'DE',
              title,
              recipient: 'BSI\n(CSIRT)',
              dueAt: '2026-03-07T17:50:00Z',
              source: 'NIS2 Art. 23(4)(a)',
              meansOfMeeting,
            },
            recordCommand: 'herald incident record-submission INC-4 --clock nis2-early-warning',
          };
          assert.deepEqual(plain(renderLegalClockNotice(p)), legacyLegal.renderLegalClockNotice(p), JSON.stringify(p));
        }
  });

  it('review requests to legal, in every locale the request was written in', () => {
    let compared = 0;
    const bodies = ["NOTIFICATION\n\n{not ICU} it's '{verbatim}'\n", 'x '.repeat(3000), 'no final newline'];
    for (const locale of [undefined, 'en', 'de', 'de-AT', 'fr', 'fr-CA', 'pt-BR'])
      for (const late of [false, true])
        for (const timeZone of [undefined, 'Europe/Berlin'])
          for (const title of ['Student records exposed', 'A long\ntitle '.repeat(40)])
            for (const body of bodies)
              for (const version of [1, 12]) {
                const draft = {
                  incidentId: 'INC-7',
                  title,
                  ...(timeZone ? { timeZone } : {}),
                  version,
                  sha256: 'e'.repeat(64),
                  dueAt: '2026-03-04T05:00:00Z',
                  late,
                };
                const approveCommand = `herald incident approve INC-7 --as <you> --version ${version} --sha256 ${'e'.repeat(64)}`;
                // Before: the cover from the registry, the lines around it from review-request.ts in the cover's language.
                const cover = BUILT_IN_TEMPLATES.render('approval-escalation', locale, draft);
                const request = { version, incidentId: 'INC-7', body };
                const before = {
                  ...legacyReview.reviewRequest(cover.template?.locale, request, cover.text, approveCommand),
                  sms: cover.sms,
                };
                const now = renderReviewRequest(BUILT_IN_TEMPLATES, locale, draft, { approveCommand, draftText: body });
                assert.deepEqual(plain(now), before, JSON.stringify({ locale, late, timeZone, version }));
                assert.equal(now.template?.cover?.templateId, 'approval-escalation');
                compared++;
              }
    assert.equal(compared, 7 * 2 * 2 * 2 * bodies.length * 2);
  });

  it('credential-expiry warnings', () => {
    for (const hoursLeft of [71.9, 24, 1, 0.4, -3, 1500.2])
      for (const thresholdHours of [72, 24])
        for (const description of ['TLS certificate of api.uni.test:443', 'Long\ndescription  '.repeat(30)])
          for (const credential of ['tls-api.uni.test-443', 'salesforce-token']) {
            const p = {
              credential,
              description,
              expiresAt: '2026-03-09T17:50:00Z',
              thresholdHours,
              hoursLeft,
              checkedAt: '2026-03-06T17:51:30Z',
            };
            const before = legacyCredential.renderCredentialWarning(p);
            assert.deepEqual(plain(renderCredentialWarning(p)), before, JSON.stringify(p));
            assert.deepEqual(plain(renderCredentialWarning(p, BUILT_IN_TEMPLATES, 'en-GB')), before);
          }
  });
});
