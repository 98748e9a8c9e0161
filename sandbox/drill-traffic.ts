/**
 * A drill's traffic as the sandbox saw it: every accepted email and SMS sorted into staff, the
 * drill sink (its mailbox plus-addressed per recipient, its phone) and anyone else — which in a
 * drill must be nobody. The demo prints it; the drill tests assert on it.
 */
import type { Contact } from '../workflows/domain/contacts.ts';
import type { AcceptedEmail, AcceptedSms, RequestLog } from './request-log.ts';

export interface DrillTraffic {
  sinkEmails: AcceptedEmail[];
  staffEmails: AcceptedEmail[];
  sinkSms: AcceptedSms[];
  staffSms: AcceptedSms[];
  /** Messages to neither staff nor the sink: in a drill, a leak. */
  outsideEmails: AcceptedEmail[];
  outsideSms: AcceptedSms[];
}

export function sortDrillTraffic(
  log: Pick<RequestLog, 'acceptedEmails' | 'acceptedSms'>,
  staff: readonly Contact[],
  sink: Pick<Contact, 'email' | 'phone'>,
): DrillTraffic {
  const staffEmails = new Set(staff.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])));
  const staffPhones = new Set(staff.flatMap((c) => (c.phone ? [c.phone] : [])));
  const sinkEmail = sink.email?.toLowerCase();
  const at = sinkEmail?.lastIndexOf('@') ?? -1;
  const toSink = (to: string) =>
    sinkEmail !== undefined &&
    (to === sinkEmail || (to.startsWith(`${sinkEmail.slice(0, at)}+`) && to.endsWith(sinkEmail.slice(at))));
  const traffic: DrillTraffic = {
    sinkEmails: [],
    staffEmails: [],
    sinkSms: [],
    staffSms: [],
    outsideEmails: [],
    outsideSms: [],
  };
  for (const e of log.acceptedEmails()) {
    const to = e.to.toLowerCase();
    (staffEmails.has(to) ? traffic.staffEmails : toSink(to) ? traffic.sinkEmails : traffic.outsideEmails).push(e);
  }
  for (const m of log.acceptedSms()) {
    (staffPhones.has(m.to) ? traffic.staffSms : m.to === sink.phone ? traffic.sinkSms : traffic.outsideSms).push(m);
  }
  return traffic;
}
