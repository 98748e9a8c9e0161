/**
 * Typed parameters of the registry templates beyond the data-leak procedure's: the lockout
 * procedure's staff, customer and procurement messages and report cover, and the procedure-agnostic
 * service-problem and legal-clock notices. Optional strings are what the workflow may leave out.
 */
import type { LockoutIncident, LockoutScope } from '../../workflows/domain/lockout.ts';
import type { LockoutReportKind } from '../../workflows/domain/lockout-status.ts';
import type { LegalClockNotice } from './legal-clock-notice.ts';
import type { ServiceProblem } from './service-problem.ts';

/** What every lockout message names: the lockout and its current scope (it may have changed since the trigger). */
export interface LockoutRef {
  incident: LockoutIncident;
  scope: LockoutScope;
}

/** A customer-facing lockout message: about one customer account, dates in the reader's zone. */
export interface CustomerRef extends LockoutRef {
  accountName: string;
  /** The reader's IANA zone; absent: UTC. */
  timeZone?: string;
}

export interface LockoutTemplateParams {
  /** First alert to the on-call engineer and compliance. */
  'lockout-alert': LockoutRef;
  /** Alert moved up the ladder (unacknowledged, or escalated by hand with a reason). */
  'lockout-escalation': LockoutRef & { level?: string; reason?: string; page?: string };
  /** Heads-up to the lockout's stakeholders; `cadence` in words ("hour", "2 hours", "30 minutes"). */
  'lockout-stakeholder-notice': LockoutRef & { cadence?: string };
  /** Status update while the lockout lasts, with the approved text when there is one. */
  'lockout-status-update': LockoutRef & { sequence?: string; approvedText?: string; nextAt?: string };
  /** The lockout is resolved. */
  'lockout-resolution': LockoutRef & { resolvedAt?: string; rootCause?: string };
  /** A lockout milestone passed its deadline unmet. */
  'lockout-deadline-missed': LockoutRef & { title?: string; milestone?: string; dueAt?: string };
  /** Cover of a lockout report sent to compliance; `reportText` is the stored report, the body verbatim. */
  'lockout-report-cover': { lockoutId: string; kind: LockoutReportKind; sha256: string; reportText: string };
  /** Service notice to a customer's business and security contacts. */
  'lockout-customer-notice': CustomerRef & { cadence?: string };
  /** Vendor-assessment answers to a customer's procurement and security contacts. */
  'lockout-procurement-notice': CustomerRef & { documentVersion?: string };
  /** To our account owner: the customer's procurement has not confirmed the notice. */
  'lockout-procurement-escalation': CustomerRef & {
    documentVersion?: string;
    noticeSentAt?: string;
    accountId?: string;
  };
  /** The customer's service works again. */
  'lockout-customer-resolution': CustomerRef & { resolvedAt?: string; rootCause?: string };
  /** A service stopped working for a procedure (either procedure). */
  'service-problem': ServiceProblem;
  /** A legal clock at risk or missed (either procedure). */
  'legal-clock-notice': LegalClockNotice;
}

export const LOCKOUT_TEMPLATE_IDS = [
  'lockout-alert',
  'lockout-escalation',
  'lockout-stakeholder-notice',
  'lockout-status-update',
  'lockout-resolution',
  'lockout-deadline-missed',
  'lockout-report-cover',
  'lockout-customer-notice',
  'lockout-procurement-notice',
  'lockout-procurement-escalation',
  'lockout-customer-resolution',
  'service-problem',
  'legal-clock-notice',
] as const satisfies readonly (keyof LockoutTemplateParams)[];
