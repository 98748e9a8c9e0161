/**
 * The quarterly drill's starter (the `herald-drill` Schedule): builds the practice incident at the
 * scheduled moment and starts the chosen procedure on it as a drill — its own workflow
 * (`drill:data-leak:drill-<UTC time>` or `drill:lockout:drill-<UTC time>`), left running when the
 * starter ends.
 */
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { DEFAULT_DRILL_TIME_SCALE, drillIncident, lockoutDrillIncident } from '../domain/drill.ts';
import type { DrillProcedure, DrillScenario } from '../domain/drill.ts';
import { dataLeakWorkflowId } from '../domain/incident.ts';
import { lockoutWorkflowId } from '../domain/lockout.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../domain/search-attributes.ts';
import type { DataLeakStartInput } from '../data-leak/start-input.ts';
import { dataLeakNotification } from '../data-leak/workflow.ts';
import type { LockoutStartInput } from '../lockout/start-input.ts';
import { complianceLockout } from '../lockout/workflow.ts';

export interface ScheduledDrillInput {
  /** Which procedure the drill runs; default data-leak (Schedules created before lockout drills). */
  procedure?: DrillProcedure;
  scenario?: DrillScenario;
  timeScale?: number;
  /** Data-leak drills: the CRM program whose records size the audience. */
  crmProgram: string;
}

/** Starts the drill; returns its workflow id. */
export async function scheduledDrill(input: ScheduledDrillInput): Promise<string> {
  const scenario = input.scenario ?? 'none';
  const timeScale = input.timeScale ?? DEFAULT_DRILL_TIME_SCALE;
  const drill = { scenario, startedBy: 'schedule' };
  const common = { taskQueue: workflowInfo().taskQueue, parentClosePolicy: ParentClosePolicy.ABANDON };
  if (input.procedure === 'lockout') {
    const incident = lockoutDrillIncident(drill, new Date());
    const start: LockoutStartInput = { incident, timeScale, drill };
    const child = await startChild(complianceLockout, {
      ...common,
      workflowId: lockoutWorkflowId(incident.lockoutId),
      args: [start],
      typedSearchAttributes: [
        { key: INCIDENT_ID, value: incident.lockoutId },
        { key: SEVERITY, value: incident.severity },
        { key: DRILL, value: scenario },
      ],
      staticSummary: `Drill: compliance lockout ${incident.lockoutId} (scheduled)`,
    });
    return child.workflowId;
  }
  const incident = drillIncident({ ...drill, crmProgram: input.crmProgram }, new Date());
  const start: DataLeakStartInput = { incident, timeScale, drill };
  const child = await startChild(dataLeakNotification, {
    ...common,
    workflowId: dataLeakWorkflowId(incident.incidentId),
    args: [start],
    typedSearchAttributes: [
      { key: INCIDENT_ID, value: incident.incidentId },
      { key: SEVERITY, value: incident.severity },
      { key: DRILL, value: scenario },
    ],
    staticSummary: `Drill: data leak ${incident.incidentId} (scheduled)`,
  });
  return child.workflowId;
}
