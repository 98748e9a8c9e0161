/**
 * The next channel for the affected people whose message did not arrive: after the providers'
 * delivery reports came in, a bounced or undelivered email goes out as SMS and an undelivered SMS
 * as email, where the person has that address and was not sent on it yet (each through the
 * ledger, so never twice). People with no channel left are named (by id) in the audit trail: the
 * controller may then have to make a public communication instead (GDPR Art. 34(3)(c)).
 *
 * A follow-up SMS honours the recipients' quiet hours like the notice's own SMS page
 * (sms-quiet-hours.ts): who is in their night waits for their morning where the bounds allow and
 * is named in the audit entry; the workflow runs the follow-up again then, and the ledger skips
 * whoever an earlier run reached. Email never waits.
 */
import { templatesFor } from '../templates/template-source.ts';
import { heartbeat } from '@temporalio/activity';
import type { AffectedPerson, LedgerChannel } from '../../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../../workflows/domain/incident.ts';
import type { ActivityDeps } from '../deps.ts';
import { emptySummary } from '../deps.ts';
import { sendToContact } from '../send-to-contact.ts';
import { AFFECTED_MILESTONE, affectedPersonMessage, deliveryGroup, PLAUSIBLE_EMAIL } from './page.ts';
import { DEFAULT_FANOUT } from './settings.ts';
import { splitForQuietHours } from './sms-quiet-hours.ts';
import type { SmsQuietInput } from './sms-quiet-hours.ts';

export interface FollowUpResult {
  /** Messages reported bounced or undelivered, or refused at send, per channel. */
  failed: { email: number; sms: number };
  /** Sent on the next channel and accepted (by this run; earlier runs' sends are not counted again). */
  resent: { email: number; sms: number };
  /** People none of whose channels reached them. */
  unreachable: number;
  /** People whose SMS waits for the end of their quiet hours, and when the first of them may be texted (ISO). */
  waiting?: { people: number; resumeAt: string };
}

export interface FollowUpInput {
  incidentId: string;
  incident: DataLeakIncident;
  /** Quiet hours apply to the follow-up SMS, within these bounds. Absent: every SMS goes at once. */
  quiet?: SmsQuietInput;
  /** Which run of the follow-up (0 first; each later one after a wait); names its audit entry. */
  round?: number;
}

const NEXT: Record<'email' | 'sms', 'email' | 'sms'> = { email: 'sms', sms: 'email' };

export async function followUpAffectedDeliveries(deps: ActivityDeps, input: FollowUpInput): Promise<FollowUpResult> {
  const { incidentId } = input;
  const failedChannels = await failedChannelsOf(deps, incidentId);
  const result: FollowUpResult = { failed: { email: 0, sms: 0 }, resent: { email: 0, sms: 0 }, unreachable: 0 };
  const unreachable: string[] = [];
  const people = await deps.recipients.byIds(incidentId, [...failedChannels.keys()]);
  const resend: { person: AffectedPerson; next: 'email' | 'sms' }[] = [];
  for (const person of people) {
    const failed = failedChannels.get(person.id) ?? new Set<LedgerChannel>();
    for (const channel of failed) if (channel === 'email' || channel === 'sms') result.failed[channel]++;
    if (await reachedOnAnother(deps, incidentId, person, failed)) continue;
    const next = [...failed]
      .map((c) => NEXT[c as 'email' | 'sms'])
      .find((c) => !failed.has(c) && hasAddress(person, c));
    if (next === undefined) {
      result.unreachable++;
      unreachable.push(person.id);
    } else resend.push({ person, next });
  }
  const texts = resend.filter((r) => r.next === 'sms').map((r) => r.person);
  const { waiting, resumeAt } = splitForQuietHours(deps, texts, quietWithLead(deps, input.quiet, texts.length));
  const waits = new Set(waiting.map((w) => w.id));
  const templates = await templatesFor(deps.templates, incidentId);
  for (const { person, next } of resend) {
    if (waits.has(person.id)) continue;
    const summary = emptySummary();
    const message = affectedPersonMessage(deps, templates, incidentId, input.incident, person, person.name.trim());
    await sendToContact(
      deps,
      {
        incidentId,
        ledgerMilestone: AFFECTED_MILESTONE,
        contact: person,
        message,
        channels: [next],
      },
      summary,
    );
    if (summary[next].accepted > 0) result.resent[next]++;
    else {
      result.unreachable++;
      unreachable.push(person.id);
    }
    heartbeat();
  }
  if (waiting.length > 0 && resumeAt !== undefined) result.waiting = { people: waiting.length, resumeAt };
  await deps.audit.append({
    // A later run (after quiet hours) records its own entry.
    entryId: `affected.follow-up:${incidentId}` + (input.round ? `/r${input.round}` : ''),
    incidentId,
    type: 'affected.follow-up',
    actor: 'herald',
    at: new Date().toISOString(),
    data: {
      ...result,
      unreachableRecipientIds: unreachable,
      ...(input.round ? { round: input.round } : {}),
      /** [recipientId, not before]: their SMS waits for the end of their quiet hours. */
      ...(waiting.length > 0 ? { waitingRecipients: waiting.map((w) => [w.id, w.until]) } : {}),
    },
  });
  return result;
}

/** Each person's channels the providers reported failed or that refused the send, from the store. */
async function failedChannelsOf(deps: ActivityDeps, incidentId: string): Promise<Map<string, Set<LedgerChannel>>> {
  const reported = (await deps.deliveryStatus?.failedDeliveries(incidentId, AFFECTED_MILESTONE)) ?? [];
  const refused = await deps.ledger.listFailed(incidentId, AFFECTED_MILESTONE);
  const failedChannels = new Map<string, Set<LedgerChannel>>();
  for (const key of [...reported.map((e) => e.key), ...refused]) {
    if (key.channel !== 'email' && key.channel !== 'sms') continue;
    const set = failedChannels.get(key.recipientId) ?? new Set<LedgerChannel>();
    set.add(key.channel);
    failedChannels.set(key.recipientId, set);
  }
  return failedChannels;
}

/**
 * The bounds with the time the follow-up's texts take once morning comes (at the deployment's SMS
 * rate), unless the workflow gave one: a text that waits must still land before them.
 */
function quietWithLead(deps: ActivityDeps, quiet: SmsQuietInput | undefined, texts: number): SmsQuietInput | undefined {
  if (quiet === undefined || quiet.leadMs !== undefined) return quiet;
  const perSecond = deps.fanout?.smsPerSecond ?? DEFAULT_FANOUT.smsPerSecond;
  return { ...quiet, leadMs: Math.ceil((1000 * texts) / perSecond) };
}

/** True when a channel other than the failed ones already carried the message. */
async function reachedOnAnother(
  deps: ActivityDeps,
  incidentId: string,
  person: AffectedPerson,
  failed: ReadonlySet<LedgerChannel>,
): Promise<boolean> {
  for (const channel of ['email', 'sms'] as const) {
    if (failed.has(channel)) continue;
    const [entry] = await deps.ledger.getBatch(deliveryGroup(incidentId, channel), [person.id]);
    if (entry?.state === 'sent') return true;
  }
  return false;
}

function hasAddress(person: AffectedPerson, channel: 'email' | 'sms'): boolean {
  return channel === 'email' ? PLAUSIBLE_EMAIL.test(person.email ?? '') : Boolean(person.phone);
}
