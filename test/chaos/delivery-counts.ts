/**
 * What the chaos test concludes from the sandbox's own request log: per recipient and channel the
 * messages the provider accepted (an accepted-then-timed-out message counts: the provider has it),
 * so missed = required − delivered at least once and duplicates = accepted beyond the first. It
 * matches by address and number, not by anything Herald adds to a request, so it holds for any
 * fan-out (one message per request or batched personalizations).
 */
import type { LoggedRequest, RequestLog } from '../../sandbox/request-log.ts';
import type { SeedContact } from '../../sandbox/seed.ts';

export interface ChannelCounts {
  /** Messages the audience needs on this channel: one per recipient with an address for it. */
  required: number;
  /** Messages the provider accepted for the audience on this channel. */
  accepted: number;
  /** Recipients who got at least one. */
  delivered: number;
  missed: number;
  /** Accepted messages beyond the first per recipient. */
  duplicates: number;
}

export interface DeliveryCounts {
  recipients: number;
  required: number;
  accepted: number;
  missed: number;
  duplicates: number;
  email: ChannelCounts;
  sms: ChannelCounts;
  /** A few recipients missed or duplicated, for the failure message. */
  examples: { missed: string[]; duplicated: string[] };
}

function channelCounts(
  required: readonly string[],
  accepted: readonly string[],
): ChannelCounts & { lists: { missed: string[]; duplicated: string[] } } {
  const perRecipient = new Map<string, number>(required.map((to) => [to, 0]));
  let acceptedForAudience = 0;
  for (const to of accepted) {
    const n = perRecipient.get(to);
    if (n === undefined) continue; // staff, the authority: not the audience
    perRecipient.set(to, n + 1);
    acceptedForAudience++;
  }
  const missed: string[] = [];
  const duplicated: string[] = [];
  for (const [to, n] of perRecipient) {
    if (n === 0) missed.push(to);
    if (n > 1) duplicated.push(`${to} ×${n}`);
  }
  const delivered = perRecipient.size - missed.length;
  return {
    required: perRecipient.size,
    accepted: acceptedForAudience,
    delivered,
    missed: missed.length,
    duplicates: acceptedForAudience - delivered,
    lists: { missed, duplicated },
  };
}

/** Counts the audience's accepted messages in `log`. */
export function countDeliveries(students: readonly SeedContact[], log: RequestLog): DeliveryCounts {
  const emails = channelCounts(
    students.flatMap((s) => (s.Email ? [s.Email.toLowerCase()] : [])),
    log.acceptedEmails().map((e) => e.to.toLowerCase()),
  );
  const sms = channelCounts(
    students.flatMap((s) => (s.MobilePhone ? [s.MobilePhone] : [])),
    log.acceptedSms().map((m) => m.to),
  );
  const { lists: emailLists, ...email } = emails;
  const { lists: smsLists, ...smsCounts } = sms;
  return {
    recipients: students.length,
    required: email.required + smsCounts.required,
    accepted: email.accepted + smsCounts.accepted,
    missed: email.missed + smsCounts.missed,
    duplicates: email.duplicates + smsCounts.duplicates,
    email,
    sms: smsCounts,
    examples: {
      missed: [...emailLists.missed, ...smsLists.missed].slice(0, 10),
      duplicated: [...emailLists.duplicated, ...smsLists.duplicated].slice(0, 10),
    },
  };
}

/** Requests and injected faults per provider, from the log: `{ requests, sends, <fault kind>: n }`. */
export function countFaults(
  requests: readonly LoggedRequest[],
  isSend: (r: LoggedRequest) => boolean,
): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const r of requests) {
    const c = (counts[r.provider] ??= { requests: 0, sends: 0 });
    c.requests = (c.requests ?? 0) + 1;
    if (isSend(r)) c.sends = (c.sends ?? 0) + 1;
    if (r.fault !== undefined) c[r.fault] = (c[r.fault] ?? 0) + 1;
  }
  return counts;
}

/** The address or number a logged request is about: a Twilio create or list, a SendGrid send. */
function concerns(r: LoggedRequest, to: string): boolean {
  if (r.provider === 'twilio') {
    const form = r.body as Record<string, unknown> | undefined;
    return form?.To === to || new URL(r.path, 'http://sandbox').searchParams.get('To') === to;
  }
  if (r.provider !== 'sendgrid' || r.method !== 'POST') return false;
  const personalizations = (r.body as { personalizations?: { to?: { email?: unknown }[] }[] } | undefined)
    ?.personalizations;
  return (personalizations ?? []).some((p) =>
    (p.to ?? []).some((a) => typeof a.email === 'string' && a.email.toLowerCase() === to.toLowerCase()),
  );
}

/**
 * What the sandbox saw for each of `recipients` (addresses or numbers, e.g. the examples of
 * missed or duplicated ones): one line per request, in arrival order, for a failure message.
 */
export function requestTrails(
  requests: readonly LoggedRequest[],
  recipients: readonly string[],
): Record<string, string[]> {
  return Object.fromEntries(
    recipients.map((to) => [
      to,
      requests
        .filter((r) => concerns(r, to))
        .map(
          (r) =>
            `${r.at} ${r.provider} ${r.method} ${r.path.split('?')[0] ?? ''} → ${r.status || 'no answer'}${r.fault ? ` (${r.fault})` : ''}`,
        ),
    ]),
  );
}
