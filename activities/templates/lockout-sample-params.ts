/** Realistic parameters of the lockout and procedure-notice templates (see sample-params.ts). */
import type { LockoutTemplateParams } from '../documents/lockout-message-types.ts';
import { sha256Hex } from '../documents/hash.ts';

const incident = {
  lockoutId: 'LO-2026-0311',
  detectedAt: '2026-03-06T17:50:00Z',
  severity: 'critical' as const,
  title: 'Salesforce integration user locked out by ISO 27001 audit-log control',
  cause: 'audit-log-lockout' as const,
  description: 'The audit-log retention control failed during the surveillance audit; the integration user was frozen.',
  surfaces: ['checkout', 'accounts', 'sync-jobs'] as ('checkout' | 'accounts' | 'sync-jobs')[],
  regions: ['EU', 'US', 'UK'] as ('EU' | 'US' | 'UK')[],
  euPersonalDataInterrupted: true,
  reporter: { name: 'SIEM', email: 'siem@shop.example' },
};
const ref = {
  incident,
  scope: { surfaces: incident.surfaces, regions: incident.regions, euPersonalDataInterrupted: true },
};
const customer = { ...ref, accountName: 'Northwind Traders GmbH' };
const reportText = 'COMPLIANCE STATUS REPORT\n\n(the stored report)\n';

export const LOCKOUT_SAMPLE_PARAMS: LockoutTemplateParams = {
  'lockout-alert': ref,
  'lockout-escalation': { ...ref, level: '2', reason: 'The on-call engineer is in the air until 21:00.', page: '2' },
  'lockout-stakeholder-notice': { ...ref, cadence: '2 hours' },
  'lockout-status-update': {
    ...ref,
    sequence: '3',
    approvedText: 'Orders are queued and will be processed once the integration user is restored.',
    nextAt: '2026-03-06T20:50:00Z',
  },
  'lockout-resolution': { ...ref, resolvedAt: '2026-03-06T22:10:00Z', rootCause: 'Audit-log retention job restarted.' },
  'lockout-deadline-missed': {
    ...ref,
    title: 'Stakeholder notice',
    milestone: 'stakeholder-notice',
    dueAt: '2026-03-06T18:50:00Z',
  },
  'lockout-report-cover': {
    lockoutId: incident.lockoutId,
    kind: 'compliance-report',
    sha256: sha256Hex(reportText),
    reportText,
  },
  'lockout-customer-notice': { ...customer, cadence: '2 hours' },
  'lockout-procurement-notice': { ...customer, documentVersion: '2026.1' },
  'lockout-procurement-escalation': {
    ...customer,
    documentVersion: '2026.1',
    noticeSentAt: '2026-03-06T18:30:00Z',
    accountId: '001Dn00000Northwind',
  },
  'lockout-customer-resolution': { ...customer, resolvedAt: '2026-03-06T22:10:00Z', rootCause: 'An expired token.' },
  'service-problem': {
    reference: incident.lockoutId,
    service: 'email',
    failureType: 'auth',
    cause: 'the provider refused the API key (HTTP 401)',
    since: '2026-03-06T17:52:00Z',
    permanent: true,
    steps: ['stakeholder-notice', 'customer-notice'],
    retryCommand: `herald lockout retry ${incident.lockoutId} --service email`,
    recheckMinutes: 5,
  },
  'legal-clock-notice': {
    reference: incident.lockoutId,
    kind: 'at-risk',
    clock: {
      id: 'nis2-early-warning',
      regime: 'NIS2',
      jurisdiction: 'DE',
      title: 'Early warning to the CSIRT',
      recipient: 'BSI (CSIRT of Germany)',
      dueAt: '2026-03-07T17:50:00Z',
      source: 'NIS2 Art. 23(4)(a)',
      meansOfMeeting: 'operator-files',
    },
    recordCommand: `herald lockout record-submission ${incident.lockoutId} --clock nis2-early-warning --at <when filed> --reference <portal reference> --filed-by <who>`,
  },
};
