/**
 * The compliance-lockout crisis plan as data: phases from awareness (`detectedAt`), and the cadence
 * of status updates until the lockout is resolved. Demos compress it with a time scale only.
 */
import type { MilestoneDefinition } from './policy.ts';
import type { Severity } from './incident.ts';

export const LOCKOUT_MILESTONE_IDS = [
  'technical-alert',
  'stakeholder-notice',
  'compliance-report',
  'resolution-notice',
  'post-incident-report',
] as const;
export type LockoutMilestoneId = (typeof LOCKOUT_MILESTONE_IDS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LOCKOUT_MILESTONES: readonly MilestoneDefinition<LockoutMilestoneId>[] = [
  {
    id: 'technical-alert',
    title: 'Technical alert to engineering and compliance on-call',
    dueAfterMs: 15 * MINUTE,
    source: 'Herald crisis communication plan (ISO 27001:2022 A.5.24, A.5.26)',
  },
  {
    id: 'stakeholder-notice',
    title: 'Stakeholder notice to business owners',
    dueAfterMs: 60 * MINUTE,
    source: 'Herald crisis communication plan (ISO 27001:2022 A.5.24)',
  },
  {
    id: 'compliance-report',
    title: 'Formal compliance status report',
    dueAfterMs: 4 * HOUR,
    source: 'Herald crisis communication plan (ISO 27001:2022 A.5.25)',
  },
  {
    id: 'resolution-notice',
    title: 'Resolution notice',
    dueAfterMs: null,
    source: 'Herald crisis communication plan: when the lockout is resolved',
  },
  {
    id: 'post-incident-report',
    title: 'Post-incident report',
    dueAfterMs: null,
    source: 'Herald crisis communication plan (ISO 27001:2022 A.5.27: learning from incidents)',
  },
];

/** Status updates go out this often until resolution (SEV1 = critical: hourly). */
export const STATUS_UPDATE_INTERVAL_MS: Record<Severity, number> = {
  critical: 1 * HOUR,
  high: 2 * HOUR,
  medium: 4 * HOUR,
  low: 8 * HOUR,
};

export interface LockoutTiming {
  /** Unacknowledged technical alert → next on-call level after this long. */
  ackEscalationIntervalMs: number;
  /** Between status updates, from the stakeholder notice until resolution. */
  statusUpdateIntervalMs: number;
  /** The compliance report is generated this long before its deadline at the latest. */
  reportLeadMs: number;
  /** An at-risk account's procurement notice unconfirmed this long → its account owner. */
  procurementAckTimeoutMs: number;
  /** A blocked service is re-checked this often (absent in procedures begun before blocking existed). */
  blockedRecheckMs?: number;
  /** A legal clock is warned at risk this long before it is due (at most half its period). */
  legalClockSlackMs?: number;
}

export const LOCKOUT_DEFAULT_TIMING: Omit<Required<LockoutTiming>, 'statusUpdateIntervalMs'> = {
  ackEscalationIntervalMs: 5 * MINUTE,
  reportLeadMs: 30 * MINUTE,
  procurementAckTimeoutMs: 2 * HOUR,
  blockedRecheckMs: 5 * MINUTE,
  legalClockSlackMs: 24 * HOUR,
};
