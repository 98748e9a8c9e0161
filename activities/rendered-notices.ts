/**
 * A message rendered per reader (their language) from the procedure's templates, sent to a
 * directory group (on the channels asked for) or posted to the team chat webhook: the shared last
 * mile of Herald's procedure-agnostic staff notices.
 */
import type { Channel, ContactGroup } from '../workflows/domain/contacts.ts';
import { contactsOf } from './directory.ts';
import type { RenderedMessage } from './documents/message-types.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { postToChat } from './chat-post.ts';
import type { ChatPostResult } from './chat-post.ts';
import { notifyContacts } from './staff-notifications.ts';
import { templatesFor } from './templates/template-source.ts';
import type { TemplateSource } from './templates/template-source.ts';

export interface GroupTarget {
  /** Store key of the procedure (audit trail and ledger). */
  incidentId: string;
  /** Unique per send occasion. */
  ledgerMilestone: string;
  group: ContactGroup;
  level?: number;
  channels?: Channel[];
}

/** Renders the message from `templates` in a reader's locale (absent → English). */
export type RenderFrom = (templates: TemplateSource, locale: string | undefined) => RenderedMessage;

export async function notifyRendered(
  deps: ActivityDeps,
  target: GroupTarget,
  render: RenderFrom,
): Promise<DeliverySummary> {
  const templates = await templatesFor(deps.templates, target.incidentId);
  const contacts = contactsOf(deps.directory, target.group, target.level);
  return notifyContacts(deps, { ...target, contacts, channels: target.channels }, (locale) =>
    render(templates, locale),
  );
}

export async function postRenderedToChat(
  deps: ActivityDeps,
  target: GroupTarget,
  render: RenderFrom,
): Promise<ChatPostResult> {
  const message = render(await templatesFor(deps.templates, target.incidentId), undefined);
  return postToChat(deps, {
    incidentId: target.incidentId,
    ledgerMilestone: target.ledgerMilestone,
    text: `*${message.subject}* (for: ${target.group})\n${message.text}`,
  });
}
