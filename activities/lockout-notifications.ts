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
}

export function notifyLockoutGroup(deps: ActivityDeps, input: NotifyLockoutGroupInput): Promise<DeliverySummary> {
  const contacts = contactsOf(deps.directory, input.group, input.level);
  // Staff messages are English; the locale does not change the text.
  return notifyContacts(
    deps,
    {
      incidentId: lockoutWorkflowId(input.incident.lockoutId),
      ledgerMilestone: input.ledgerMilestone,
      contacts,
      channels: input.channels,
      ...(input.unledgered ? { unledgered: true } : {}),
      ...(input.auditFirst ? { auditFirst: input.auditFirst } : {}),
    },
    () => renderLockoutMessage(input),
  );
}

/** The same message, once, to the team chat webhook: the last fallback. */
export function postLockoutToChat(
  deps: ActivityDeps,
  input: LockoutMessageInput & { ledgerMilestone: string; group: ContactGroup },
): Promise<{ posted: boolean }> {
  const message = renderLockoutMessage(input);
  return postToChat(deps, {
    incidentId: lockoutWorkflowId(input.incident.lockoutId),
    ledgerMilestone: input.ledgerMilestone,
    text: `*${message.subject}* (for: ${input.group})\n${message.text}`,
  });
}
