/** Notifications to staff groups from the directory: alerts, escalations, stakeholder notice. */
import { heartbeat } from '@temporalio/activity';
import type { Channel, Contact, ContactGroup } from '../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../workflows/domain/incident.ts';
import { contactsOf } from './directory.ts';
import type { RenderedMessage } from './documents/message-types.ts';
import { templatesFor } from './templates/template-source.ts';
import type { TemplateSource } from './templates/template-source.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { AuditEntryInput } from './ports.ts';
import { emptySummary } from './deps.ts';
import { sendToContact } from './send-to-contact.ts';
import { postToChat } from './chat-post.ts';
import type { ChatPostResult } from './chat-post.ts';

export const STAFF_TEMPLATES = [
  'ops-alert',
  'ops-escalation',
  'stakeholder-notice',
  'deadline-missed',
  'deadline-at-risk',
  'approval-escalation',
  'authority-undelivered',
] as const;
export type StaffTemplateId = (typeof STAFF_TEMPLATES)[number];

export interface NotifyGroupInput {
  incidentId: string;
  /** Ledger milestone key, unique per send occasion (e.g. "ops-alert:L1:p2"). */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
  template: StaffTemplateId;
  incident: DataLeakIncident;
  /** Template-specific values the workflow knows (level, due times, draft version…). */
  params: Record<string, string>;
  /** Only these channels (each channel is its own step); default every channel a contact has. */
  channels?: Channel[];
  /** Straight to the provider, without the ledger: the store is down (send-to-contact.ts). */
  unledgered?: boolean;
  /** A procedure's first page: audit entries to append before its own (workflows/procedure/first-page-first.ts). */
  auditFirst?: AuditEntryInput[];
  /** A first page that pins the procedure's templates itself (workflows/procedure/template-pins.ts). */
  pinTemplatesFirst?: boolean;
}

export async function notifyGroup(deps: ActivityDeps, input: NotifyGroupInput): Promise<DeliverySummary> {
  const templates = await templatesFor(deps.templates, input.incidentId, input.pinTemplatesFirst);
  return notifyContacts(
    deps,
    { ...input, contacts: contactsOf(deps.directory, input.group, input.level) },
    (locale, timeZone) => renderStaffMessage(templates, input, locale, timeZone),
  );
}

/** The same staff message, once, to the team chat webhook: the fallback when nobody could be reached. */
export async function postStaffNoticeToChat(deps: ActivityDeps, input: NotifyGroupInput): Promise<ChatPostResult> {
  const templates = await templatesFor(deps.templates, input.incidentId);
  const message = renderStaffMessage(templates, input, undefined, deps.directory.organisation.timeZone);
  return postToChat(deps, {
    incidentId: input.incidentId,
    ledgerMilestone: input.ledgerMilestone,
    text: `*${message.subject}* (for: ${input.group})\n${message.text}`,
  });
}

/** Sends each contact its message once (ledger key: incident, ledger milestone, contact, channel). */
export async function notifyContacts(
  deps: ActivityDeps,
  target: {
    incidentId: string;
    ledgerMilestone: string;
    contacts: Contact[];
    channels?: readonly Channel[];
    unledgered?: boolean;
    auditFirst?: AuditEntryInput[];
  },
  render: (locale: string | undefined, timeZone: string | undefined) => RenderedMessage,
): Promise<DeliverySummary> {
  const summary = emptySummary();
  // Idempotent on their ids: the procedure's own writer may have appended them already. Skipped
  // without the ledger: the store is down, and the procedure writes them when it answers again.
  if (!target.unledgered) for (const entry of target.auditFirst ?? []) await deps.audit.append(entry);
  for (const contact of target.contacts) {
    // Staff read times in their own zone from the directory, else the organisation's.
    const message = render(contact.locale, contact.timeZone ?? deps.directory.organisation.timeZone);
    await sendToContact(deps, { ...target, contact, message }, summary);
    heartbeat();
  }
  return summary;
}

function renderStaffMessage(
  templates: TemplateSource,
  input: NotifyGroupInput,
  locale: string | undefined,
  timeZone: string | undefined,
): RenderedMessage {
  const { incident, params } = input;
  const ref = { incidentId: incident.incidentId, title: incident.title, ...(timeZone ? { timeZone } : {}) };
  const base = { ...ref, severity: incident.severity, detectedAt: incident.detectedAt };
  switch (input.template) {
    case 'ops-alert':
      return templates.render('ops-alert', locale, base);
    case 'ops-escalation':
      return templates.render('ops-escalation', locale, {
        ...base,
        level: Number(params.level ?? input.level ?? 1),
        unacknowledgedSince: params.unacknowledgedSince ?? incident.detectedAt,
        ...(params.page ? { page: Number(params.page) } : {}),
      });
    case 'stakeholder-notice':
      return templates.render('stakeholder-notice', locale, {
        ...base,
        description: incident.description,
        dataCategories: incident.dataCategories,
        jurisdictions: incident.jurisdictions,
        authorityNoticeDueAt: params.authorityNoticeDueAt ?? '',
        affectedPeople: params.affectedPeople ? Number(params.affectedPeople) : null,
      });
    case 'deadline-missed':
      return templates.render('deadline-missed', locale, {
        ...ref,
        milestoneId: params.milestone ?? '',
        milestoneTitle: params.title ?? params.milestone ?? '',
        dueAt: params.dueAt ?? '',
      });
    case 'deadline-at-risk':
      return templates.render('deadline-at-risk', locale, {
        ...ref,
        milestoneId: params.milestone ?? '',
        milestoneTitle: params.title ?? params.milestone ?? '',
        dueAt: params.dueAt ?? '',
        estimatedFinishAt: params.estimatedFinishAt ?? '',
        remaining: Number(params.remaining ?? 0),
        basis: params.basis ?? '',
      });
    case 'authority-undelivered':
      return templates.render('authority-undelivered', locale, {
        ...ref,
        version: Number(params.version ?? 0),
        sha256: params.sha256 ?? '',
        dueAt: params.dueAt ?? '',
        problem: params.problem ?? 'not accepted',
        retryCommand: params.retryCommand ?? '',
      });
    case 'approval-escalation':
      return templates.render('approval-escalation', locale, {
        ...ref,
        version: Number(params.version ?? 0),
        sha256: params.sha256 ?? '',
        dueAt: params.dueAt ?? '',
        late: params.late === 'true',
      });
  }
}
