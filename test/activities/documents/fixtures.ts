/** Shared facts for the document renderer tests. */
import type { AuthorityNoticeFacts } from '../../../activities/documents/authority-notice.ts';
import type { DataLeakIncident } from '../../../workflows/domain/incident.ts';

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
