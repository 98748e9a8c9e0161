/**
 * Starting drills: a practice incident built from the scenario, its id `drill-<UTC time>`, its
 * clocks compressed (the policy's 15 min / 60 min / 4 h / 72 h stay as they are, scaled), every
 * external recipient replaced by the directory's drill sink in the activities.
 */
import type { Client } from '@temporalio/client';
import { DEFAULT_DRILL_TIME_SCALE, drillIncident, lockoutDrillIncident } from '../workflows/domain/drill.ts';
import type { DataLeakDrillOptions, DrillProcedure, LockoutDrillOptions } from '../workflows/domain/drill.ts';
import { startDataLeak } from './data-leak-client.ts';
import { startLockout } from './lockout-client.ts';
import type { StartResult } from './procedure-client.ts';
import type { complianceLockout, dataLeakNotification } from '../workflows/index.ts';

export { DEFAULT_DRILL_TIME_SCALE } from '../workflows/domain/drill.ts';
export type { DataLeakDrillOptions, LockoutDrillOptions } from '../workflows/domain/drill.ts';

export function startDataLeakDrill(
  client: Client,
  options: DataLeakDrillOptions & { at?: Date },
  taskQueue: string,
): Promise<StartResult<typeof dataLeakNotification>> {
  const at = options.at ?? new Date();
  return startDataLeak(
    client,
    {
      incident: drillIncident(options, at),
      timeScale: options.timeScale ?? DEFAULT_DRILL_TIME_SCALE,
      drill: { scenario: options.scenario, startedBy: options.startedBy },
    },
    taskQueue,
  );
}

export function startLockoutDrill(
  client: Client,
  options: LockoutDrillOptions & { at?: Date },
  taskQueue: string,
): Promise<StartResult<typeof complianceLockout>> {
  const at = options.at ?? new Date();
  return startLockout(
    client,
    {
      incident: lockoutDrillIncident(options, at),
      timeScale: options.timeScale ?? DEFAULT_DRILL_TIME_SCALE,
      drill: { scenario: options.scenario, startedBy: options.startedBy },
    },
    taskQueue,
  );
}

/** Either procedure's drill: what the CLI and the API start. */
export type DrillStart =
  ({ procedure: 'data-leak' } & DataLeakDrillOptions) | ({ procedure: 'lockout' } & LockoutDrillOptions);

export async function startDrill(
  client: Client,
  options: DrillStart & { at?: Date },
  taskQueue: string,
): Promise<{ workflowId: string; runId: string | undefined; started: boolean; procedure: DrillProcedure }> {
  const result =
    options.procedure === 'data-leak'
      ? await startDataLeakDrill(client, options, taskQueue)
      : await startLockoutDrill(client, options, taskQueue);
  return { workflowId: result.workflowId, runId: result.runId, started: result.started, procedure: options.procedure };
}
