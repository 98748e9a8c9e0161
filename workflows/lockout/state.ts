/** The lockout procedure's plain-JSON state and what is derived from it. */
import type { Drill } from '../domain/drill.ts';
import type { LockoutIncident } from '../domain/lockout.ts';
import { LOCKOUT_MILESTONES } from '../domain/lockout-policy.ts';
import type { LockoutMilestoneId, LockoutTiming } from '../domain/lockout-policy.ts';
import type { LockoutStatus } from '../domain/lockout-status.ts';
import type { MilestoneStatus } from '../domain/status.ts';
import { auditHeadDetails } from '../procedure/audit-head-details.ts';
import { blockedDetails } from '../procedure/blocked-details.ts';
import { legalClockDetails } from '../procedure/legal-clocks.ts';
import { earliest, findMilestone, milestonesFromPolicy, nextDeadlineOf } from '../procedure/milestones.ts';
import { mergeClocks, nextClockDeadline, scaleClock } from '../procedure/legal-clock-state.ts';
import type { OrganisationProfile } from '../domain/organisation-profile.ts';
import type { RegulatoryRecord } from '../domain/regulatory-record.ts';
import type { IdentityState } from '../procedure/identity.ts';
import type { TemplatePins } from '../domain/template-pins.ts';
import { lockoutLegalClocks } from './legal-clocks.ts';
import type { LockoutStart } from './start-input.ts';
import { lockoutTiming } from './start-input.ts';

export interface LockoutState {
  status: LockoutStatus;
  incident: LockoutIncident;
  timing: LockoutTiming;
  timeScale: number;
  /** Present on drills: the GDPR assessment runs as a drill of its own. */
  drill?: Drill;
  /** Milestones an operator asked to run now ('technical-alert': escalate the ladder now). */
  sendNow: string[];
  /** See CoreState: each channel its own step, blocked services, met by acceptance time. */
  resilient?: boolean;
  retryEpoch?: number;
  /** See CoreState: the first page waits for no audit write or key load. */
  firstPageFirst?: boolean;
  /** Procedures that enforce their legal clocks (patched 'enforced-legal-clocks'). */
  enforcedClocks?: boolean;
  /** Procedures that apply the role rules to a close (patched 'lockout-legal-role-rules'). */
  legalRoleRules?: boolean;
  /** Procedures that verify actor claims (patched 'verified-identities'). */
  identity?: IdentityState;
  /** What operators recorded: determinations and filings. */
  regulatory?: RegulatoryRecord;
  /** The organisation's standing facts, fetched when the clocks are first watched. */
  profile?: OrganisationProfile;
  /** See CoreState: the first page pins the templates itself. */
  firstPagePins?: boolean;
  /** The template versions pinned at the start (patched 'lockout-templates-pinned'); absent: Herald's shipped texts. */
  templatePins?: TemplatePins;
}

/** Procedures that enforce their clocks: recomputed from every fact, merged (never removed). */
export function refreshLockoutClocks(state: LockoutState): string[] {
  const { status } = state;
  const computed = lockoutLegalClocks(state.incident.detectedAt, status.scope, status.regulatory, {
    ...(state.profile ? { profile: state.profile } : {}),
    ...(state.regulatory ? { record: state.regulatory } : {}),
  }).map((clock) => scaleClock(clock, state.timeScale));
  return mergeClocks(status.legalClocks, computed);
}

export function initialLockoutState(start: LockoutStart): LockoutState {
  const { incident } = start;
  const zero = { accepted: 0, failed: 0, duplicatesSkipped: 0 };
  const scope = {
    surfaces: [...incident.surfaces],
    regions: [...incident.regions],
    euPersonalDataInterrupted: incident.euPersonalDataInterrupted,
    ...(incident.ukPersonalDataInterrupted !== undefined
      ? { ukPersonalDataInterrupted: incident.ukPersonalDataInterrupted }
      : {}),
  };
  const regulatory = { ...incident.regulatory };
  const state: LockoutState = {
    incident,
    timing: lockoutTiming(start),
    timeScale: start.timeScale,
    ...(start.drill ? { drill: start.drill } : {}),
    sendNow: [],
    status: {
      lockoutId: incident.lockoutId,
      severity: incident.severity,
      cause: incident.cause,
      detectedAt: incident.detectedAt,
      phase: 'active',
      scope,
      regulatory,
      legalClocks: lockoutLegalClocks(incident.detectedAt, scope, regulatory),
      milestones: milestonesFromPolicy(LOCKOUT_MILESTONES, incident.detectedAt, start.timeScale),
      acknowledgement: null,
      escalationLevel: 0,
      statusUpdates: { sent: 0, nextAt: null, approvedText: null },
      gdprAssessment: null,
      customers: null,
      procurement: [],
      resolution: null,
      deliveries: { email: { ...zero }, sms: { ...zero } },
      nextDeadline: null,
    },
  };
  refreshLockout(state);
  return state;
}

export function lockoutMilestone(state: LockoutState, id: LockoutMilestoneId): MilestoneStatus<LockoutMilestoneId> {
  return findMilestone(state.status.milestones, id);
}

export function refreshLockout(state: LockoutState): void {
  const { status } = state;
  status.nextDeadline = nextDeadlineOf(status.milestones);
  if (state.enforcedClocks) status.nextDeadline = earliest(status.nextDeadline, nextClockDeadline(status.legalClocks));
}

/** Where the lockout stands, in one word, for the HeraldPhase search attribute. */
export function lockoutStage(state: LockoutState): string {
  const { status } = state;
  if (status.phase !== 'active') return status.phase;
  if (status.acknowledgement === null) return 'awaiting-ack';
  if (status.resolution === null) return 'status-updates';
  return 'resolved';
}

/** Markdown for Temporal UI's current details. */
export function lockoutDetails(state: LockoutState): string {
  const { status } = state;
  const ack = status.acknowledgement
    ? `acknowledged by ${status.acknowledgement.by.id}`
    : `not acknowledged (escalation level ${status.escalationLevel})`;
  const gdpr = status.gdprAssessment
    ? `GDPR assessment: ${status.gdprAssessment.workflowId} (${status.gdprAssessment.state})`
    : 'GDPR assessment: not needed';
  return [
    `**${status.phase}** · ${lockoutStage(state)} · ${ack}`,
    `Cause: ${status.cause} · surfaces ${status.scope.surfaces.join(', ')} · regions ${status.scope.regions.join(', ')}`,
    ...status.milestones.map(
      (m) =>
        `- ${m.id}: **${m.state}**${m.dueAt ? ` due ${m.dueAt}` : ''}${m.completedAt ? ` (done ${m.completedAt})` : ''}`,
    ),
    `Status updates sent: ${status.statusUpdates.sent}${status.statusUpdates.nextAt ? `, next ${status.statusUpdates.nextAt}` : ''}`,
    gdpr,
    ...legalClockDetails(status.legalClocks),
    ...customerDetails(status),
    ...blockedDetails(status.blocked),
    ...auditHeadDetails(status.auditHead),
  ].join('\n');
}

function customerDetails(status: LockoutState['status']): string[] {
  const c = status.customers;
  if (c === null) return [];
  const from =
    c.source === 'crm'
      ? 'live from the CRM'
      : c.source === 'snapshot'
        ? `from the last-known-good snapshot (${c.ageHours ?? '?'} h old; CRM: ${c.crmError ?? 'failed'})`
        : 'unavailable (CRM down, no snapshot)';
  const acked = status.procurement.filter((p) => p.state === 'acknowledged').length;
  return [
    `Customers: ${c.accounts} enterprise accounts, ${c.contacts} contacts, ${from}` +
      (c.notice ? `; notice reached ${c.notice.accountsReached} accounts` : ''),
    ...(status.procurement.length > 0
      ? [
          `Procurement: ${acked}/${status.procurement.length} at-risk accounts confirmed`,
          ...status.procurement.map((p) => `- ${p.accountName} (${p.accountId}): **${p.state}**`),
        ]
      : []),
  ];
}
