/** The lockout procedure's state as its `status` query, the reports and the CLI see it. */
import type { Severity } from './incident.ts';
import type { LockoutCause, LockoutScope } from './lockout.ts';
import type { LockoutMilestoneId } from './lockout-policy.ts';
import type { Actor, DeliveryCounts, MilestoneStatus, ProcedurePhase, ProcedureStatus } from './status.ts';

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

export interface LockoutStatus {
  lockoutId: string;
  severity: Severity;
  cause: LockoutCause;
  detectedAt: string;
  phase: ProcedurePhase;
  scope: LockoutScope;
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
  resolution: { rootCause: string; by: string; at: string } | null;
  deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
  nextDeadline: string | null;
  closedReason?: string;
}
