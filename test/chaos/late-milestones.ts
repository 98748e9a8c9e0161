/**
 * Why a milestone of a chaos run came late: when it was due and when it was done, from the
 * incident's detection, beside the faults the providers answered before the approval with (the
 * staff messages meet the chaos mix too: a faulted first send is retried after its policy's
 * interval, which the scenario's time scale does not shrink).
 */
import type { MilestoneStatus } from '../../workflows/domain/status.ts';

export interface LateMilestone {
  id: string;
  /** Due this long after detection. */
  dueAfterMs: number;
  /** Done this long after detection; null when it never was. */
  doneAfterMs: number | null;
}

/** The missed milestones with a clock, timed from `detectedAt` (ISO). */
export function lateMilestones(milestones: readonly MilestoneStatus<string>[], detectedAt: string): LateMilestone[] {
  const from = Date.parse(detectedAt);
  return milestones.flatMap((m) =>
    m.state === 'missed' && m.dueAt !== null
      ? [
          {
            id: m.id,
            dueAfterMs: Date.parse(m.dueAt) - from,
            doneAfterMs: m.completedAt === undefined ? null : Date.parse(m.completedAt) - from,
          },
        ]
      : [],
  );
}
