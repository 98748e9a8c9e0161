/**
 * Starting drills: a practice incident built from the scenario, its id `drill-<UTC time>`, its
 * clocks compressed (the policy's 15 min / 60 min / 4 h / 72 h stay as they are, scaled), every
 * external recipient replaced by the directory's drill sink in the activities.
 */
import type { Client } from '@temporalio/client';
import { DEFAULT_DRILL_TIME_SCALE, drillIncident, lockoutDrillIncident } from '../workflows/domain/drill.ts';
import type { DataLeakDrillOptions, DrillProcedure, LockoutDrillOptions } from '../workflows/domain/drill.ts';
import { drillTrend } from '../workflows/domain/drill-report.ts';
import type { DrillReport } from '../workflows/domain/drill-report.ts';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
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

/** Where a drill's report is stored: under the procedure's own store key (the lockout's carries its prefix). */
export function drillReportKey(procedure: DrillProcedure, drillId: string): string {
  return procedure === 'lockout' ? lockoutWorkflowId(drillId) : drillId;
}

/** The store's documents, as far as drill reports need them (the store's DocumentStore fits). */
export interface DrillReportStore {
  listKind(kind: 'drill-report'): Promise<{ body: string }[]>;
  latest(incidentId: string, kind: 'drill-report'): Promise<{ body: string; sha256: string } | null>;
}

/** Every stored drill report, oldest first, each with its change in time to acknowledge. */
export async function listDrillReports(documents: DrillReportStore): Promise<ReturnType<typeof drillTrend>> {
  return drillTrend((await documents.listKind('drill-report')).map((d) => JSON.parse(d.body) as DrillReport));
}
