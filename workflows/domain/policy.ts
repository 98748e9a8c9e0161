/**
 * The data-leak procedure's milestones as data. Durations count from `detectedAt` (awareness), so
 * an incident reported late has less time. Production values follow the notification plan; demos
 * compress them with a time scale, never by editing this table.
 */

export const MILESTONE_IDS = [
  'ops-alert',
  'stakeholder-notice',
  'compliance-report',
  'authority-notice',
  'affected-people',
] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

export interface MilestoneDefinition<Id extends string = MilestoneId> {
  id: Id;
  title: string;
  /** Deadline after awareness, in milliseconds; null for "without undue delay" (no fixed clock). */
  dueAfterMs: number | null;
  /** Where the deadline comes from. */
  source: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DATA_LEAK_MILESTONES: readonly MilestoneDefinition[] = [
  {
    id: 'ops-alert',
    title: 'Ops alert to incident-response on-call',
    dueAfterMs: 15 * MINUTE,
    source: 'Herald incident-response policy (ISO 27001:2022 A.5.24–A.5.26)',
  },
  {
    id: 'stakeholder-notice',
    title: 'Stakeholder notice (DPO, legal, CISO, registrar, communications)',
    dueAfterMs: 60 * MINUTE,
    source: 'Herald incident-response policy (ISO 27001:2022 A.5.24)',
  },
  {
    id: 'compliance-report',
    title: 'Formal compliance status report',
    dueAfterMs: 4 * HOUR,
    source: 'Herald incident-response policy (ISO 27001:2022 A.5.25)',
  },
  {
    id: 'authority-notice',
    title: 'Supervisory-authority notice',
    dueAfterMs: 72 * HOUR,
    source: 'GDPR Art. 33(1): without undue delay and, where feasible, not later than 72 hours',
  },
  {
    id: 'affected-people',
    title: 'Affected people notified',
    dueAfterMs: null,
    source: 'GDPR Art. 34(1): without undue delay, once legal approves',
  },
];

/**
 * Which channels the affected people's notice uses: every address a person has, or email first
 * with SMS only for people without a usable address and for those whose email bounced.
 */
export const AFFECTED_CHANNEL_POLICIES = ['all', 'email-first'] as const;
export type AffectedChannelPolicy = (typeof AFFECTED_CHANNEL_POLICIES)[number];

/** Tunable intervals of the procedure (not legal deadlines). */
export interface ProcedureTiming {
  /** Unacknowledged ops alert → next level of the on-call ladder after this long. */
  ackEscalationIntervalMs: number;
  /** Authority notice still unapproved this long before its deadline → escalate to legal. */
  approvalEscalationLeadMs: number;
  /** The compliance report is generated this long before its deadline at the latest. */
  reportLeadMs: number;
  /** Affected people are notified in batches of this many. */
  notifyBatchSize: number;
  /**
   * The affected-people notice ("without undue delay") must finish within this long of its start:
   * the deadline the fan-out's estimate is held against.
   */
  affectedPeopleTargetMs: number;
  /**
   * With delivery callbacks on: how long after the fan-out the providers' bounce and undelivered
   * reports are collected before the next channel is tried.
   */
  deliveryReportWindowMs: number;
  /** A blocked service is re-checked this often (absent in procedures begun before blocking existed). */
  blockedRecheckMs?: number;
  /** A legal clock is warned at risk this long before it is due (at most half its period). */
  legalClockSlackMs?: number;
}

/** Operational intervals are compressed with the demos' time scale, but never below this. */
export const MIN_RECHECK_MS = 5_000;

export const DEFAULT_TIMING: Required<ProcedureTiming> = {
  ackEscalationIntervalMs: 5 * MINUTE,
  approvalEscalationLeadMs: 24 * HOUR,
  reportLeadMs: 30 * MINUTE,
  notifyBatchSize: 250,
  affectedPeopleTargetMs: 24 * HOUR,
  deliveryReportWindowMs: 30 * MINUTE,
  blockedRecheckMs: 5 * MINUTE,
  legalClockSlackMs: 24 * HOUR,
};
