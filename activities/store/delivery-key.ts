/**
 * The delivery key as it travels with a message (SendGrid custom_args, Twilio StatusCallback):
 * `<incidentId>/<milestone>/<recipientId>/<channel>`, the ledger key in one string.
 */
import type { DeliveryKey } from '../ports.ts';
import type { LedgerChannel } from '../../workflows/domain/contacts.ts';

const CHANNELS: readonly LedgerChannel[] = ['email', 'sms', 'chat'];

/** Longest key accepted back from a provider; ours are far shorter. */
const MAX_KEY_LENGTH = 1024;

/** The key's wire form, as send-to-contact.ts writes it. */
export function formatDeliveryKey(key: DeliveryKey): string {
  return `${key.incidentId}/${key.milestone}/${key.recipientId}/${key.channel}`;
}

/**
 * The ledger key in `text`, or undefined when it is not one. Incident ids and milestones never
 * contain `/` (business ids and `name:version` milestones), so a recipient id that does keeps it.
 */
export function parseDeliveryKey(text: string): DeliveryKey | undefined {
  if (text.length > MAX_KEY_LENGTH || [...text].some((ch) => ch.charCodeAt(0) < 0x20)) return undefined;
  const parts = text.split('/');
  if (parts.length < 4) return undefined;
  const [incidentId = '', milestone = ''] = parts;
  const channel = parts.at(-1) as LedgerChannel;
  const recipientId = parts.slice(2, -1).join('/');
  if (!incidentId || !milestone || !recipientId || !CHANNELS.includes(channel)) return undefined;
  return { incidentId, milestone, recipientId, channel };
}
