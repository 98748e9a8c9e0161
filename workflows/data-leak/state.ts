/** The procedure's plain-JSON state and the pure transitions on it. */
import type { FanoutEstimate } from '../domain/fanout-estimate.ts';
import type { DataLeakIncident } from '../domain/incident.ts';
import { DATA_LEAK_MILESTONES } from '../domain/policy.ts';
import type { AffectedChannelPolicy, MilestoneId, ProcedureTiming } from '../domain/policy.ts';
import type { MilestoneStatus, ProcedureStatus } from '../domain/status.ts';
import type { DataLeakStart } from './start-input.ts';
import { effectiveTiming } from './start-input.ts';
import { auditHeadDetails } from '../procedure/audit-head-details.ts';
import { blockedDetails } from '../procedure/blocked-details.ts';
import { legalClockDetails } from '../procedure/legal-clocks.ts';
import { earliest } from '../procedure/milestones.ts';
import { nextClockDeadline } from '../procedure/legal-clock-state.ts';
import type { OrganisationProfile } from '../domain/organisation-profile.ts';
import type { RegulatoryRecord } from '../domain/regulatory-record.ts';
import type { IdentityState } from '../procedure/identity.ts';
import type { TemplatePins } from '../domain/template-pins.ts';
import {
  completeOn,
  findMilestone,
  isSettled,
  markMissedOn,
  milestonesFromPolicy,
  nextDeadlineOf,
  skipOn,
} from '../procedure/milestones.ts';

export interface DataLeakState {
  status: ProcedureStatus;
  incident: DataLeakIncident;
  timing: ProcedureTiming;
  affectedChannels: AffectedChannelPolicy;
  /** Milestones an operator asked to run now (bypassing a pause or a scheduled moment). */
  sendNow: MilestoneId[];
  /** A replacement text from legal's rejection, waiting to become the next draft. */
  pendingReplacementText: string | null;
  /** The exact text of the current draft, for legal to read before approving its hash. */
  draftText?: string;
  /** Operator pauses, kept so a late notice can state them among the reasons for the delay. */
  pauses: { by: string; at: string; reason: string }[];
  /** Why a new draft is being prepared, while it is (approvals wait for it). */
  redrafting?: string;
  /** Procedures that enforce their legal clocks (patched 'enforced-legal-clocks'). */
  enforcedClocks?: boolean;
  /** Procedures whose overrides follow the legal role rules (patched 'legal-role-rules', validate-action.ts). */
  legalRoleRules?: boolean;
  /** Procedures that verify actor claims (patched 'verified-identities'). */
  identity?: IdentityState;
  /** The demos' compression of every duration (1 in production); absent in older procedures. */
  timeScale?: number;
  /** What operators recorded: determinations and filings. */
  regulatory?: RegulatoryRecord;
  /** The organisation's standing facts, fetched once the clocks are first computed. */
  profile?: OrganisationProfile;
  /** Affected people by jurisdiction (`US-XX` for US states), from the CRM snapshot. */
  affectedByJurisdiction?: Record<string, number>;
  /** See CoreState: each channel its own step, blocked services, met by acceptance time. */
  resilient?: boolean;
  retryEpoch?: number;
  /** See CoreState: the first page waits for no audit write or key load. */
  firstPageFirst?: boolean;
  /** See CoreState: the first page pins the templates itself. */
  firstPagePins?: boolean;
  /** The template versions pinned at the start (patched 'templates-pinned'); absent: Herald's shipped texts. */
  templatePins?: TemplatePins;
}

/** Builds the initial state; due times count from awareness (`detectedAt`), scaled. */
export function initialState(start: DataLeakStart): DataLeakState {
  const { incident } = start;
  const milestones = milestonesFromPolicy(DATA_LEAK_MILESTONES, incident.detectedAt, start.timeScale);
  const zero = { accepted: 0, failed: 0, duplicatesSkipped: 0 };
  const status: ProcedureStatus = {
    incidentId: incident.incidentId,
    severity: incident.severity,
    detectedAt: incident.detectedAt,
    phase: 'active',
    milestones,
    acknowledgement: null,
    escalationLevel: 0,
    authorityNotice: { draft: null, pendingApprovals: [], rejections: [] },
    affectedPeople: { total: null, notified: 0 },
    deliveries: { email: { ...zero }, sms: { ...zero } },
    nextDeadline: null,
  };
  const state: DataLeakState = {
    status,
    incident,
    timing: effectiveTiming(start),
    affectedChannels: start.affectedChannels,
    sendNow: [],
    pendingReplacementText: null,
    pauses: [],
    timeScale: start.timeScale,
  };
  refreshDerived(state);
  return state;
}

export function milestone(state: DataLeakState, id: MilestoneId): MilestoneStatus {
  return findMilestone(state.status.milestones, id);
}

export { isSettled };

/** Records that a milestone's work completed at `atMs` (see {@link completeOn}). */
export function completeMilestone(state: DataLeakState, id: MilestoneId, atMs: number, note?: string): void {
  completeOn(milestone(state, id), atMs, note);
  refreshDerived(state);
}

export function markMissed(state: DataLeakState, id: MilestoneId): boolean {
  const changed = markMissedOn(milestone(state, id));
  refreshDerived(state);
  return changed;
}

export function skipMilestone(state: DataLeakState, id: MilestoneId, note: string): void {
  skipOn(milestone(state, id), note);
  refreshDerived(state);
}

/** Recomputes what is derived from the rest: next deadline and pending approvals. */
export function refreshDerived(state: DataLeakState): void {
  const { status } = state;
  status.nextDeadline = nextDeadlineOf(status.milestones);
  if (state.enforcedClocks) status.nextDeadline = earliest(status.nextDeadline, nextClockDeadline(status.legalClocks));
  const draft = status.authorityNotice.draft;
  const open = status.phase === 'active' || status.phase === 'paused';
  status.authorityNotice.pendingApprovals =
    !draft || !open
      ? []
      : draft.state === 'pending-approval'
        ? [`legal approval of authority-notice draft v${draft.version} (sha256 ${draft.sha256})`]
        : draft.state === 'rejected'
          ? [`a corrected text from legal for rejected draft v${draft.version} (reject again with replacementText)`]
          : [];
}

/** Where the procedure stands, in one word, for the HeraldPhase search attribute. */
export function stage(state: DataLeakState): string {
  const { status } = state;
  if (status.phase !== 'active') return status.phase;
  if (status.acknowledgement === null) return 'awaiting-ack';
  const notice = milestone(state, 'authority-notice');
  if (notice.state === 'pending' || (notice.state === 'missed' && !notice.completedAt)) {
    return status.authorityNotice.draft?.state === 'pending-approval' ? 'awaiting-approval' : 'drafting-notice';
  }
  const affected = milestone(state, 'affected-people');
  if (!isSettled(affected)) return 'notifying-affected';
  return 'finishing';
}

/** A short, human summary for Temporal UI's "current details". */
export function currentDetails(state: DataLeakState): string {
  const { status } = state;
  const lines = status.milestones.map((m) => {
    const due = m.dueAt ? ` due ${m.dueAt}` : '';
    const done = m.completedAt ? ` (done ${m.completedAt})` : '';
    return `- ${m.id}: **${m.state}**${due}${done}`;
  });
  const ack = status.acknowledgement
    ? `acknowledged by ${status.acknowledgement.by.id} at ${status.acknowledgement.at}`
    : `not acknowledged (escalation level ${status.escalationLevel})`;
  const approvals = status.authorityNotice.pendingApprovals.join('; ') || 'none';
  return [
    `**${status.phase}** · ${stage(state)} · ${ack}`,
    ...lines,
    ...legalClockDetails(status.legalClocks ?? []),
    `Pending approvals: ${approvals}`,
    `Affected people: ${status.affectedPeople.notified}/${status.affectedPeople.total ?? '?'} notified`,
    ...estimateDetails(status.affectedPeople.estimate),
    ...blockedDetails(status.blocked),
    ...auditHeadDetails(status.auditHead),
  ].join('\n');
}

/** The fan-out's estimate for Temporal UI, while it runs. */
function estimateDetails(estimate: FanoutEstimate | undefined): string[] {
  if (!estimate) return [];
  const risk = estimate.atRisk ? ' — **AT RISK**: estimated after the deadline, escalated' : '';
  return [`Estimated to finish ${estimate.finishAt} (due ${estimate.dueAt ?? 'none'})${risk}; ${estimate.basis}`];
}
