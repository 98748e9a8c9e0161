/** The formal compliance status report: rendered from status and audit, stored, sent to compliance. */
import type { Channel } from '../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../workflows/domain/incident.ts';
import { dataLeakWorkflowId } from '../workflows/domain/incident.ts';
import type { ProcedureStatus } from '../workflows/domain/status.ts';
import { contactsOf } from './directory.ts';
import { renderComplianceReport } from './documents/compliance-report.ts';
import { sha256Hex } from './documents/hash.ts';
import { templatesFor } from './templates/template-source.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { emptySummary } from './deps.ts';
import { procedureHeads } from './procedure-head.ts';
import { isBlank } from './documents/format.ts';
import { NOTICE_FACTS } from '../workflows/domain/regulatory/notice-content.ts';
import type { NoticeFact } from '../workflows/domain/regulatory/notice-content.ts';
import { sendToContact } from './send-to-contact.ts';

export interface ReportInput {
  incidentId: string;
  incident: DataLeakIncident;
  status: ProcedureStatus;
  generatedAt: string;
  version: number;
  /** Only these channels (each channel is its own step); default both. */
  channels?: Channel[];
}

export async function generateComplianceReport(
  deps: ActivityDeps,
  input: ReportInput,
): Promise<{ version: number; sha256: string; delivery: DeliverySummary }> {
  const stored =
    (await deps.documents.get(input.incidentId, 'compliance-report', input.version)) ??
    (await deps.documents.put({
      incidentId: input.incidentId,
      kind: 'compliance-report',
      version: input.version,
      ...(await render(deps, input)),
      createdAt: input.generatedAt,
    }));
  const delivery = emptySummary();
  const met = input.status.milestones.filter((m) => m.state === 'met').length;
  const missed = input.status.milestones.filter((m) => m.state === 'missed').length;
  const templates = await templatesFor(deps.templates, input.incidentId);
  for (const contact of contactsOf(deps.directory, 'compliance')) {
    const timeZone = contact.timeZone ?? deps.directory.organisation.timeZone;
    const cover = templates.render('compliance-report', contact.locale, {
      incidentId: input.incidentId,
      title: input.incident.title,
      ...(timeZone ? { timeZone } : {}),
      generatedAt: input.generatedAt,
      sha256: stored.sha256,
      version: stored.version,
      summary: `${met} of ${input.status.milestones.length} milestones met, ${missed} missed`,
    });
    const message = { ...cover, text: `${cover.text}\n\n${stored.body}` };
    const ledgerMilestone = `compliance-report:v${stored.version}`;
    const target = { incidentId: input.incidentId, ledgerMilestone, contact, message, channels: input.channels };
    await sendToContact(deps, target, delivery);
  }
  return { version: stored.version, sha256: stored.sha256, delivery };
}

async function render(deps: ActivityDeps, input: ReportInput): Promise<{ body: string; sha256: string }> {
  const body = renderComplianceReport({
    status: input.status,
    incident: input.incident,
    affectedByCountry: await deps.recipients.countByCountry(input.incidentId),
    auditEntries: await deps.audit.list(input.incidentId),
    auditVerification: await deps.audit.verify(
      procedureHeads(input.status, dataLeakWorkflowId(input.incidentId), input.generatedAt),
    ),
    generatedAt: input.generatedAt,
    version: input.version,
    noticeFacts: noticeFactsOf(deps, input),
  });
  return { body, sha256: sha256Hex(body) };
}

/** The facts the incident, the status and the worker's files give the notices' required elements. */
function noticeFactsOf(deps: ActivityDeps, { incident, status }: ReportInput): NoticeFact[] {
  const held: Record<NoticeFact, boolean> = {
    description: !isBlank(incident.description),
    'data-categories': incident.dataCategories.length > 0,
    // The authority notice names the data subjects' categories from the directory's audience.
    'subject-categories': true,
    'people-count': status.affectedPeople.total !== null,
    'record-count': incident.estimatedRecords !== undefined,
    'contact-point': Boolean(deps.directory.dpo.email ?? deps.directory.dpo.phone),
    'likely-consequences': !isBlank(incident.likelyConsequences),
    'measures-taken': !isBlank(incident.measuresTaken),
    'discovery-date': true,
    'controller-name': deps.organisation?.name !== undefined,
  };
  return NOTICE_FACTS.filter((f) => held[f]);
}
