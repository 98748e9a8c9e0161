/** The warning to a credential's owners before it expires: English, the credential id first. */
import { formatInstant, oneLine } from '../../../../activities/documents/format.ts';
import type { RenderedMessage } from '../../../../activities/documents/message-types.ts';
import { fitSms } from '../../../../activities/documents/sms.ts';

export interface CredentialWarningInput {
  credential: string;
  /** For people: "TLS certificate of api.example.com:443". */
  description: string;
  /** ISO instant. */
  expiresAt: string;
  /** The threshold this warning is for (72, 24). */
  thresholdHours: number;
  /** Hours left when the watch looked. */
  hoursLeft: number;
  /** ISO instant of the check. */
  checkedAt: string;
}

export function renderCredentialWarning(input: CredentialWarningInput): RenderedMessage {
  const left = Math.max(0, Math.floor(input.hoursLeft));
  const expires = formatInstant(input.expiresAt);
  const what = oneLine(input.description);
  return {
    subject: `[Herald] ${input.credential} expires in ${left} h (${expires})`,
    text:
      [
        `${what} expires at ${expires}, in about ${left} hours (checked ${formatInstant(input.checkedAt)}).`,
        '',
        `Credential: ${input.credential}`,
        `Warning: ${input.thresholdHours} h before expiry (sent once)`,
        '',
        'Renew or rotate it before then. If it expires or is refused, Herald opens a',
        'compliance-lockout procedure automatically.',
      ].join('\n') + '\n',
    sms: fitSms({
      head: `Herald: ${input.credential} expires ${expires} (${left} h).`,
      body: what,
      tail: 'Renew or rotate it.',
    }),
  };
}
