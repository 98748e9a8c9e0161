/**
 * Messages of the compliance-lockout procedure to enterprise customers (their business owners,
 * security and procurement contacts) and to our account owners. Customer-facing: plain words, no
 * internal commands, the lockout id as the reference to quote.
 */
import type { LockoutIncident, LockoutScope } from '../../../../workflows/domain/lockout.ts';
import { formatInstant, oneLine } from '../../../../activities/documents/format.ts';
import type { RenderedMessage } from '../../../../activities/documents/message-types.ts';
import { fitSms } from '../../../../activities/documents/sms.ts';

export const LOCKOUT_CUSTOMER_TEMPLATES = [
  'customer-notice',
  'procurement-notice',
  'procurement-escalation',
  'customer-resolution',
] as const;
export type LockoutCustomerTemplateId = (typeof LOCKOUT_CUSTOMER_TEMPLATES)[number];

export interface LockoutCustomerMessageInput {
  template: LockoutCustomerTemplateId;
  incident: LockoutIncident;
  scope: LockoutScope;
  /** The customer account the message is about. */
  accountName: string;
  /** Template-specific values: cadence, document version, root cause, unacknowledged since… */
  params: Record<string, string>;
}

const SURFACE_WORDS: Record<LockoutScope['surfaces'][number], string> = {
  checkout: 'checkout',
  accounts: 'account management',
  discovery: 'product discovery',
  'sync-jobs': 'data synchronisation',
};

const lines = (...xs: string[]): string => xs.join('\n') + '\n';
const affected = (scope: LockoutScope): string => scope.surfaces.map((s) => SURFACE_WORDS[s]).join(', ');

/** Renders one customer-facing lockout message. */
export function renderLockoutCustomerMessage(input: LockoutCustomerMessageInput): RenderedMessage {
  const { incident: i, scope, params, accountName } = input;
  const ref = `Reference: ${i.lockoutId}`;
  const since = `Since ${formatInstant(i.detectedAt)}`;
  switch (input.template) {
    case 'customer-notice':
      return {
        subject: `Service notice for ${accountName}: ${affected(scope)} degraded (${i.lockoutId})`,
        text: lines(
          `Dear ${accountName} team,`,
          '',
          `${since}, a security control has blocked our platform's CRM integrations. As a result, ${affected(scope)} ` +
            `may be degraded in ${scope.regions.join(', ')}.`,
          'The control acted as designed; our engineering and compliance teams are working on it now.',
          '',
          `We will send status updates every ${params.cadence ?? 'hour'} until it is resolved.`,
          ref,
        ),
        sms: fitSms({
          head: `Service notice ${i.lockoutId}:`,
          body: `${affected(scope)} degraded (${scope.regions.join('/')}). Updates every ${params.cadence ?? 'hour'} by email.`,
        }),
      };
    case 'procurement-notice':
      return {
        subject: `Vendor assessment update for ${accountName}: integration lockout ${i.lockoutId}`,
        text: lines(
          `Dear ${accountName} procurement and security team,`,
          '',
          `${since}, a security control has blocked our platform's CRM integrations (${affected(scope)} degraded in ` +
            `${scope.regions.join(', ')}).`,
          `Attached are our pre-approved vendor-assessment answers, version ${params.documentVersion ?? '?'}, ` +
            'covering data impact, certifications and how we keep you informed.',
          '',
          'Please confirm receipt by replying to this message or to your account owner.',
          ref,
        ),
        sms: fitSms({
          head: `Vendor notice ${i.lockoutId}:`,
          body: `integration lockout affecting ${accountName}. Assessment answers v${params.documentVersion ?? '?'} sent by email; please confirm receipt.`,
        }),
      };
    case 'procurement-escalation':
      return {
        subject: `[Herald] ${accountName} procurement has not confirmed the lockout notice (${i.lockoutId})`,
        text: lines(
          `You own the account ${accountName}. Its procurement and security contacts were sent the vendor-assessment ` +
            `answers (version ${params.documentVersion ?? '?'}) at ${params.noticeSentAt ? formatInstant(params.noticeSentAt) : '?'} ` +
            'and have not confirmed receipt.',
          '',
          `Lockout: ${oneLine(i.title)} (${i.lockoutId})`,
          '',
          'Please contact them directly, then record it with:',
          `  herald lockout procurement ${i.lockoutId} --account ${params.accountId ?? '<account id>'} --as <you> --note "…"`,
        ),
        sms: fitSms({
          head: `Herald ${i.lockoutId}:`,
          body: `${accountName} procurement has not confirmed the lockout notice. Please call them.`,
        }),
      };
    case 'customer-resolution':
      return {
        subject: `Resolved: service notice ${i.lockoutId} for ${accountName}`,
        text: lines(
          `Dear ${accountName} team,`,
          '',
          `The integration lockout reported earlier is resolved${params.resolvedAt ? ` as of ${formatInstant(params.resolvedAt)}` : ''}; ` +
            `${affected(scope)} work normally again.`,
          `Cause: ${oneLine(params.rootCause ?? 'under review')}`,
          '',
          'A post-incident report is available from your account owner on request.',
          ref,
        ),
        sms: fitSms({ head: `Resolved ${i.lockoutId}:`, body: `${affected(scope)} work normally again.` }),
      };
  }
}
