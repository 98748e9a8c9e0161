/**
 * SendGrid's signed Event Webhook as the sandbox sends it: events in the shape SendGrid posts
 * (custom args as top-level fields), signed with ECDSA P-256 / SHA-256 over timestamp + body.
 */
import { randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { AcceptedEmail } from './request-log.ts';

/** What becomes of one email. */
export type EmailOutcome = 'delivered' | 'bounce' | 'dropped';

/** Per outcome, the events SendGrid reports in order, with their event-specific fields. */
const SEQUENCES: Record<EmailOutcome, Record<string, string>[]> = {
  delivered: [{ event: 'processed' }, { event: 'delivered', response: '250 2.0.0 OK queued' }],
  bounce: [
    { event: 'processed' },
    { event: 'deferred', response: '451 4.7.1 Greylisted, try again later', attempt: '1' },
    {
      event: 'bounce',
      type: 'bounce',
      status: '5.1.1',
      reason: '550 5.1.1 The email account that you tried to reach does not exist.',
      bounce_classification: 'Invalid Address',
    },
  ],
  dropped: [{ event: 'processed' }, { event: 'dropped', reason: 'Bounced Address', status: '5.0.0' }],
};

/**
 * The Event Webhook batches for the recipients of one mail/send request: one batch per step (all
 * processed events, then the next step's…), or with `onePerBatch` one event per batch.
 */
export function sendgridEventBatches(
  rows: readonly AcceptedEmail[],
  outcome: (to: string) => EmailOutcome,
  onePerBatch: boolean,
): Record<string, unknown>[][] {
  const steps: Record<string, unknown>[][] = [];
  rows.forEach((row, i) => {
    const timestamp = Math.floor(Date.parse(row.at) / 1000);
    SEQUENCES[outcome(row.to)].forEach((fields, step) => {
      (steps[step] ??= []).push({
        email: row.to,
        timestamp: timestamp + step,
        'smtp-id': `<${row.messageId}@sandbox.sendgrid>`,
        ...fields,
        sg_event_id: randomBytes(16).toString('base64url'),
        sg_message_id: `${row.messageId}.filterdrecv-sandbox-${i}.0`,
        category: [],
        ...row.customArgs,
      });
    });
  });
  return onePerBatch ? steps.flat().map((event) => [event]) : steps;
}

/** The signature headers for `body`, signed now. */
export function signSendgridBatch(privateKey: KeyObject, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body, 'utf8'), privateKey).toString('base64');
  return {
    'content-type': 'application/json',
    'x-twilio-email-event-webhook-signature': signature,
    'x-twilio-email-event-webhook-timestamp': timestamp,
  };
}
