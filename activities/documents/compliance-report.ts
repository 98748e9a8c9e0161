/**
 * The formal compliance status report (ISO/IEC 27001:2022 A.5.25 assessment and decision, A.5.26
 * response) as Markdown: where the procedure stands, what was done when, and whether the audit
 * chain behind it verifies. Contact data of affected people never appears in it.
 */
import type { CrmScope, DataLeakIncident } from '../../workflows/domain/incident.ts';
import type { AuditHead, DeliveryCounts, ProcedureStatus } from '../../workflows/domain/status.ts';
import type { AuditEntry, AuditVerification } from '../ports.ts';
import { summarizeAuditData } from './audit-summary.ts';
import { noticeChecklistSection } from './notice-checklists.ts';
import type { NoticeFact } from '../../workflows/domain/regulatory/notice-content.ts';
import { formatCount, formatInstant, isBlank, oneLine, sortedCounts } from './format.ts';

/** What the report is built from: the status query, the incident, audit entries and counts. */
export interface ComplianceReportInput {
  status: ProcedureStatus;
  incident: Pick<DataLeakIncident, 'title' | 'dataCategories' | 'jurisdictions' | 'crmScope'>;
  /** Affected people by ISO country code (RecipientStore.countByCountry). */
  affectedByCountry: Readonly<Record<string, number>>;
  /** This incident's audit entries; rendered in sequence order. */
  auditEntries: readonly AuditEntry[];
  /** Result of verifying the audit hash chain (AuditLog.verify). */
  auditVerification: AuditVerification;
  /** ISO instant the report was generated. */
  generatedAt: string;
  /** Report version, when several are stored. */
  version?: number;
  /** The facts Herald holds for the notices' required elements (default: none). */
  noticeFacts?: readonly NoticeFact[];
}

/** Renders the report as Markdown. Deterministic for the same input. */
export function renderComplianceReport(input: ComplianceReportInput): string {
  const sections = [
    header(input),
    scope(input),
    milestones(input.status),
    legalClocks(input.status, input.generatedAt),
    noticeChecklistSection(input.status.legalClocks, input.noticeFacts ?? []),
    authorityNotice(input.status),
    blockedServices(input.status),
    timeline(input.auditEntries),
    deliveries(input.status),
    footer(input),
  ];
  return sections.filter((s) => s !== '').join('\n\n') + '\n';
}

/** Escapes text for a Markdown table cell: one line, no column breaks. */
function cell(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function header({ status, incident, generatedAt, version }: ComplianceReportInput): string {
  const ack = status.acknowledgement
    ? `${status.acknowledgement.by.id} (${status.acknowledgement.by.role}) at ${formatInstant(status.acknowledgement.at)}`
    : 'not acknowledged';
  const lines = [
    `# Compliance status report: incident ${status.incidentId}`,
    '',
    'Formal status report per ISO/IEC 27001:2022 A.5.25 (assessment and decision on information',
    'security events) and A.5.26 (response to information security incidents).',
    '',
    `- **Incident:** ${status.incidentId}: ${oneLine(incident.title)}`,
    `- **Severity:** ${status.severity}`,
    `- **Awareness time (legal clocks start):** ${formatInstant(status.detectedAt)}`,
    `- **Generated at:** ${formatInstant(generatedAt)}`,
  ];
  if (version !== undefined) lines.push(`- **Report version:** ${version}`);
  lines.push(
    `- **Procedure phase:** ${status.phase}${status.closedReason ? ` (${oneLine(status.closedReason)})` : ''}`,
    `- **Acknowledged by:** ${ack}`,
    `- **On-call escalation level:** ${status.escalationLevel}`,
    `- **Next deadline:** ${status.nextDeadline ? formatInstant(status.nextDeadline) : 'none pending'}`,
  );
  return lines.join('\n');
}

function scope({ status, incident, affectedByCountry }: ComplianceReportInput): string {
  const total = status.affectedPeople.total;
  const lines = [
    '## Scope',
    '',
    `- **Data categories:** ${incident.dataCategories.map(oneLine).join(', ')}`,
    `- **Jurisdictions:** ${incident.jurisdictions.join(', ')}`,
    `- **Affected people:** ${total === null ? 'not yet determined' : formatCount(total)}` +
      ` (notified so far: ${formatCount(status.affectedPeople.notified)})`,
  ];
  const byCountry = sortedCounts(affectedByCountry);
  if (byCountry.length > 0) {
    lines.push('- **Affected people by country:**');
    for (const [country, n] of byCountry) lines.push(`  - ${country}: ${formatCount(n)}`);
  }
  lines.push(`- **CRM scope:** ${describeCrmScope(incident.crmScope)}`);
  return lines.join('\n');
}

/** Describes a CRM scope in words; record ids are counted, not listed. */
export function describeCrmScope(scope: CrmScope): string {
  if (scope.kind === 'records') {
    return `${formatCount(scope.recordIds.length)} explicitly listed CRM contact record(s)`;
  }
  const conditions = scope.conditions.map((c) =>
    c.op === 'eq'
      ? `${c.field} = "${oneLine(String(c.value))}"`
      : `${c.field} in (${(Array.isArray(c.value) ? c.value : [c.value]).map((v) => `"${oneLine(v)}"`).join(', ')})`,
  );
  return `CRM contacts where ${conditions.join(' AND ')}`;
}

function milestones(status: ProcedureStatus): string {
  const rows = status.milestones.map((m) =>
    [
      `${cell(m.title)} (\`${m.id}\`)`,
      m.dueAt ? formatInstant(m.dueAt) : 'without undue delay',
      m.state,
      m.completedAt ? formatInstant(m.completedAt) : '-',
      isBlank(m.note) ? '-' : cell(m.note ?? ''),
      cell(m.source),
    ].join(' | '),
  );
  return [
    '## Milestones',
    '',
    '| Milestone | Due | State | Completed at | Note | Basis |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** Every legal clock the regulatory engine derived, with its source and the slack left. */
export function legalClocks(status: Pick<ProcedureStatus, 'legalClocks'>, generatedAt: string): string {
  const clocks = status.legalClocks;
  if (clocks === undefined) return '## Legal clocks\n\nNot derived yet: the affected people are still being looked up.';
  const lines = [
    '## Legal clocks',
    '',
    '| Regime | Jurisdiction | Duty | To | Due | Slack | Source |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of clocks) {
    const slackMs = c.dueAt === null ? null : Date.parse(c.dueAt) - Date.parse(generatedAt);
    const slack = slackMs === null ? c.period : slackMs >= 0 ? `${Math.floor(slackMs / 3_600_000)} h left` : 'overdue';
    const due = c.dueAt === null ? 'without undue delay' : formatInstant(c.dueAt);
    lines.push(
      `| ${cell(c.regime)} | ${cell(c.jurisdiction)} | ${cell(c.title)}${c.inForce ? '' : ' (not yet in force)'} | ${cell(c.recipient)} | ${due} | ${slack} | ${cell(c.source)} |`,
    );
  }
  return lines.join('\n');
}

function authorityNotice(status: ProcedureStatus): string {
  const { draft, pendingApprovals, rejections } = status.authorityNotice;
  const lines = ['## Authority notice and pending approvals', ''];
  lines.push(
    draft
      ? `- **Current draft:** v${draft.version}, ${draft.state}, drafted ${formatInstant(draft.createdAt)}` +
          `${draft.late ? ', late (carries reasons for the delay)' : ''}, sha256 \`${draft.sha256}\``
      : '- **Current draft:** none yet',
  );
  if (pendingApprovals.length === 0) {
    lines.push('- **Pending approvals:** none');
  } else {
    lines.push('- **Pending approvals:**');
    for (const p of pendingApprovals) lines.push(`  - ${oneLine(p)}`);
  }
  const delivery = status.authorityNotice.delivery;
  if (delivery) {
    const state =
      delivery.state === 'accepted'
        ? `accepted for the authority's address at ${formatInstant(delivery.acceptedAt ?? '')}`
        : delivery.state === 'refused'
          ? `NOT DELIVERED: refused (${oneLine(delivery.problem ?? '')}); legal and the DPO were told`
          : 'being sent, not yet accepted for the authority';
    lines.push(
      `- **Delivery of v${delivery.version}:** ${state}${delivery.resends ? `, ${delivery.resends} resends` : ''}`,
    );
  }
  if (rejections.length > 0) {
    lines.push('- **Rejections:**');
    for (const r of rejections) {
      lines.push(`  - v${r.version} by ${oneLine(r.by)} at ${formatInstant(r.at)}: ${oneLine(r.reason)}`);
    }
  }
  return lines.join('\n');
}

/** Services a failure held up when the report was generated: what waits, since when, why. */
function blockedServices(status: ProcedureStatus): string {
  const blocked = status.blocked ?? [];
  const lines = ['## Services held up by failures', ''];
  if (blocked.length === 0) return [...lines, 'None: every service answered.'].join('\n');
  lines.push('| Service | State | Since | Failure | Waiting steps |', '| --- | --- | --- | --- | --- |');
  for (const b of blocked) {
    lines.push(
      `| ${b.service} | ${b.permanent ? 'blocked' : 'failing, retried'} | ${formatInstant(b.since)} | ${cell(`${b.failureType}: ${b.cause}`)} | ${cell(b.steps.join(', '))} |`,
    );
  }
  return lines.join('\n');
}

function timeline(entries: readonly AuditEntry[]): string {
  const lines = ['## Timeline and actions taken', ''];
  if (entries.length === 0) return [...lines, 'No audit entries recorded.'].join('\n');
  lines.push('| # | Time | Event | Actor | Details |', '| --- | --- | --- | --- | --- |');
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const details = summarizeAuditData(e.data);
    lines.push(
      `| ${e.seq} | ${formatInstant(e.at, 'second')} | ${cell(e.type)} | ${cell(e.actor)} | ${details ? cell(details) : '-'} |`,
    );
  }
  return lines.join('\n');
}

function deliveries(status: ProcedureStatus): string {
  const row = (channel: string, c: DeliveryCounts): string =>
    `| ${channel} | ${formatCount(c.accepted)} | ${formatCount(c.failed)} | ${formatCount(c.duplicatesSkipped)} |`;
  return [
    '## Deliveries',
    '',
    '| Channel | Accepted | Failed | Duplicates skipped |',
    '| --- | --- | --- | --- |',
    row('email', status.deliveries.email),
    row('sms', status.deliveries.sms),
  ].join('\n');
}

/** The procedure's own record of its last entry, which the verification above was checked against. */
export function recordedHead(head: AuditHead | undefined): string {
  return head
    ? `; the procedure's own record of its last entry (#${head.seq}, in its Temporal history) checked against it`
    : '';
}

function footer({ auditEntries, auditVerification, status }: ComplianceReportInput): string {
  const last = auditEntries.reduce<AuditEntry | undefined>((a, e) => (!a || e.seq > a.seq ? e : a), undefined);
  const chain = auditVerification.ok
    ? `audit chain verified: ${formatCount(auditVerification.entries)} entries`
    : `AUDIT CHAIN VERIFICATION FAILED after ${formatCount(auditVerification.entries)} entries: ` +
      oneLine(auditVerification.problem ?? 'no detail given');
  const head = last ? `; this incident: ${auditEntries.length} entries, latest #${last.seq} hash \`${last.hash}\`` : '';
  return `---\n\n_${chain}${head}${recordedHead(status.auditHead)}_`;
}
