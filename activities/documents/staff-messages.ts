/**
 * Messages to staff (on-call, stakeholders, legal, compliance, the authority): English only, short,
 * each naming the incident id first so a truncated SMS still says which incident it is about.
 */
import type { Severity } from '../../workflows/domain/incident.ts';
import { formatCount, normalizeText, oneLine } from './format.ts';
import { formatStaffInstant } from './local-format.ts';
import type { TemplateId, TemplateRenderer } from './message-types.ts';
import { sha256Hex } from './hash.ts';
import { fitSms } from './sms.ts';

/** The CLI command that acknowledges an incident. */
export function ackCommand(incidentId: string): string {
  return `herald incident ack ${incidentId}`;
}

/** An instant in the reader's zone and in UTC. */
const at = (p: { timeZone?: string }, iso: string): string => formatStaffInstant(iso, p.timeZone);
const sev = (s: Severity): string => s.toUpperCase();
const lines = (...xs: string[]): string => xs.join('\n') + '\n';

const opsAlert: TemplateRenderer<'ops-alert'> = (p) => ({
  subject: `[Herald][${sev(p.severity)}] Data-leak incident ${p.incidentId}: ${oneLine(p.title)}`,
  text: lines(
    `Data-leak incident ${p.incidentId} needs an incident responder now.`,
    '',
    `Title: ${oneLine(p.title)}`,
    `Severity: ${p.severity}`,
    `Awareness (detected at): ${at(p, p.detectedAt)}`,
    '',
    `Acknowledge with: ${ackCommand(p.incidentId)}`,
    'Until someone acknowledges, Herald escalates to the next on-call level.',
    'Legal clocks run from the awareness time: the supervisory authority must be notified within',
    '72 hours (GDPR Art. 33).',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} ${sev(p.severity)} data leak:`,
    body: `${oneLine(p.title)}. Detected ${at(p, p.detectedAt)}.`,
    tail: `Ack: ${ackCommand(p.incidentId)}`,
  }),
});

const opsEscalation: TemplateRenderer<'ops-escalation'> = (p) => ({
  subject:
    `[Herald][${sev(p.severity)}][ESCALATION L${p.level}] Unacknowledged data-leak incident ` +
    `${p.incidentId}: ${oneLine(p.title)}`,
  text: lines(
    `Escalation level ${p.level}: data-leak incident ${p.incidentId} is still unacknowledged.`,
    '',
    `Title: ${oneLine(p.title)}`,
    `Severity: ${p.severity}`,
    `Awareness (detected at): ${at(p, p.detectedAt)}`,
    `Unacknowledged since: ${at(p, p.unacknowledgedSince)}`,
    '',
    `Acknowledge with: ${ackCommand(p.incidentId)}`,
    'Until someone acknowledges, Herald keeps escalating.',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} ESCALATION L${p.level}${p.page ? ` page ${p.page}` : ''}:`,
    body: `${sev(p.severity)} data leak unacknowledged since ${at(p, p.unacknowledgedSince)}. ${oneLine(p.title)}.`,
    tail: `Ack: ${ackCommand(p.incidentId)}`,
  }),
});

const stakeholderNotice: TemplateRenderer<'stakeholder-notice'> = (p) => ({
  subject: `[Herald][${sev(p.severity)}] Data-leak incident ${p.incidentId}: ${oneLine(p.title)}`,
  text: lines(
    `For your information and action: Herald is running the data-leak procedure for incident ${p.incidentId}.`,
    '',
    `Title: ${oneLine(p.title)}`,
    `Severity: ${p.severity}`,
    `Awareness (detected at): ${at(p, p.detectedAt)}`,
    `Data categories: ${p.dataCategories.map(oneLine).join(', ')}`,
    `Jurisdictions: ${p.jurisdictions.join(', ')}`,
    `Affected people: ${p.affectedPeople === null ? 'being determined' : formatCount(p.affectedPeople)}`,
    `Supervisory-authority notice due: ${at(p, p.authorityNoticeDueAt)} (GDPR Art. 33)`,
    '',
    'What happened:',
    normalizeText(p.description),
    '',
    'Legal will be asked to approve the authority notice and the communication to affected people.',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} ${sev(p.severity)} data leak:`,
    body: `${oneLine(p.title)}. Authority notice due ${at(p, p.authorityNoticeDueAt)}.`,
    tail: 'Details by email.',
  }),
});

const deadlineMissed: TemplateRenderer<'deadline-missed'> = (p) => ({
  subject: `[Herald][DEADLINE MISSED] ${p.incidentId}: ${oneLine(p.milestoneTitle)}`,
  text: lines(
    `A deadline of data-leak incident ${p.incidentId} has passed without the milestone being met.`,
    '',
    `Incident: ${oneLine(p.title)}`,
    `Milestone: ${oneLine(p.milestoneTitle)} (${p.milestoneId})`,
    `Was due at: ${at(p, p.dueAt)}`,
    '',
    'The miss is recorded in the audit log and the compliance report. Complete the milestone',
    'without further delay; record reasons for the delay where the law requires them.',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} DEADLINE MISSED:`,
    body: `${oneLine(p.milestoneTitle)} was due ${at(p, p.dueAt)}.`,
    tail: 'Act now; details by email.',
  }),
});

const deadlineAtRisk: TemplateRenderer<'deadline-at-risk'> = (p) => ({
  subject: `[Herald][DEADLINE AT RISK] ${p.incidentId}: ${oneLine(p.milestoneTitle)}`,
  text: lines(
    `The notification of data-leak incident ${p.incidentId} is estimated to finish after its deadline.`,
    '',
    `Incident: ${oneLine(p.title)}`,
    `Milestone: ${oneLine(p.milestoneTitle)} (${p.milestoneId})`,
    `Due at: ${at(p, p.dueAt)}`,
    `Estimated to finish at: ${at(p, p.estimatedFinishAt)} (${p.remaining} recipients to go; ${oneLine(p.basis)})`,
    '',
    'Raise the provider rate limits, add sending capacity or prepare the reasons for the delay now:',
    'the deadline has not passed yet.',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} DEADLINE AT RISK:`,
    body: `${oneLine(p.milestoneTitle)} due ${at(p, p.dueAt)}, estimated ${at(p, p.estimatedFinishAt)}.`,
    tail: 'Details by email.',
  }),
});

const approvalEscalation: TemplateRenderer<'approval-escalation'> = (p) => ({
  subject: `[Herald][APPROVAL NEEDED] Authority notice for ${p.incidentId} awaits legal approval`,
  text: lines(
    `The supervisory-authority notice for data-leak incident ${p.incidentId} awaits legal approval.`,
    '',
    `Incident: ${oneLine(p.title)}`,
    `Draft: version ${p.version}${p.late ? ' (late: includes reasons for the delay)' : ''}`,
    `SHA-256 of the draft text: ${p.sha256}`,
    `Notice due at: ${at(p, p.dueAt)} (GDPR Art. 33(1): 72 hours after awareness)`,
    '',
    'Approval binds to this exact text: approve version and SHA-256 together, or reject with',
    'reasons (optionally supplying a corrected text).',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId}:`,
    body: `authority notice v${p.version} awaits legal approval, due ${at(p, p.dueAt)}.`,
    tail: 'Details by email.',
  }),
});

const authorityUndelivered: TemplateRenderer<'authority-undelivered'> = (p) => ({
  subject: `[Herald][URGENT] Approved authority notice for ${p.incidentId} has not reached the authority`,
  text: lines(
    `The approved supervisory-authority notice for data-leak incident ${p.incidentId} has not been accepted`,
    "for the authority's address. The notice milestone stays open until it is.",
    '',
    `Incident: ${oneLine(p.title)}`,
    `Notice: version ${p.version}, SHA-256 ${p.sha256}`,
    `Notice due at: ${at(p, p.dueAt)} (GDPR Art. 33(1))`,
    `Problem: ${oneLine(p.problem)}`,
    '',
    "Check the authority's address in the directory or the failing service, then send it again with:",
    p.retryCommand,
    'A notice sent after the deadline needs the reasons for the delay (Herald redrafts it for approval).',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId} URGENT:`,
    body: `approved authority notice v${p.version} not delivered (${oneLine(p.problem)}), due ${at(p, p.dueAt)}.`,
    tail: `Resend: ${p.retryCommand}`,
  }),
});

const complianceReport: TemplateRenderer<'compliance-report'> = (p) => ({
  subject:
    `[Herald] Compliance status report for ${p.incidentId}` + (p.version !== undefined ? ` (v${p.version})` : ''),
  text: lines(
    `The formal compliance status report for data-leak incident ${p.incidentId} is ready.`,
    '',
    `Incident: ${oneLine(p.title)}`,
    `Generated at: ${at(p, p.generatedAt)}`,
    ...(p.summary ? [`Status: ${oneLine(p.summary)}`] : []),
    `SHA-256 of the report: ${p.sha256}`,
    '',
    'The report is stored with this hash; compare it to confirm you read the unaltered version.',
  ),
  sms: fitSms({
    head: `Herald ${p.incidentId}:`,
    body: `compliance status report generated ${at(p, p.generatedAt)}.`,
    tail: 'Sent by email.',
  }),
});

const authorityNotice: TemplateRenderer<'authority-notice'> = (p) => {
  // Only the approved text may go out: the approval names its SHA-256.
  if (sha256Hex(p.noticeText) !== p.sha256) {
    throw new Error(
      `Authority notice v${p.version} for ${p.incidentId}: text does not match the approved SHA-256 ${p.sha256}`,
    );
  }
  return {
    subject:
      `Personal data breach notification (GDPR Art. 33): ${oneLine(p.controllerName)}, ` +
      `reference ${p.incidentId}, version ${p.version}`,
    // Legal approved the SHA-256 of this exact text: it is the whole body, byte for byte.
    text: p.noticeText,
    sms: fitSms({
      head: `${oneLine(p.controllerName)} ref ${p.incidentId}:`,
      body: `personal data breach notification (GDPR Art. 33) v${p.version} sent to ${oneLine(p.authorityName)} by email.`,
    }),
  };
};

/** The staff templates, English only. */
export const STAFF_TEMPLATES: { [T in Exclude<TemplateId, 'affected-person'>]: TemplateRenderer<T> } = {
  'ops-alert': opsAlert,
  'ops-escalation': opsEscalation,
  'stakeholder-notice': stakeholderNotice,
  'deadline-missed': deadlineMissed,
  'deadline-at-risk': deadlineAtRisk,
  'approval-escalation': approvalEscalation,
  'authority-undelivered': authorityUndelivered,
  'compliance-report': complianceReport,
  'authority-notice': authorityNotice,
};
