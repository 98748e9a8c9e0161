/**
 * The `herald_delivery_key` a provider echoes back, validated as a ledger key of the provider's
 * channel: a key Herald could not have written is refused by name (400), never guessed at.
 */
import { z } from 'zod';
import { parseDeliveryKey } from '../../../activities/store/delivery-key.ts';
import type { DeliveryEvent } from '../../../activities/store/delivery-status.ts';

/** The name under which the key travels (SendGrid custom arg, Twilio StatusCallback query parameter). */
export const DELIVERY_KEY_PARAM = 'herald_delivery_key';

/** A delivery key field for messages sent on `channel`. */
export function deliveryKeyField(channel: 'email' | 'sms') {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (parseDeliveryKey(value)?.channel === channel) return;
      const shown = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
      ctx.addIssue({
        code: 'custom',
        message: `malformed delivery key ${shown}: expected <incidentId>/<milestone>/<recipientId>/${channel}`,
      });
    })
    .meta({ description: `<incidentId>/<milestone>/<recipientId>/${channel}, as Herald sent it` });
}

/** The ledger key of a field {@link deliveryKeyField} accepted. */
export function ledgerKey(value: string): DeliveryEvent['key'] {
  const key = parseDeliveryKey(value);
  if (key === undefined) throw new Error(`delivery key ${JSON.stringify(value)} was not validated`);
  return key;
}
