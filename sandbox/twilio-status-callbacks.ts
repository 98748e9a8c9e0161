/**
 * Twilio's status callbacks as the sandbox sends them: one form POST per status change, signed with
 * X-Twilio-Signature = base64 HMAC-SHA1 (auth token) of the callback URL followed by the sorted
 * parameters, each name then value.
 */
import { createHmac } from 'node:crypto';
import type { AcceptedSms } from './request-log.ts';

/** The callbacks' parameters for one SMS, in order: queued, sent, then delivered or undelivered. */
export function twilioStatusCallbacks(
  sms: AcceptedSms,
  accountSid: string,
  errorCode: number | undefined,
): Record<string, string>[] {
  const statuses = ['queued', 'sent', errorCode === undefined ? 'delivered' : 'undelivered'];
  return statuses.map((status, i) => ({
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    From: sms.from,
    To: sms.to,
    MessageSid: sms.sid,
    SmsSid: sms.sid,
    MessageStatus: status,
    SmsStatus: status,
    ...(errorCode !== undefined && i === statuses.length - 1 ? { ErrorCode: String(errorCode) } : {}),
  }));
}

/** The headers of a status callback to `url` with `params`. */
export function signTwilioCallback(
  authToken: string,
  url: string,
  params: Record<string, string>,
): Record<string, string> {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': createHmac('sha1', authToken).update(data, 'utf8').digest('base64'),
  };
}
