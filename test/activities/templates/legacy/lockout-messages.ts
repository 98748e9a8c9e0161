/**
 * Messages of the compliance-lockout crisis plan, to staff: English, short, the lockout id first so
 * a truncated SMS still says which crisis it is about.
 */
import type { LockoutIncident, LockoutScope } from '../../../../workflows/domain/lockout.ts';
import { formatInstant, oneLine } from '../../../../activities/documents/format.ts';
import type { RenderedMessage } from '../../../../activities/documents/message-types.ts';
import { fitSms } from '../../../../activities/documents/sms.ts';

export const LOCKOUT_TEMPLATES = [
  'lockout-alert',
  'lockout-escalation',
  'lockout-stakeholder-notice',
  'lockout-status-update',
  'lockout-resolution',
  'deadline-missed',
] as const;
export type LockoutTemplateId = (typeof LOCKOUT_TEMPLATES)[number];

export interface LockoutMessageInput {
  template: LockoutTemplateId;
  incident: LockoutIncident;
  /** The current scope (it may have changed since the trigger). */
  scope: LockoutScope;
  /** Template-specific values the workflow knows (level, sequence, root cause…). */
  params: Record<string, string>;
}

const CAUSE_WORDS: Record<LockoutIncident['cause'], string> = {
  'token-expired-or-revoked': 'an expired or revoked integration token',
  'acl-mismatch': 'an access-control list mismatch blocking sync jobs',
  'certificate-chain-failure': 'a certificate-chain validation failure',
  'audit-log-lockout': 'an audit-log compliance lockout during a surveillance period',
  'data-residency-conflict': 'a data-residency conflict',
};

const lines = (...xs: string[]): string => xs.join('\n') + '\n';
const ack = (id: string) => `herald lockout ack ${id}`;

function scopeLines(scope: LockoutScope): string[] {
  return [
    `Degraded: ${scope.surfaces.join(', ')}`,
    `Regions: ${scope.regions.join(', ')}`,
    `EU personal-data processing interrupted: ${scope.euPersonalDataInterrupted ? 'YES (GDPR assessment running)' : 'no'}`,
  ];
}

/** Renders one lockout message; throws on an unknown template (a programming error). */
export function renderLockoutMessage(input: LockoutMessageInput): RenderedMessage {
  const { incident: i, scope, params } = input;
  const id = i.lockoutId;
  const sev = i.severity.toUpperCase();
  const head = [
    `Title: ${oneLine(i.title)}`,
    `Cause: ${CAUSE_WORDS[i.cause]}`,
    `Awareness (detected at): ${formatInstant(i.detectedAt)}`,
    ...scopeLines(scope),
  ];
  switch (input.template) {
    case 'lockout-alert':
      return {
        subject: `[Herald][${sev}] Compliance lockout ${id}: ${oneLine(i.title)}`,
        text: lines(
          `Compliance lockout ${id}: Salesforce integrations are blocked. An engineer and compliance are needed now.`,
          '',
          ...head,
          '',
          `Acknowledge with: ${ack(id)}`,
          'Until someone acknowledges, Herald escalates to the next on-call level.',
        ),
        sms: fitSms({
          head: `Herald ${id} ${sev} lockout:`,
          body: `${oneLine(i.title)}. ${scope.surfaces.join('/')} degraded.`,
          tail: `Ack: ${ack(id)}`,
        }),
      };
    case 'lockout-escalation':
      return {
        subject: `[Herald][${sev}][ESCALATION L${params.level ?? '?'}] Compliance lockout ${id}`,
        text: lines(
          `Escalation level ${params.level ?? '?'}: compliance lockout ${id} needs attention.`,
          params.reason ? `Reason: ${oneLine(params.reason)}` : 'Nobody has acknowledged the alert.',
          '',
          ...head,
          '',
          `Acknowledge with: ${ack(id)}`,
        ),
        sms: fitSms({
          head: `Herald ${id} ESCALATION L${params.level ?? '?'}${params.page ? ` page ${params.page}` : ''}:`,
          body: `${sev} lockout. ${params.reason ? oneLine(params.reason) : 'Unacknowledged.'}`,
          tail: `Ack: ${ack(id)}`,
        }),
      };
    case 'lockout-stakeholder-notice':
      return {
        subject: `[Herald][${sev}] Salesforce integrations locked out: ${oneLine(i.title)} (${id})`,
        text: lines(
          `A compliance lockout (${id}) is blocking the platform's Salesforce integrations.`,
          '',
          ...head,
          '',
          oneLine(i.description),
          '',
          `Status updates follow every ${params.cadence ?? 'hour'} until the lockout is resolved.`,
        ),
        sms: fitSms({
          head: `Herald ${id}:`,
          body: `Salesforce integrations locked out (${scope.surfaces.join('/')} degraded, ${scope.regions.join('/')}).`,
          tail: 'Details by email.',
        }),
      };
    case 'lockout-status-update':
      return {
        subject: `[Herald] Status update ${params.sequence ?? ''} on lockout ${id}: ${oneLine(i.title)}`,
        text: lines(
          `Status update ${params.sequence ?? ''} on compliance lockout ${id} (still unresolved).`,
          '',
          ...head,
          '',
          params.approvedText ? oneLine(params.approvedText) : 'Engineering and compliance are working on it.',
          '',
          params.nextAt ? `Next update by ${formatInstant(params.nextAt)}.` : '',
        ),
        sms: fitSms({
          head: `Herald ${id} update ${params.sequence ?? ''}:`,
          body: params.approvedText ? oneLine(params.approvedText) : 'Lockout unresolved; teams working on it.',
        }),
      };
    case 'lockout-resolution':
      return {
        subject: `[Herald] Resolved: compliance lockout ${id}: ${oneLine(i.title)}`,
        text: lines(
          `Compliance lockout ${id} is resolved; the Salesforce integrations are unblocked.`,
          '',
          ...head,
          `Resolved at: ${params.resolvedAt ? formatInstant(params.resolvedAt) : 'now'}`,
          `Root cause: ${oneLine(params.rootCause ?? 'not stated')}`,
          '',
          'A post-incident report follows.',
        ),
        sms: fitSms({ head: `Herald ${id} RESOLVED:`, body: oneLine(params.rootCause ?? '') }),
      };
    case 'deadline-missed':
      return {
        subject: `[Herald][DEADLINE MISSED] Lockout ${id}: ${oneLine(params.title ?? '')}`,
        text: lines(
          `A deadline of compliance lockout ${id} has passed without the milestone being met.`,
          '',
          `Milestone: ${oneLine(params.title ?? '')} (${params.milestone ?? ''})`,
          `Was due at: ${params.dueAt ? formatInstant(params.dueAt) : '?'}`,
          '',
          'The miss is recorded in the audit log and the compliance report.',
        ),
        sms: fitSms({
          head: `Herald ${id} DEADLINE MISSED:`,
          body: `${oneLine(params.title ?? '')} was due ${params.dueAt ? formatInstant(params.dueAt) : '?'}.`,
        }),
      };
  }
}
