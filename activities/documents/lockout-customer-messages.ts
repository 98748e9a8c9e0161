/**
 * Messages of the compliance-lockout procedure to enterprise customers (their business owners,
 * security and procurement contacts) and to our account owners, rendered from the template
 * registry (seed/lockout-*.ts). Customer-facing: plain words, no internal commands, the lockout id
 * as the reference to quote; in the reader's language where a variant exists.
 */
import type { LockoutIncident, LockoutScope } from '../../workflows/domain/lockout.ts';
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { LockoutTemplateParams } from './lockout-message-types.ts';
import type { RenderedMessage } from './message-types.ts';

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

/**
 * Renders one customer-facing lockout message from `templates` for a reader of `locale` (absent →
 * English) whose dates are written in `timeZone` (absent → UTC).
 */
export function renderLockoutCustomerMessage(
  input: LockoutCustomerMessageInput,
  templates: TemplateSource = BUILT_IN_TEMPLATES,
  locale?: string,
  timeZone?: string,
): RenderedMessage {
  const id = `lockout-${input.template}` satisfies keyof LockoutTemplateParams;
  const params = {
    ...input.params,
    incident: input.incident,
    scope: input.scope,
    accountName: input.accountName,
    ...(timeZone === undefined ? {} : { timeZone }),
  };
  return templates.render(id, locale, params);
}
