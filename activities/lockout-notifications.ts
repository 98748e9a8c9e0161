/** Notifications of the compliance-lockout procedure to directory groups. */
import type { Channel, ContactGroup } from '../workflows/domain/contacts.ts';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
import { contactsOf } from './directory.ts';
import { renderLockoutMessage } from './documents/lockout-messages.ts';
import type { LockoutMessageInput } from './documents/lockout-messages.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { AuditEntryInput } from './ports.ts';
import { postToChat } from './chat-post.ts';
import { notifyContacts } from './staff-notifications.ts';
import { templatesFor } from './templates/template-source.ts';

export interface NotifyLockoutGroupInput extends LockoutMessageInput {
  /** Ledger key: unique per send occasion (e.g. "status-update:3"). */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
  /** Only these channels (falling back from a failing provider); default both. */
  channels?: Channel[];
  /** Straight to the provider, without the ledger: the store is down (send-to-contact.ts). */
  unledgered?: boolean;
  /** A procedure's first page: audit entries to append before its own (workflows/procedure/first-page-first.ts). */
  auditFirst?: AuditEntryInput[];
  /** A first page that pins the procedure's templates itself (workflows/procedure/template-pins.ts). */
  pinTemplatesFirst?: boolean;
}

export async function notifyLockoutGroup(deps: ActivityDeps, input: NotifyLockoutGroupInput): Promise<DeliverySummary> {
  const contacts = contactsOf(deps.directory, input.group, input.level);
  const incidentId = lockoutWorkflowId(input.incident.lockoutId);
  // The procedure's pinned templates (the shipped ones when it pinned none), in each reader's language.
  const templates = await templatesFor(deps.templates, incidentId, input.pinTemplatesFirst);
  return notifyContacts(
    deps,
    {
      incidentId,
      ledgerMilestone: input.ledgerMilestone,
      contacts,
      channels: input.channels,
      ...(input.unledgered ? { unledgered: true } : {}),
      ...(input.auditFirst ? { auditFirst: input.auditFirst } : {}),
    },
    (locale) => renderLockoutMessage(input, templates, locale),
  );
}

/** The same message, once, to the team chat webhook: the last fallback. */
export async function postLockoutToChat(
  deps: ActivityDeps,
  input: LockoutMessageInput & { ledgerMilestone: string; group: ContactGroup },
): Promise<{ posted: boolean }> {
  const incidentId = lockoutWorkflowId(input.incident.lockoutId);
  const message = renderLockoutMessage(input, await templatesFor(deps.templates, incidentId));
  return postToChat(deps, {
    incidentId,
    ledgerMilestone: input.ledgerMilestone,
    text: `*${message.subject}* (for: ${input.group})\n${message.text}`,
  });
}
