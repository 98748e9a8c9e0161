/**
 * The next channel for the affected people whose message did not arrive: after the providers'
 * delivery reports came in, a bounced or undelivered email goes out as SMS and an undelivered SMS
 * as email, where the person has that address and was not sent on it yet (each through the
 * ledger, so never twice). People with no channel left are named (by id) in the audit trail: the
 * controller may then have to make a public communication instead (GDPR Art. 34(3)(c)).
 */
import { templatesFor } from '../templates/template-source.ts';
import { heartbeat } from '@temporalio/activity';
import type { AffectedPerson, LedgerChannel } from '../../workflows/domain/contacts.ts';
import type { DataLeakIncident } from '../../workflows/domain/incident.ts';
import type { ActivityDeps } from '../deps.ts';
import { emptySummary } from '../deps.ts';
import { sendToContact } from '../send-to-contact.ts';
import { AFFECTED_MILESTONE, affectedPersonMessage, deliveryGroup, PLAUSIBLE_EMAIL } from './page.ts';

export interface FollowUpResult {
  /** Messages reported bounced or undelivered, or refused at send, per channel. */
  failed: { email: number; sms: number };
  /** Sent on the next channel and accepted. */
  resent: { email: number; sms: number };
  /** People none of whose channels reached them. */
  unreachable: number;
}

const NEXT: Record<'email' | 'sms', 'email' | 'sms'> = { email: 'sms', sms: 'email' };

export async function followUpAffectedDeliveries(
  deps: ActivityDeps,
  input: { incidentId: string; incident: DataLeakIncident },
): Promise<FollowUpResult> {
  const { incidentId } = input;
  const reported = (await deps.deliveryStatus?.failedDeliveries(incidentId, AFFECTED_MILESTONE)) ?? [];
  const refused = await deps.ledger.listFailed(incidentId, AFFECTED_MILESTONE);
  const failedChannels = new Map<string, Set<LedgerChannel>>();
  for (const key of [...reported.map((e) => e.key), ...refused]) {
    if (key.channel !== 'email' && key.channel !== 'sms') continue;
    const set = failedChannels.get(key.recipientId) ?? new Set<LedgerChannel>();
    set.add(key.channel);
    failedChannels.set(key.recipientId, set);
  }
  const result: FollowUpResult = { failed: { email: 0, sms: 0 }, resent: { email: 0, sms: 0 }, unreachable: 0 };
  const unreachable: string[] = [];
  const people = await deps.recipients.byIds(incidentId, [...failedChannels.keys()]);
  const templates = await templatesFor(deps.templates, incidentId);
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
      continue;
    }
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
  await deps.audit.append({
    entryId: `affected.follow-up:${incidentId}`,
    incidentId,
    type: 'affected.follow-up',
    actor: 'herald',
    at: new Date().toISOString(),
    data: { ...result, unreachableRecipientIds: unreachable },
  });
  return result;
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
