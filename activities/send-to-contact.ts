/**
 * Sends one rendered message to one contact on every channel it has, each through the ledger
 * (deliverOnce), and adds the outcomes to a running summary. Unledgered (the store is down, see
 * workflows/procedure/audit-outbox.ts), each channel is sent once straight to the provider and
 * nothing is written: the procedure schedules that send once and audits it itself.
 */
import type { Channel, Contact } from '../workflows/domain/contacts.ts';
import type { RenderedMessage } from './documents/message-types.ts';
import { deliverOnce } from './deliver-once.ts';
import { emailHtml } from './templates/email-html.ts';
import { auditFailedAttempt, recordFailedAttempt } from './delivery-attempts.ts';
import { drillLabelled } from './drills/drill-label.ts';
import { assertDrillRecipients } from './drills/drill-recipients.ts';
import { countDelivery } from './delivery-metrics.ts';
import { traceCall } from './trace-call.ts';
import type { DeliveryOutcome } from './deliver-once.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { DeliveryKey, EmailMessage, LedgerEntry, SendReceipt } from './ports.ts';

/** Margin for clock skew between Herald and the provider when looking up an earlier send. */
const LOOKUP_SKEW_MS = 5 * 60_000;

type ContactTarget = {
  incidentId: string;
  ledgerMilestone: string;
  contact: Contact;
  message: RenderedMessage;
  /** Only these channels (a fallback from a failing provider); default every channel the contact has. */
  channels?: readonly Channel[];
  /** Straight to the provider, no ledger, no audit: the store is down (the file comment). */
  unledgered?: boolean;
};

/** One channel's send of the message to the contact, and how to find it at the provider afterwards. */
interface ChannelSend {
  channel: Channel;
  send: () => Promise<SendReceipt>;
  findSent: (since: string) => Promise<SendReceipt | null>;
}

export async function sendToContact(
  deps: ActivityDeps,
  target: ContactTarget,
  summary: DeliverySummary,
): Promise<void> {
  assertDrillRecipients(deps.directory, target.incidentId, [target.contact]);
  target = { ...target, message: drillLabelled(deps.directory, target.incidentId, target.contact, target.message) };
  if (target.unledgered) return sendUnledgered(target, channelSends(deps, target), summary);
  const { incidentId, ledgerMilestone, contact } = target;
  const key = (channel: Channel) => ({ incidentId, milestone: ledgerMilestone, recipientId: contact.id, channel });
  let reached = false;
  for (const { channel, send, findSent } of channelSends(deps, target)) {
    const outcome = await deliverOnce(deps.ledger, key(channel), {
      send,
      findSent: (reservedAt) => findSent(new Date(Date.parse(reservedAt) - LOOKUP_SKEW_MS).toISOString()),
    }).catch(async (err: unknown) => {
      // Retried by the activity: the attempt leaves a trace even when a later one succeeds.
      await auditFailedAttempt(deps, key(channel), err);
      throw err;
    });
    reached =
      record(summary, channel, contact.id, outcome, await auditDelivery(deps, key(channel), outcome, target.message)) ||
      reached;
    countDelivery(channel, outcome, ledgerMilestone);
  }
  if (reached) summary.reached++;
}

/** The sends of the message to the contact: email first, then SMS, each where the contact has it. */
function channelSends(deps: ActivityDeps, target: ContactTarget): ChannelSend[] {
  const { incidentId, ledgerMilestone, contact, message } = target;
  const use = (channel: Channel) => target.channels === undefined || target.channels.includes(channel);
  const deliveryKey = (channel: Channel) => `${incidentId}/${ledgerMilestone}/${contact.id}/${channel}`;
  // Each failed call is kept per recipient (a refusal too, which deliverOnce records as the outcome).
  const traced = (channel: Channel, call: () => Promise<SendReceipt>) => async () => {
    const at = new Date().toISOString();
    try {
      return await traceCall(`herald.send ${channel}`, { 'herald.delivery_key': deliveryKey(channel) }, call);
    } catch (err) {
      const group = { incidentId, milestone: ledgerMilestone, channel };
      await recordFailedAttempt(deps, group, [contact.id], err, at);
      throw err;
    }
  };
  const sends: ChannelSend[] = [];
  if (contact.email && use('email')) {
    const to = contact.email;
    sends.push({
      channel: 'email',
      send: traced('email', () => deps.email.send(emailOf(to, contact, message, deliveryKey('email')))),
      findSent: (since) => deps.email.findSent(deliveryKey('email'), to, since),
    });
  }
  if (contact.phone && use('sms')) {
    const to = contact.phone;
    sends.push({
      channel: 'sms',
      send: traced('sms', () => deps.sms.send({ to, body: message.sms, deliveryKey: deliveryKey('sms') })),
      findSent: (since) => deps.sms.findSent(deliveryKey('sms'), to, since, message.sms),
    });
  }
  return sends;
}

/** The email of `message` to one contact: its plain text and the HTML laid out from it. */
function emailOf(to: string, contact: Contact, message: RenderedMessage, deliveryKey: string): EmailMessage {
  return {
    to,
    toName: contact.name,
    subject: message.subject,
    text: message.text,
    // Made here, at the send, so nothing a workflow sees changes. Untemplated messages are English.
    html: emailHtml({ subject: message.subject, text: message.text, lang: message.template?.locale ?? 'en' }),
    deliveryKey,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}

/**
 * Each channel once, straight to the provider: a refusal is the person's outcome, any other failure
 * is recorded as not reached (the procedure never schedules this send again, so nothing is retried).
 */
async function sendUnledgered(target: ContactTarget, sends: ChannelSend[], summary: DeliverySummary): Promise<void> {
  const { ledgerMilestone, contact } = target;
  let reached = false;
  for (const { channel, send } of sends) {
    try {
      const receipt = await send();
      summary[channel].accepted++;
      (summary.receipts ??= []).push({ recipientId: contact.id, channel, acceptedAt: receipt.acceptedAt });
      reached = true;
      countDelivery(channel, 'sent', ledgerMilestone);
    } catch (err) {
      summary[channel].failed++;
      const reason = err instanceof Error ? err.message.slice(0, 200) : String(err);
      (summary.refusals ??= []).push({
        recipientId: contact.id,
        channel,
        reason: `sent without the ledger: ${reason}`,
      });
    }
  }
  if (reached) summary.reached++;
}

/**
 * One audit entry per delivery outcome, keyed so a retried activity appends it once. It names the
 * recipient by id and the provider's message id, never by address: the audit trail holds no PII.
 */
async function auditDelivery(
  deps: ActivityDeps,
  key: DeliveryKey,
  outcome: DeliveryOutcome,
  message: RenderedMessage,
): Promise<LedgerEntry | null> {
  const entry = await deps.ledger.get(key);
  await deps.audit.append({
    entryId: `delivery:${key.incidentId}/${key.milestone}/${key.recipientId}/${key.channel}:${outcome === 'failed' ? 'failed' : 'sent'}`,
    incidentId: key.incidentId,
    type: outcome === 'failed' ? 'delivery.failed' : 'delivery.sent',
    actor: 'herald',
    at: entry?.acceptedAt ?? new Date().toISOString(),
    data: {
      milestone: key.milestone,
      recipientId: key.recipientId,
      channel: key.channel,
      providerMessageId: entry?.providerMessageId,
      attempts: entry?.attempts,
      error: entry?.error,
      reconciled: outcome === 'already-sent',
      // The template version the message was rendered from (and whether English stood in).
      ...(message.template ? { template: message.template } : {}),
    },
  });
  return entry;
}

/**
 * Adds one outcome to the summary: the channel's counts, and the recipient's receipt (with the
 * provider's acceptance time from the ledger) or refusal. True when the person has the message.
 */
function record(
  summary: DeliverySummary,
  channel: Channel,
  recipientId: string,
  outcome: DeliveryOutcome,
  entry: LedgerEntry | null,
): boolean {
  const counts = summary[channel];
  if (outcome === 'failed') {
    counts.failed++;
    (summary.refusals ??= []).push({ recipientId, channel, reason: entry?.error ?? 'refused by the provider' });
    return false;
  }
  counts.accepted++;
  if (outcome === 'already-sent') counts.duplicatesSkipped++;
  const acceptedAt = entry?.acceptedAt ?? new Date().toISOString();
  (summary.receipts ??= []).push({ recipientId, channel, acceptedAt });
  return true;
}
