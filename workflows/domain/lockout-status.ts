/** The lockout procedure's state as its `status` query, the reports and the CLI see it. */
import type { BlockedService } from './blocked.ts';
import type { Severity } from './incident.ts';
import type { LockoutCause, LockoutRegulatory, LockoutScope } from './lockout.ts';
import type { LockoutMilestoneId } from './lockout-policy.ts';
import type {
  Actor,
  AuditHead,
  DeliveryCounts,
  LegalClock,
  MilestoneStatus,
  ProcedurePhase,
  ProcedureStatus,
} from './status.ts';

/** The lockout's reports, each also a milestone. */
export type LockoutReportKind = 'compliance-report' | 'post-incident-report';

/** The GDPR assessment child procedure, as far as this procedure knows it. */
export interface GdprAssessment {
  workflowId: string;
  startedAt: string;
  /** Why it started: at trigger, or a scope change reported mid-flight. */
  trigger: 'at-start' | 'scope-change';
  state: 'running' | 'completed' | 'failed';
  /** The child's final milestones, once it has finished. */
  milestones?: ProcedureStatus['milestones'];
}

/** The contact snapshot a customer notice was sent from: its age goes into every audit entry. */
export interface SnapshotFacts {
  snapshotId: string;
  takenAt: string;
  /** Hours between the snapshot and the send, one decimal. */
  ageHours: number;
}

/** The procedure's enterprise customers: where their contacts came from and what they were sent. */
export interface CustomerContactsStatus {
  /** Live from the CRM, the last-known-good snapshot (CRM down), or none to be had. */
  source: 'crm' | 'snapshot' | 'unavailable';
  snapshotId: string | null;
  takenAt: string | null;
  /** Age of the snapshot when the procedure resolved its customers (0 for a live read). */
  ageHours: number | null;
  accounts: number;
  contacts: number;
  crmError?: string;
  /** The customer notice to business owners and security contacts, once sent. */
  notice: { sentAt: string; accountsReached: number } | null;
  /** The resolution notice to the same contacts, once sent. */
  resolutionNotice: { sentAt: string; accountsReached: number } | null;
}

/** One at-risk enterprise account on the procurement-escalation track. */
export interface ProcurementAccount {
  accountId: string;
  accountName: string;
  /**
   * pending: not yet sent; notified: sent, awaiting confirmation; unreachable: no contact could be
   * reached; escalated: its account owner was asked to step in; acknowledged: confirmed.
   */
  state: 'pending' | 'notified' | 'unreachable' | 'escalated' | 'acknowledged';
  noticeSentAt: string | null;
  /** The vendor-assessment version sent, and its SHA-256. */
  document: { version: string; sha256: string } | null;
  escalatedAt: string | null;
  acknowledgement: { by: string; at: string; note?: string } | null;
}

export interface LockoutStatus {
  lockoutId: string;
  severity: Severity;
  cause: LockoutCause;
  detectedAt: string;
  phase: ProcedurePhase;
  scope: LockoutScope;
  /** The regulatory facts known so far (trigger plus scope changes). */
  regulatory: LockoutRegulatory;
  /** Every legal clock the regulatory engine derives from the scope and those facts. */
  legalClocks: LegalClock[];
  milestones: MilestoneStatus<LockoutMilestoneId>[];
  acknowledgement: { by: Actor; at: string } | null;
  escalationLevel: number;
  statusUpdates: {
    sent: number;
    /** When the next one goes out; null before the stakeholder notice and after resolution. */
    nextAt: string | null;
    /** The text an operator approved for the updates, if any. */
    approvedText: { text: string; by: string; at: string } | null;
  };
  gdprAssessment: GdprAssessment | null;
  /** Null until resolved at the start (and for procedures begun before customer contacts existed). */
  customers: CustomerContactsStatus | null;
  /** At-risk accounts' procurement track; empty when none. */
  procurement: ProcurementAccount[];
  resolution: { rootCause: string; by: string; at: string } | null;
  deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
  nextDeadline: string | null;
  /** Services a failure holds up, and the steps waiting on them. */
  blocked?: BlockedService[];
  /** The audit entry this procedure wrote last (procedures on workers that report it). */
  auditHead?: AuditHead;
  closedReason?: string;
}
