/**
 * The `[DRILL]` label on a drill's messages. By default every message of a drill starts with it
 * (subject and SMS), whatever template made it; groups listed in the directory's
 * `drillUnlabelledGroups` get their messages without it, to practise answering as in a real
 * incident. Outside drills nothing changes.
 */
import type { Contact } from '../../workflows/domain/contacts.ts';
import { DRILL_TITLE_PREFIX, isDrillId } from '../../workflows/domain/drill.ts';
import type { RenderedMessage } from '../documents/message-types.ts';
import type { Directory } from '../directory.ts';
import { contactsOf } from '../directory.ts';

/** An SMS body's budget (documents/message-types.ts). */
const SMS_MAX = 320;

/** Whether `contact` is a member of a group whose drill messages go without the label. */
function unlabelled(directory: Directory, contact: Contact): boolean {
  return (directory.drillUnlabelledGroups ?? []).some((group) =>
    (group === 'on-call' ? directory.onCall.flat() : contactsOf(directory, group)).some((c) => c.id === contact.id),
  );
}

const withPrefix = (s: string): string => (s.startsWith(DRILL_TITLE_PREFIX) ? s : `${DRILL_TITLE_PREFIX}${s}`);
const withoutPrefix = (s: string): string => s.split(DRILL_TITLE_PREFIX).join('');

/** The message as `contact` receives it in incident `incidentId`: labelled, unlabelled, or untouched. */
export function drillLabelled(
  directory: Directory,
  incidentId: string,
  contact: Contact,
  message: RenderedMessage,
): RenderedMessage {
  if (!isDrillId(incidentId)) return message;
  if (unlabelled(directory, contact)) {
    return {
      ...message,
      subject: withoutPrefix(message.subject),
      text: withoutPrefix(message.text),
      sms: withoutPrefix(message.sms),
    };
  }
  return { ...message, subject: withPrefix(message.subject), sms: withPrefix(message.sms).slice(0, SMS_MAX) };
}
