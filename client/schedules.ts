/**
 * Herald's Temporal Schedules: the credential and certificate watch, the customer contact
 * snapshot, and the quarterly drill (docs/drills.md). `applySchedules` creates them, or updates them in place when they exist, so running it
 * again is safe (the CLI's `herald schedules apply`, the demo).
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleOptions, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { DrillProcedure, DrillScenario } from '../workflows/domain/drill.ts';
import type { contactSnapshotSync, credentialWatch, scheduledDrill } from '../workflows/index.ts';
import { InvalidInputError } from './procedure-client.ts';

export const SCHEDULE_IDS = {
  credentialWatch: 'herald-credential-watch',
  contactSnapshotSync: 'herald-contact-snapshot-sync',
  drill: 'herald-drill',
} as const;

/**
 * Default intervals: the watch hourly (a 24 h warning never comes more than an hour late), contacts
 * every 6 h, a data-leak drill every quarter (91 days).
 */
export const DEFAULT_SCHEDULE_INTERVALS = { credentialWatch: '1h', contactSnapshotSync: '6h', drill: '91d' } as const;

/** The procedure the quarterly drill runs unless told otherwise. */
export const DEFAULT_DRILL_PROCEDURE: DrillProcedure = 'data-leak';

/** The CRM program whose records size a scheduled drill's audience (all replaced by the drill sink). */
export const DEFAULT_DRILL_CRM_PROGRAM = 'Physics';

export interface ScheduleSettings {
  taskQueue: string;
  /** How often the watch runs, e.g. "1h", "30m". */
  credentialWatchEvery?: string;
  /** How often the contact snapshot is refreshed, e.g. "6h". */
  contactSnapshotSyncEvery?: string;
  /** How often the drill runs, e.g. "91d". */
  drillEvery?: string;
  /** Which procedure the scheduled drill runs; default data-leak. */
  drillProcedure?: DrillProcedure;
  /** The fault a scheduled drill practises; default none. */
  drillScenario?: DrillScenario;
  drillCrmProgram?: string;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "30m", "1h", "1d" in milliseconds; at least one minute. Throws InvalidInputError. */
export function parseInterval(value: string, what: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : NaN;
  if (!Number.isSafeInteger(ms) || ms < 60_000) {
    throw new InvalidInputError(`${what}: "${value}" is not an interval of at least 1m (e.g. 30m, 1h, 6h, 1d)`);
  }
  return ms;
}

/** One schedule as Herald defines it. */
export interface HeraldSchedule {
  scheduleId: string;
  workflowType: string;
  /** The interval as given, e.g. "1h". */
  every: string;
  options: ScheduleOptions<ScheduleOptionsStartWorkflowAction<Workflow>>;
}

function schedule<W extends Workflow>(
  scheduleId: string,
  workflowType: string,
  every: string,
  taskQueue: string,
  args: Parameters<W>,
  summary: string,
): HeraldSchedule {
  const everyMs = parseInterval(every, scheduleId);
  return {
    scheduleId,
    workflowType,
    every,
    options: {
      scheduleId,
      spec: { intervals: [{ every: everyMs }] },
      action: {
        type: 'startWorkflow',
        workflowType,
        // Each run gets this id plus the scheduled time.
        workflowId: scheduleId,
        taskQueue,
        args,
        staticSummary: summary,
      },
      policies: {
        // A run still going (e.g. retrying a provider) is never doubled; the next slot runs instead.
        overlap: ScheduleOverlapPolicy.SKIP,
        // After an outage, catch up with one run, not one per missed interval.
        catchupWindow: everyMs,
      },
    },
  };
}

/** The schedule definitions for `settings` (intervals validated). */
export function heraldSchedules(settings: ScheduleSettings): HeraldSchedule[] {
  const { taskQueue } = settings;
  const drillProcedure = settings.drillProcedure ?? DEFAULT_DRILL_PROCEDURE;
  return [
    schedule<typeof credentialWatch>(
      SCHEDULE_IDS.credentialWatch,
      'credentialWatch',
      settings.credentialWatchEvery ?? DEFAULT_SCHEDULE_INTERVALS.credentialWatch,
      taskQueue,
      [{}],
      'Credential and certificate watch: expiry warnings at 72 h and 24 h, lockout on a failed check',
    ),
    schedule<typeof contactSnapshotSync>(
      SCHEDULE_IDS.contactSnapshotSync,
      'contactSnapshotSync',
      settings.contactSnapshotSyncEvery ?? DEFAULT_SCHEDULE_INTERVALS.contactSnapshotSync,
      taskQueue,
      [],
      'Enterprise customer contacts: last-known-good snapshot from the CRM',
    ),
    schedule<typeof scheduledDrill>(
      SCHEDULE_IDS.drill,
      'scheduledDrill',
      settings.drillEvery ?? DEFAULT_SCHEDULE_INTERVALS.drill,
      taskQueue,
      [
        {
          procedure: drillProcedure,
          scenario: settings.drillScenario ?? 'none',
          crmProgram: settings.drillCrmProgram ?? DEFAULT_DRILL_CRM_PROGRAM,
        },
      ],
      `${drillProcedure === 'lockout' ? 'Compliance-lockout' : 'Data-leak'} drill: staff paged with [DRILL], external notices to the drill sink, a report at the end`,
    ),
  ];
}

export interface AppliedSchedule {
  scheduleId: string;
  workflowType: string;
  every: string;
  taskQueue: string;
  outcome: 'created' | 'updated';
}

/** Creates each schedule, or updates its spec, action and policies when it already exists. */
export async function applySchedules(client: Client, settings: ScheduleSettings): Promise<AppliedSchedule[]> {
  const applied: AppliedSchedule[] = [];
  for (const s of heraldSchedules(settings)) {
    let outcome: AppliedSchedule['outcome'] = 'created';
    try {
      await client.schedule.create(s.options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      outcome = 'updated';
      await client.schedule.getHandle(s.scheduleId).update((previous) => ({
        ...previous,
        spec: s.options.spec,
        action: s.options.action,
        policies: { ...previous.policies, ...s.options.policies },
      }));
    }
    applied.push({
      scheduleId: s.scheduleId,
      workflowType: s.workflowType,
      every: s.every,
      taskQueue: settings.taskQueue,
      outcome,
    });
  }
  return applied;
}
