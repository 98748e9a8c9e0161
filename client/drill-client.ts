/**
 * Starting drills: a practice incident built from the scenario, its id `drill-<UTC time>`, its
 * clocks compressed (the policy's 15 min / 60 min / 4 h / 72 h stay as they are, scaled), every
 * external recipient replaced by the directory's drill sink in the activities.
 */
import type { Client } from '@temporalio/client';
import { DEFAULT_DRILL_TIME_SCALE, drillIncident } from '../workflows/domain/drill.ts';
import type { DataLeakDrillOptions } from '../workflows/domain/drill.ts';
import { startDataLeak } from './data-leak-client.ts';
import type { StartResult } from './procedure-client.ts';
import type { dataLeakNotification } from '../workflows/index.ts';

export { DEFAULT_DRILL_TIME_SCALE } from '../workflows/domain/drill.ts';
export type { DataLeakDrillOptions } from '../workflows/domain/drill.ts';

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
