/**
 * A message rendered once, sent to a directory group (on the channels asked for) or posted to the
 * team chat webhook: the shared last mile of Herald's procedure-agnostic staff notices.
 */
import type { Channel, ContactGroup } from '../workflows/domain/contacts.ts';
import { contactsOf } from './directory.ts';
import type { RenderedMessage } from './documents/message-types.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { postToChat } from './chat-post.ts';
import type { ChatPostResult } from './chat-post.ts';
import { notifyContacts } from './staff-notifications.ts';

export interface GroupTarget {
  /** Store key of the procedure (audit trail and ledger). */
  incidentId: string;
  /** Unique per send occasion. */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
  channels?: Channel[];
}

export function notifyRendered(
  deps: ActivityDeps,
  target: GroupTarget,
  message: RenderedMessage,
): Promise<DeliverySummary> {
  const contacts = contactsOf(deps.directory, target.group, target.level);
  return notifyContacts(deps, { ...target, contacts, channels: target.channels }, () => message);
}

export function postRenderedToChat(
  deps: ActivityDeps,
  target: GroupTarget,
  message: RenderedMessage,
): Promise<ChatPostResult> {
  return postToChat(deps, {
    incidentId: target.incidentId,
    ledgerMilestone: target.ledgerMilestone,
    text: `*${message.subject}* (for: ${target.group})\n${message.text}`,
  });
}
