/**
 * The five assertions of every fault-matrix cell, as pure functions over what the cell collected:
 * the workflow's final state, its milestones and audit trail, and the sandbox's own log of what
 * it accepted. Each returns a verdict with the evidence, so a failing cell says why.
 */
import type { AuditEntry, AuditVerification } from '../../activities/ports.ts';
import type { Directory } from '../../activities/directory.ts';
import type { AcceptedEmail, AcceptedSms, ChatPost, Sandbox } from '../../sandbox/index.ts';
import type { MilestoneStatus } from '../../workflows/domain/status.ts';
import { checkMilestones } from '../chaos/milestone-check.ts';

export const CHECK_NAMES = ['not-failed', 'milestones', 'on-call-reached', 'no-duplicates', 'audit-verifies'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface Check {
  name: CheckName;
  ok: boolean;
  /** The evidence: what was seen, or what is wrong. */
  detail: string;
}

/** What the sandbox accepted, as the cell snapshots it. */
export interface Deliveries {
  emails: readonly AcceptedEmail[];
  sms: readonly AcceptedSms[];
  chat: readonly ChatPost[];
}

/** A person in the directory, as the sandbox would see them paged. */
export interface Person {
  label: string;
  name: string;
  email?: string;
  phone?: string;
}

/** What the sandbox has accepted so far. */
export function deliveries(sandbox: Sandbox): Deliveries {
  return { emails: sandbox.log.acceptedEmails(), sms: sandbox.log.acceptedSms(), chat: [...sandbox.chatPosts] };
}

/** The on-call person and the configured fallbacks the cell reports on when the on-call is not reached. */
export function people(directory: Directory): { onCall: Person; fallbacks: Person[] } {
  const person = (label: string, c: { name: string; email?: string; phone?: string }): Person => ({
    label,
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
  });
  const [first] = directory.onCall[0] ?? [];
  if (first === undefined) throw new Error('the directory has no on-call level 0');
  return {
    onCall: person('on-call L0', first),
    fallbacks: [
      ...directory.onCall.slice(1).flatMap((level, i) => level.map((c) => person(`on-call L${i + 1}`, c))),
      ...(directory.lastResort ?? []).map((c) => person('last resort', c)),
      ...directory.deadlineEscalation.map((c) => person('deadline escalation', c)),
    ],
  };
}

/** 1. The run is neither Failed nor Terminated (nor timed out): Running or Completed. */
export function notFailed(state: string, failure?: string): Check {
  const ok = state === 'RUNNING' || state === 'COMPLETED';
  return { name: 'not-failed', ok, detail: ok ? state : `${state}${failure ? `: ${failure}` : ''}` };
}

/** 2. Every milestone met (with its audit entry), or missed with `milestone.missed` and an escalation. */
export function milestones(list: readonly MilestoneStatus<string>[], audit: readonly AuditEntry[]): Check {
  const verdicts = checkMilestones({ milestones: list }, audit);
  const bad = verdicts.filter((v) => !v.ok);
  const word = (v: (typeof verdicts)[number]) =>
    `${v.id} ${v.state}${v.evidence.length > 0 ? ` (${v.evidence.join(', ')})` : ' (no audit entry)'}`;
  return {
    name: 'milestones',
    ok: bad.length === 0 && verdicts.length > 0,
    detail: bad.length === 0 ? verdicts.map((v) => `${v.id} ${v.state}`).join('; ') : bad.map(word).join('; '),
  };
}

/** The channels on which the sandbox delivered something to `person`. */
export function channelsReaching(person: Person, deliveries: Deliveries): string[] {
  const email = person.email?.toLowerCase();
  return [
    ...(email !== undefined && deliveries.emails.some((e) => e.to.toLowerCase() === email) ? ['email'] : []),
    ...(person.phone !== undefined && deliveries.sms.some((m) => m.to === person.phone) ? ['sms'] : []),
    ...(deliveries.chat.some((p) => p.text.includes(person.name)) ? ['chat'] : []),
  ];
}

/**
 * 3. The on-call person was reached on some channel while the fault lasted (or, for a fault shorter
 * than that, by the alert's deadline); if not, which configured fallbacks were paged instead (the
 * cell still fails: the on-call was not reached).
 */
export function onCallReached(
  onCall: Person,
  fallbacks: readonly Person[],
  delivered: Deliveries,
  by: 'fault' | 'alert deadline' = 'fault',
): Check {
  const channels = channelsReaching(onCall, delivered);
  if (channels.length > 0) {
    return { name: 'on-call-reached', ok: true, detail: `${onCall.label} by ${channels.join(', ')}` };
  }
  const paged = fallbacks
    .map((p) => ({ p, channels: channelsReaching(p, delivered) }))
    .filter((x) => x.channels.length > 0)
    .map((x) => `${x.p.label} by ${x.channels.join(', ')}`);
  const when = by === 'fault' ? 'during the fault' : "by the alert's deadline";
  return {
    name: 'on-call-reached',
    ok: false,
    detail: `${onCall.label} not reached ${when}; ${paged.length > 0 ? `paged instead: ${paged.join('; ')}` : 'no fallback paged either'}`,
  };
}

/**
 * 4. Nobody got the same message twice: an email is the same when its delivery key (custom_args)
 * is, or without one its subject and text; an SMS when number and body are; a chat post its text.
 */
export function noDuplicates(deliveries: Deliveries): Check {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const e of deliveries.emails) {
    const key = e.customArgs.herald_delivery_key;
    count(`email ${e.to.toLowerCase()} ${key ?? `${e.subject}\n${e.text}`}`);
  }
  for (const m of deliveries.sms) count(`sms ${m.to} ${m.body}`);
  for (const p of deliveries.chat) count(`chat ${p.text}`);
  const twice = [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key.split('\n')[0]?.slice(0, 120)} ×${n}`);
  return {
    name: 'no-duplicates',
    ok: twice.length === 0,
    detail:
      twice.length === 0
        ? `${deliveries.emails.length} emails, ${deliveries.sms.length} SMS, ${deliveries.chat.length} chat posts, none twice`
        : twice.slice(0, 5).join('; '),
  };
}

/** 5. The audit chain verifies. */
export function auditVerifies(verification: AuditVerification): Check {
  return {
    name: 'audit-verifies',
    ok: verification.ok,
    detail: verification.ok ? `${verification.entries} entries` : (verification.problem ?? 'does not verify'),
  };
}
