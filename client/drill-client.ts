/**
 * Starting drills: a practice incident built from the scenario, its id `drill-<UTC time>`, its
 * clocks compressed (the policy's 15 min / 60 min / 4 h / 72 h stay as they are, scaled), every
 * external recipient replaced by the directory's drill sink in the activities.
 */
import type { Client } from '@temporalio/client';
import type { DrillScenario } from '../workflows/domain/drill.ts';
import { DRILL_ID_PREFIX } from '../workflows/domain/drill.ts';
import type { DataLeakIncident } from '../workflows/domain/incident.ts';
import { startDataLeak } from './data-leak-client.ts';
import type { StartResult } from './procedure-client.ts';
import type { dataLeakNotification } from '../workflows/index.ts';

/** The demos' compression, 72 h in 6 min: a drill's default. */
export const DEFAULT_DRILL_TIME_SCALE = 1 / 720;

export interface DataLeakDrillOptions {
  scenario: DrillScenario;
  /** An operator id, or `schedule`. */
  startedBy: string;
  timeScale?: number;
  /** The CRM program whose records size the audience (every one of them is replaced by the sink). */
  crmProgram: string;
  /** When the drill's clocks start; default now. */
  at?: Date;
}

/** `drill-20261203T061500Z`: one drill per second and procedure. */
export function drillIdAt(at: Date): string {
  return `${DRILL_ID_PREFIX}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** The practice incident of a data-leak drill. */
export function drillIncident(options: DataLeakDrillOptions, at: Date): DataLeakIncident {
  return {
    incidentId: drillIdAt(at),
    detectedAt: at.toISOString(),
    severity: 'high',
    title: `Data-leak drill (scenario: ${options.scenario})`,
    description:
      'A practice incident: student records of one program assumed exposed. Nothing leaves for an external recipient.',
    dataCategories: ['name', 'email address', 'student ID'],
    jurisdictions: ['DE'],
    crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: options.crmProgram }] },
    reporter: { name: `drill (${options.startedBy})` },
  };
}

export function startDataLeakDrill(
  client: Client,
  options: DataLeakDrillOptions,
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
