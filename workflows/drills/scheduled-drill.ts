/**
 * The quarterly drill's starter (the `herald-drill` Schedule): builds the practice incident at the
 * scheduled moment and starts the data-leak procedure on it as a drill — its own workflow
 * (`drill:data-leak:drill-<UTC time>`), left running when the starter ends.
 */
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { DEFAULT_DRILL_TIME_SCALE, drillIncident } from '../domain/drill.ts';
import type { DrillScenario } from '../domain/drill.ts';
import { dataLeakWorkflowId } from '../domain/incident.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../domain/search-attributes.ts';
import type { DataLeakStartInput } from '../data-leak/start-input.ts';
import { dataLeakNotification } from '../data-leak/workflow.ts';

export interface ScheduledDrillInput {
  procedure: 'data-leak';
  scenario?: DrillScenario;
  timeScale?: number;
  crmProgram: string;
}

/** Starts the drill; returns its workflow id. */
export async function scheduledDrill(input: ScheduledDrillInput): Promise<string> {
  const scenario = input.scenario ?? 'none';
  const incident = drillIncident({ scenario, startedBy: 'schedule', crmProgram: input.crmProgram }, new Date());
  const start: DataLeakStartInput = {
    incident,
    timeScale: input.timeScale ?? DEFAULT_DRILL_TIME_SCALE,
    drill: { scenario, startedBy: 'schedule' },
  };
  const child = await startChild(dataLeakNotification, {
    workflowId: dataLeakWorkflowId(incident.incidentId),
    taskQueue: workflowInfo().taskQueue,
    args: [start],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: INCIDENT_ID, value: incident.incidentId },
      { key: SEVERITY, value: incident.severity },
      { key: DRILL, value: scenario },
    ],
    staticSummary: `Drill: data leak ${incident.incidentId} (scheduled)`,
  });
  return child.workflowId;
}
