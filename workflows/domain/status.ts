/** The procedure's state as the `status` query, the report and the CLI see it. Plain JSON only. */
import type { FollowUpResult } from '../../activities/index.ts';
import type { BlockedService } from './blocked.ts';
import type { FanoutEstimate } from './fanout-estimate.ts';
import type { Severity } from './incident.ts';
import type { MilestoneId } from './policy.ts';

export const MILESTONE_STATES = ['pending', 'met', 'missed', 'skipped'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export interface MilestoneStatus<Id extends string = MilestoneId> {
  id: Id;
  title: string;
  /** ISO instant; null when the milestone has no fixed clock. */
  dueAt: string | null;
  state: MilestoneState;
  /** When the milestone's work completed (may be after dueAt for a missed one). */
  completedAt?: string;
  /** Why it was skipped, or what happened. */
  note?: string;
  source: string;
}

export const ROLES = ['responder', 'legal', 'compliance', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

export interface NoticeDraft {
  version: number;
  sha256: string;
  /** True when drafted after the deadline: the text carries the reasons for the delay. */
  late: boolean;
  state: 'pending-approval' | 'approved' | 'rejected' | 'sent';
  createdAt: string;
}

export interface DeliveryCounts {
  accepted: number;
  failed: number;
  duplicatesSkipped: number;
}

/** A legal clock the regulatory engine derived from the incident's facts. */
export interface LegalClock {
  id: string;
  regime: string;
  jurisdiction: string;
  title: string;
  recipient: string;
  startEvent: string;
  /** ISO instant; null for "without undue delay" duties. */
  dueAt: string | null;
  period: string;
  /** Instrument, provision and the date the rule was checked. */
  source: string;
  inForce: boolean;
  /** When the clock started (the start event's time). */
  startedAt?: string;
  /**
   * Procedures that enforce their clocks: `pending` until met — Herald's own notice accepted for
   * the recipient, or an operator's recorded filing — or `missed` once the due time passed first.
   */
  state?: 'pending' | 'met' | 'missed';
  /** When it was met (the acceptance or the filing time); a missed clock met late keeps `missed`. */
  metAt?: string;
  /** Herald sends this notice itself, or tracks a filing an operator makes and records. */
  meansOfMeeting?: 'herald-sends' | 'operator-files';
  /** The recorded filing that met it. */
  submission?: { reference: string; filedBy: string; recordedBy: string };
  /** When the at-risk warning went out. */
  warnedAt?: string;
}

/**
 * The approved notice and the authority: `sending` until a provider accepted it for the authority's
 * address (`accepted`), or every address refused it (`refused`, legal and the DPO told, waiting for
 * an operator's `retry` once the address is fixed).
 */
export interface AuthorityDelivery {
  version: number;
  state: 'sending' | 'accepted' | 'refused';
  acceptedAt?: string;
  problem?: string;
  /** Resends after refusals. */
  resends: number;
}

/**
 * The audit chain's entry a procedure wrote last, as the store answered: its place and hash. Kept in
 * the status and, with every write's result, in the procedure's Temporal history, outside the
 * database: `herald audit verify --histories` checks the chain still holds it.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type ProcedurePhase = 'active' | 'paused' | 'closed' | 'completed';

export interface ProcedureStatus {
  incidentId: string;
  severity: Severity;
  detectedAt: string;
  phase: ProcedurePhase;
  milestones: MilestoneStatus[];
  acknowledgement: { by: Actor; at: string } | null;
  /** 0 = first on-call level; each unacknowledged interval moves one level up. */
  escalationLevel: number;
  authorityNotice: {
    draft: NoticeDraft | null;
    /** Approvals awaited from whom, in words, e.g. "legal approval of draft v2 (sha256 …)". */
    pendingApprovals: string[];
    rejections: { by: string; reason: string; at: string; version: number }[];
    /** Where the approved notice stands with the authority's address (procedures since acceptance times). */
    delivery?: AuthorityDelivery;
  };
  affectedPeople: {
    total: number | null;
    notified: number;
    /** When the mass notification is expected to finish, once it started. */
    estimate?: FanoutEstimate;
    /** The next-channel pass after the providers' delivery reports (with callbacks on). */
    followUp?: FollowUpResult;
  };
  deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
  /** ISO instant of the nearest pending deadline, if any. */
  nextDeadline: string | null;
  /** Every legal clock from the regulatory engine, once the affected people are known. */
  legalClocks?: LegalClock[];
  /** Services a failure holds up, and the steps waiting on them. */
  blocked?: BlockedService[];
  /** The audit entry this procedure wrote last (procedures on workers that report it). */
  auditHead?: AuditHead;
  closedReason?: string;
}
