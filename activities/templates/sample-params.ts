/**
 * One realistic set of parameters per message type: what validation renders to find a template's
 * SMS length and what the accessibility review renders, so every template is judged on the same data.
 */
import { sha256Hex } from '../documents/hash.ts';
import type { TemplateParams } from '../documents/message-types.ts';
import { LOCKOUT_SAMPLE_PARAMS } from './lockout-sample-params.ts';

const ref = { incidentId: 'INC-2025-0042', title: 'Student records exported to a public bucket' };
const noticeText = 'NOTIFICATION OF A PERSONAL DATA BREACH\n\n(the approved notice text)\n';

const approval = {
  ...ref,
  version: 2,
  sha256: 'b'.repeat(64),
  dueAt: '2025-03-04T09:15:00Z',
  late: true,
  timeZone: 'Europe/Berlin',
};

export const SAMPLE_PARAMS: TemplateParams = {
  'ops-alert': { ...ref, severity: 'critical', detectedAt: '2025-03-01T09:15:00Z', timeZone: 'Europe/Berlin' },
  'ops-escalation': {
    ...ref,
    severity: 'critical',
    detectedAt: '2025-03-01T09:15:00Z',
    level: 2,
    unacknowledgedSince: '2025-03-01T09:16:00Z',
    page: 2,
    timeZone: 'Europe/Berlin',
  },
  'stakeholder-notice': {
    ...ref,
    severity: 'high',
    detectedAt: '2025-03-01T09:15:00Z',
    description: 'A misconfigured export job wrote student data to a public bucket.',
    dataCategories: ['name', 'student ID'],
    jurisdictions: ['DE', 'FR'],
    authorityNoticeDueAt: '2025-03-04T09:15:00Z',
    affectedPeople: 48_200,
    timeZone: 'Europe/Berlin',
  },
  'deadline-missed': {
    ...ref,
    milestoneId: 'compliance-report',
    milestoneTitle: 'Formal compliance status report',
    dueAt: '2025-03-01T13:15:00Z',
    timeZone: 'Europe/Berlin',
  },
  'deadline-at-risk': {
    ...ref,
    milestoneId: 'affected-people',
    milestoneTitle: 'Affected people notified',
    dueAt: '2025-03-02T09:15:00Z',
    estimatedFinishAt: '2025-03-02T11:40:00Z',
    remaining: 48_200,
    basis: 'planned: 30 SMS/s',
    timeZone: 'Europe/Berlin',
  },
  'approval-escalation': approval,
  'authority-undelivered': {
    ...ref,
    version: 2,
    sha256: 'b'.repeat(64),
    dueAt: '2025-03-04T09:15:00Z',
    problem: 'email: the provider refused the recipient address (HTTP 400)',
    retryCommand: 'herald incident retry INC-2025-0042 --service email',
    timeZone: 'Europe/Berlin',
  },
  'compliance-report': {
    ...ref,
    generatedAt: '2025-03-01T12:45:00Z',
    sha256: 'c'.repeat(64),
    version: 1,
    summary: '2 of 5 milestones met, 1 missed',
    timeZone: 'Europe/Berlin',
  },
  'authority-notice': {
    ...ref,
    authorityName: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit',
    controllerName: 'Example University',
    version: 1,
    sha256: sha256Hex(noticeText),
    noticeText,
  },
  'authority-review-request': {
    ...approval,
    coverText:
      'The supervisory-authority notice for data-leak incident INC-2025-0042 awaits legal approval.\n\n' +
      'Incident: Student records exported to a public bucket\nDraft: version 2\n',
    approveCommand: `herald incident approve INC-2025-0042 --as <you> --version 2 --sha256 ${'b'.repeat(64)}`,
    draftText: noticeText,
  },
  'affected-person': {
    incidentId: 'INC-2025-0042',
    organisation: 'Example University',
    recipientName: 'Jean Dupont',
    detectedAt: '2025-03-01T09:15:00Z',
    timeZone: 'Europe/Berlin',
    whatHappened: 'A file with student contact data was publicly readable for two days.',
    dataCategories: ['name', 'student ID'],
    measuresTaken: 'We closed access and are reviewing the access logs.',
    advice: ['Change your university password.'],
    dpo: { name: 'Dr. Erika Muster', email: 'dpo@uni.example', phone: '+49 30 1234567' },
  },
  'credential-warning': {
    credential: 'tls-api.example-university.test-443',
    description: 'TLS certificate of api.example-university.test:443',
    expiresAt: '2025-03-04T09:15:00Z',
    thresholdHours: 72,
    hoursLeft: 71.5,
    checkedAt: '2025-03-01T09:45:00Z',
  },
  ...LOCKOUT_SAMPLE_PARAMS,
};
