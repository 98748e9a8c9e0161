/**
 * A drill's recipients: every external notice (the supervisory authority, the affected people,
 * customers, procurement) goes to the directory's drill sink instead, decided here from the
 * incident id (`drill-…`), which every send carries. The guard re-checks each address right before
 * a send, so a path that forgot the substitution is refused, not sent.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { AffectedPerson, Contact } from '../../workflows/domain/contacts.ts';
import { isDrillId } from '../../workflows/domain/drill.ts';
import type { Directory } from '../directory.ts';
import { staffContactsOf } from '../directory.ts';

/** The directory's drill sink, or a permanent failure naming the missing setting. */
export function drillSinkOf(directory: Directory): Contact {
  if (directory.drillSink) return directory.drillSink;
  throw ApplicationFailure.nonRetryable(
    'the directory has no drillSink: a drill sends external notices nowhere else, so this step is blocked',
    'ConfigurationError',
  );
}

/** `drills@x.test` + `STU-1` → `drills+stu-1@x.test`: one mailbox, one address per recipient. */
function sinkAddress(sinkEmail: string, recipientId: string): string {
  const at = sinkEmail.lastIndexOf('@');
  const tag = recipientId.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  return `${sinkEmail.slice(0, at)}+${tag}${sinkEmail.slice(at)}`;
}

/** The sink in the place of one external recipient: same id (ledger key), locale and zone, no personal data. */
export function drillStandIn<P extends Contact>(
  sink: Contact,
  recipient: P,
): Contact & Pick<AffectedPerson, 'country' | 'state'> {
  const person = recipient as AffectedPerson;
  return {
    id: recipient.id,
    name: `${sink.name} (for ${recipient.id})`,
    ...(recipient.email !== undefined && sink.email !== undefined
      ? { email: sinkAddress(sink.email, recipient.id) }
      : {}),
    ...(recipient.phone !== undefined && sink.phone !== undefined ? { phone: sink.phone } : {}),
    ...(recipient.locale !== undefined ? { locale: recipient.locale } : {}),
    ...(recipient.timeZone !== undefined ? { timeZone: recipient.timeZone } : {}),
    ...(person.country !== undefined ? { country: person.country } : {}),
    ...(person.state !== undefined ? { state: person.state } : {}),
  };
}

/** External recipients as the procedure sends to them: themselves, or in a drill the sink in their place. */
export function externalRecipients<P extends Contact>(
  directory: Directory,
  incidentId: string,
  recipients: readonly P[],
): (P | ReturnType<typeof drillStandIn>)[] {
  if (!isDrillId(incidentId)) return [...recipients];
  const sink = drillSinkOf(directory);
  return recipients.map((r) => drillStandIn(sink, r));
}

/**
 * Refuses, in a drill, any address that is neither the sink's (plus-addressed) nor a staff
 * member's from the directory. Outside drills it checks nothing.
 */
export function assertDrillRecipients(directory: Directory, incidentId: string, contacts: readonly Contact[]): void {
  if (!isDrillId(incidentId)) return;
  const sink = drillSinkOf(directory);
  const staff = staffContactsOf(directory);
  const emails = new Set(staff.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
  const phones = new Set(staff.flatMap((c) => (c.phone ? [c.phone] : [])));
  if (sink.phone) phones.add(sink.phone);
  const sinkEmail = sink.email?.toLowerCase();
  const isSinkEmail = (email: string) =>
    sinkEmail !== undefined &&
    (email === sinkEmail ||
      (email.endsWith(sinkEmail.slice(sinkEmail.lastIndexOf('@'))) &&
        email.startsWith(`${sinkEmail.slice(0, sinkEmail.lastIndexOf('@'))}+`)));
  for (const contact of contacts) {
    const email = contact.email?.toLowerCase();
    const badEmail = email !== undefined && !emails.has(email) && !isSinkEmail(email);
    const badPhone = contact.phone !== undefined && !phones.has(contact.phone);
    if (badEmail || badPhone) {
      throw ApplicationFailure.nonRetryable(
        `drill ${incidentId}: recipient ${contact.id} is neither staff nor the drill sink; nothing was sent`,
        'ConfigurationError',
      );
    }
  }
}
