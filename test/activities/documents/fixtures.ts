/** Shared facts for the document renderer tests. */
import type { AuthorityNoticeFacts } from '../../../activities/documents/authority-notice.ts';
import type { DataLeakIncident } from '../../../workflows/domain/incident.ts';
import type { ProcedureStatus } from '../../../workflows/domain/status.ts';

export const incident: DataLeakIncident = {
  incidentId: 'INC-2025-0042',
  detectedAt: '2025-03-01T09:15:00Z',
  severity: 'high',
  title: 'Student records exported to a public bucket',
  description:
    'A misconfigured export job wrote a CSV of student contact data\r\nto a publicly readable storage bucket.',
  dataCategories: ['name', 'student ID', 'email address', 'programme of study'],
  jurisdictions: ['DE', 'FR', 'AT'],
  crmScope: { kind: 'filter', conditions: [{ field: 'Campus__c', op: 'in', value: ['Berlin', 'Lyon'] }] },
  estimatedRecords: 1840,
  likelyConsequences: 'Targeted phishing against the affected students.',
  measuresTaken: 'Bucket made private at 10:02 UTC; access logs under review; export job disabled.',
  reporter: { name: 'Ops', email: 'ops@uni.example' },
};

export function noticeFacts(overrides: Partial<AuthorityNoticeFacts> = {}): AuthorityNoticeFacts {
  return {
    incident,
    dataSubjects: { total: 1523, byCountry: { FR: 400, DE: 1100, AT: 23 } },
    dataSubjectCategories: ['students'],
    dpo: { name: 'Dr. Erika Muster', email: 'dpo@uni.example', phone: '+49 30 1234567' },
    authorityName: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit',
    controllerName: 'Example University',
    version: 1,
    draftedAt: '2025-03-02T08:00:00Z',
    late: false,
    ...overrides,
  };
}

/** A data-leak procedure's status mid-way: one milestone met, one missed, a draft awaiting approval. */
export const reportStatus: ProcedureStatus = {
  incidentId: incident.incidentId,
  severity: 'high',
  detectedAt: incident.detectedAt,
  phase: 'active',
  milestones: [
    {
      id: 'ops-alert',
      title: 'Ops alert',
      dueAt: '2025-03-01T09:30:00Z',
      state: 'met',
      completedAt: '2025-03-01T09:16:00Z',
      source: 'policy',
    },
    {
      id: 'stakeholder-notice',
      title: 'Stakeholder notice',
      dueAt: '2025-03-01T10:15:00Z',
      state: 'missed',
      completedAt: '2025-03-01T10:40:00Z',
      note: 'mail relay | down',
      source: 'policy',
    },
    {
      id: 'compliance-report',
      title: 'Compliance report',
      dueAt: '2025-03-01T13:15:00Z',
      state: 'pending',
      source: 'policy',
    },
    {
      id: 'authority-notice',
      title: 'Authority notice',
      dueAt: '2025-03-04T09:15:00Z',
      state: 'pending',
      source: 'GDPR Art. 33(1)',
    },
    {
      id: 'affected-people',
      title: 'Affected people notified',
      dueAt: null,
      state: 'skipped',
      note: 'false positive test',
      source: 'GDPR Art. 34(1)',
    },
  ],
  acknowledgement: { by: { id: 'alice', role: 'responder' }, at: '2025-03-01T09:20:00Z' },
  escalationLevel: 0,
  authorityNotice: {
    draft: {
      version: 2,
      sha256: 'a'.repeat(64),
      late: false,
      state: 'pending-approval',
      createdAt: '2025-03-01T12:00:00Z',
    },
    pendingApprovals: [`legal approval of draft v2 (sha256 ${'a'.repeat(64)})`],
    rejections: [{ by: 'bob', reason: 'wrong count', at: '2025-03-01T11:00:00Z', version: 1 }],
  },
  affectedPeople: { total: 1523, notified: 0 },
  deliveries: {
    email: { accepted: 12, failed: 1, duplicatesSkipped: 3 },
    sms: { accepted: 4, failed: 0, duplicatesSkipped: 0 },
  },
  nextDeadline: '2025-03-01T13:15:00Z',
};
