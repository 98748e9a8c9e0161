/**
 * Sends one rendered message to one contact on every channel it has, each through the ledger
 * (deliverOnce), and adds the outcomes to a running summary. Unledgered (the store is down, see
 * workflows/procedure/audit-outbox.ts), each channel is sent once straight to the provider and
 * nothing is written: the procedure schedules that send once and audits it itself.
 */
import type { Channel, Contact } from '../workflows/domain/contacts.ts';
import type { RenderedMessage } from './documents/message-types.ts';
import { deliverOnce } from './deliver-once.ts';
import { countDelivery } from './delivery-metrics.ts';
import { traceCall } from './trace-call.ts';
import type { DeliveryOutcome } from './deliver-once.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import type { DeliveryKey, EmailMessage, LedgerEntry, SendReceipt } from './ports.ts';

/** Margin for clock skew between Herald and the provider when looking up an earlier send. */
const LOOKUP_SKEW_MS = 5 * 60_000;

export async function sendToContact(
  deps: ActivityDeps,
  target: {
    incidentId: string;
    ledgerMilestone: string;
    contact: Contact;
    message: RenderedMessage;
    /** Only these channels (a fallback from a failing provider); default every channel the contact has. */
    channels?: readonly Channel[];
    /** Straight to the provider, no ledger, no audit: the store is down (the file comment). */
    unledgered?: boolean;
  },
  summary: DeliverySummary,
): Promise<void> {
  const { incidentId, ledgerMilestone, contact, message } = target;
  if (target.unledgered) return sendUnledgered(deps, target, summary);
  const use = (channel: Channel) => target.channels === undefined || target.channels.includes(channel);
  const key = (channel: Channel) => ({ incidentId, milestone: ledgerMilestone, recipientId: contact.id, channel });
  const deliveryKey = (channel: Channel) => `${incidentId}/${ledgerMilestone}/${contact.id}/${channel}`;
  const since = (reservedAt: string) => new Date(Date.parse(reservedAt) - LOOKUP_SKEW_MS).toISOString();
  let reached = false;

  if (contact.email && use('email')) {
    const to = contact.email;
    const outcome = await deliverOnce(deps.ledger, key('email'), {
      send: () =>
        traceCall('herald.send email', { 'herald.delivery_key': deliveryKey('email') }, () =>
          deps.email.send(emailOf(to, contact, message, deliveryKey('email'))),
        ),
      findSent: (reservedAt) => deps.email.findSent(deliveryKey('email'), to, since(reservedAt)),
    });
    reached =
      record(summary, 'email', contact.id, outcome, await auditDelivery(deps, key('email'), outcome)) || reached;
    countDelivery('email', outcome, ledgerMilestone);
  }
  if (contact.phone && use('sms')) {
    const to = contact.phone;
    const outcome = await deliverOnce(deps.ledger, key('sms'), {
      send: () =>
        traceCall('herald.send sms', { 'herald.delivery_key': deliveryKey('sms') }, () =>
          deps.sms.send({ to, body: message.sms, deliveryKey: deliveryKey('sms') }),
        ),
      findSent: (reservedAt) => deps.sms.findSent(deliveryKey('sms'), to, since(reservedAt), message.sms),
    });
    reached = record(summary, 'sms', contact.id, outcome, await auditDelivery(deps, key('sms'), outcome)) || reached;
    countDelivery('sms', outcome, ledgerMilestone);
  }
  if (reached) summary.reached++;
}

/** The email of `message` to one contact. */
function emailOf(to: string, contact: Contact, message: RenderedMessage, deliveryKey: string): EmailMessage {
  return {
    to,
    toName: contact.name,
    subject: message.subject,
    text: message.text,
    deliveryKey,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}

/**
 * Each channel once, straight to the provider: a refusal is the person's outcome, any other failure
 * is recorded as not reached (the procedure never schedules this send again, so nothing is retried).
 */
async function sendUnledgered(
  deps: ActivityDeps,
  target: Parameters<typeof sendToContact>[1],
  summary: DeliverySummary,
): Promise<void> {
  const { incidentId, ledgerMilestone, contact, message } = target;
  const use = (channel: Channel) => target.channels === undefined || target.channels.includes(channel);
  const deliveryKey = (channel: Channel) => `${incidentId}/${ledgerMilestone}/${contact.id}/${channel}`;
  const sends: { channel: Channel; send: () => Promise<SendReceipt> }[] = [];
  if (contact.email && use('email')) {
    const to = contact.email;
    sends.push({
      channel: 'email',
      send: () => deps.email.send(emailOf(to, contact, message, deliveryKey('email'))),
    });
  }
  if (contact.phone && use('sms')) {
    const to = contact.phone;
    sends.push({
      channel: 'sms',
      send: () => deps.sms.send({ to, body: message.sms, deliveryKey: deliveryKey('sms') }),
    });
  }
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
