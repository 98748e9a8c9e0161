/**
 * The lockout procedure's reports as plain text: the formal compliance status report (≤ 4 h) and
 * the post-incident report after resolution. Rendered only from the arguments, so the same facts
 * hash the same.
 */
import type { LockoutIncident } from '../../workflows/domain/lockout.ts';
import type { LockoutReportKind, LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import type { AuditEntry, AuditVerification } from '../ports.ts';
import { formatInstant, oneLine } from './format.ts';
import { legalClocks, recordedHead } from './compliance-report.ts';
import { noticeChecklistSection } from './notice-checklists.ts';
import type { NoticeFact } from '../../workflows/domain/regulatory/notice-content.ts';

export interface LockoutReportFacts {
  kind: LockoutReportKind;
  incident: LockoutIncident;
  status: LockoutStatus;
  auditEntries: AuditEntry[];
  auditVerification: AuditVerification;
  generatedAt: string;
  version: number;
  /** The facts Herald holds for the notices' required elements (default: none). */
  noticeFacts?: readonly NoticeFact[];
}

const TITLES: Record<LockoutReportKind, string> = {
  'compliance-report': 'Formal compliance status report',
  'post-incident-report': 'Post-incident report',
};

export function renderLockoutReport(f: LockoutReportFacts): string {
  const { incident: i, status: s } = f;
  const section = (title: string, ...body: string[]) => [``, title, '-'.repeat(title.length), ...body];
  const milestones = s.milestones.map(
    (m) =>
      `- ${m.title} (${m.id}): ${m.state}` +
      (m.dueAt ? `, due ${formatInstant(m.dueAt)}` : '') +
      (m.completedAt ? `, done ${formatInstant(m.completedAt)}` : '') +
      (m.note ? ` — ${oneLine(m.note)}` : ''),
  );
  const gdpr = s.gdprAssessment
    ? `GDPR assessment procedure ${s.gdprAssessment.workflowId} started ${formatInstant(s.gdprAssessment.startedAt)} (${s.gdprAssessment.trigger}); ${s.gdprAssessment.state}. Its 72-hour clock runs from awareness.`
    : 'No EU personal-data processing interrupted: no GDPR assessment started.';
  const actions = f.auditEntries.map((e) => `- ${formatInstant(e.at, 'second')} ${e.type} by ${e.actor}`);
  return [
    `${TITLES[f.kind]} — compliance lockout ${i.lockoutId}`,
    `Version ${f.version}, generated ${formatInstant(f.generatedAt)}`,
    ...section(
      'Incident',
      `Title: ${oneLine(i.title)}`,
      `Severity: ${i.severity}`,
      `Cause: ${i.cause}`,
      `Awareness (detected at): ${formatInstant(i.detectedAt)}`,
      `Description: ${oneLine(i.description)}`,
    ),
    ...section(
      'Scope',
      `Surfaces: ${s.scope.surfaces.join(', ')}`,
      `Regions: ${s.scope.regions.join(', ')}`,
      `EU personal-data processing interrupted: ${s.scope.euPersonalDataInterrupted ? 'yes' : 'no'}`,
      gdpr,
    ),
    ...section('Milestones', ...milestones),
    ...(s.legalClocks.length > 0
      ? ['', legalClocks(s, f.generatedAt), '', noticeChecklistSection(s.legalClocks, f.noticeFacts ?? [])]
      : []),
    ...(s.customers ? section('Enterprise customers', ...customerLines(s)) : []),
    ...section(
      'Communication',
      s.acknowledgement
        ? `Acknowledged by ${s.acknowledgement.by.id} (${s.acknowledgement.by.role}) at ${formatInstant(s.acknowledgement.at)}`
        : `Not acknowledged; escalation level ${s.escalationLevel}`,
      `Status updates sent: ${s.statusUpdates.sent}`,
      `Deliveries: email ${s.deliveries.email.accepted} accepted / ${s.deliveries.email.failed} failed; SMS ${s.deliveries.sms.accepted} accepted / ${s.deliveries.sms.failed} failed`,
    ),
    ...section(
      'Resolution',
      s.resolution
        ? `Resolved ${formatInstant(s.resolution.at)} by ${s.resolution.by}. Root cause: ${oneLine(s.resolution.rootCause)}`
        : 'Not resolved yet.',
    ),
    ...section('Actions taken (audit trail)', ...actions),
    ...section(
      'Audit chain',
      f.auditVerification.ok
        ? `Verified: ${f.auditVerification.entries} entries, no edit or gap${recordedHead(s.auditHead)}.`
        : `BROKEN: ${f.auditVerification.problem ?? 'unknown problem'}`,
    ),
    '',
  ].join('\n');
}

/** Where the customers' contacts came from, what they were sent, and each at-risk account's state. */
function customerLines(s: LockoutReportFacts['status']): string[] {
  const c = s.customers;
  if (!c) return [];
  const source =
    c.source === 'crm'
      ? `read live from the CRM (snapshot ${c.snapshotId ?? '?'})`
      : c.source === 'snapshot'
        ? `CRM unavailable (${oneLine(c.crmError ?? 'failed')}): last-known-good snapshot ${c.snapshotId ?? '?'} taken ${c.takenAt ? formatInstant(c.takenAt) : '?'}, ${c.ageHours ?? '?'} h old`
        : 'CRM unavailable and no snapshot: customers were not notified by Herald';
  return [
    `Contacts: ${c.accounts} enterprise accounts, ${c.contacts} contacts; ${source}`,
    c.notice
      ? `Customer notice: ${formatInstant(c.notice.sentAt)}, reached ${c.notice.accountsReached} accounts`
      : 'Customer notice: not sent',
    ...(c.resolutionNotice
      ? [
          `All-clear: ${formatInstant(c.resolutionNotice.sentAt)}, reached ${c.resolutionNotice.accountsReached} accounts`,
        ]
      : []),
    ...s.procurement.map(
      (p) =>
        `- Procurement ${p.accountName} (${p.accountId}): ${p.state}` +
        (p.document
          ? `; vendor-assessment answers v${p.document.version} (sha256 ${p.document.sha256.slice(0, 12)}…)`
          : '') +
        (p.noticeSentAt ? ` sent ${formatInstant(p.noticeSentAt)}` : '') +
        (p.escalatedAt ? `; escalated to the account owner ${formatInstant(p.escalatedAt)}` : '') +
        (p.acknowledgement ? `; confirmed by ${p.acknowledgement.by} ${formatInstant(p.acknowledgement.at)}` : ''),
    ),
  ];
}
