/**
 * Whether every milestone of a finished procedure was met, or missed and escalated, with the audit
 * entries that say so: `milestone.<id>.*` for work done; for a miss, `milestone.missed` and
 * `escalation.deadline-missed` naming the milestone, or the earlier `milestone.at-risk` and
 * `escalation.deadline-at-risk` (the fan-out escalates as soon as its estimate passes the deadline).
 */
import type { AuditEntry } from '../../activities/ports.ts';
import type { MilestoneStatus } from '../../workflows/domain/status.ts';

export interface MilestoneVerdict {
  id: string;
  state: string;
  /** The audit entry types that account for it. */
  evidence: string[];
  ok: boolean;
}

/** Either procedure's status: only its milestones are read. */
export function checkMilestones(
  status: { milestones: readonly MilestoneStatus<string>[] },
  audit: readonly AuditEntry[],
): MilestoneVerdict[] {
  const naming = (type: string, id: string) =>
    audit.filter((e) => e.type === type && (e.data as { milestone?: unknown }).milestone === id).map((e) => e.type);
  return status.milestones.map((m) => {
    const done = audit.filter((e) => e.type.startsWith(`milestone.${m.id}.`)).map((e) => e.type);
    const missed = [
      ...naming('milestone.missed', m.id),
      ...naming('escalation.deadline-missed', m.id),
      ...naming('milestone.at-risk', m.id),
      ...naming('escalation.deadline-at-risk', m.id),
    ];
    const escalated =
      (missed.includes('milestone.missed') && missed.includes('escalation.deadline-missed')) ||
      (missed.includes('milestone.at-risk') && missed.includes('escalation.deadline-at-risk'));
    const ok = m.state === 'met' ? m.completedAt !== undefined && done.length > 0 : m.state === 'missed' && escalated;
    return { id: m.id, state: m.state, evidence: [...new Set([...done, ...missed])], ok };
  });
}
