/**
 * Drills: a procedure run for practice. A drill's incident id starts with `drill-`, its workflow id
 * with `drill:`, and its start input carries a `drill` section; the activities that choose
 * recipients read the id and send every external notice to the directory's drill sink instead.
 */
import { z } from 'zod';

/** Every drill's incident id starts with this (case-insensitive); no real incident may. */
export const DRILL_ID_PREFIX = 'drill-';

/** Workflow ids of drills start with this, before the procedure's own prefix. */
export const DRILL_WORKFLOW_PREFIX = 'drill:';

/** Prefix of the incident title in a drill, so every page to staff says it is one. */
export const DRILL_TITLE_PREFIX = '[DRILL] ';

/** Whether an incident id names a drill. */
export function isDrillId(incidentId: string): boolean {
  return incidentId.toLowerCase().startsWith(DRILL_ID_PREFIX);
}

/** Scenarios a drill can inject, from the fault matrix (docs/fault-matrix.md). */
export const DRILL_SCENARIOS = ['none', 'provider-down', 'credentials-revoked', 'crm-frozen'] as const;
export type DrillScenario = (typeof DRILL_SCENARIOS)[number];

export const drillSchema = z.object({
  /** The fault injected into the drill ('none': the procedure as it is). */
  scenario: z.enum(DRILL_SCENARIOS).default('none'),
  /** Who or what started it: an operator id, or `schedule` for the quarterly Schedule. */
  startedBy: z.string().min(1).max(120),
});
export type DrillInput = z.input<typeof drillSchema>;
export type Drill = z.output<typeof drillSchema>;

/** Refines a start input: a drill section exactly when the incident id is a drill id. */
export function checkDrillId(
  incidentId: string,
  drill: Drill | undefined,
  ctx: { addIssue(issue: { code: 'custom'; message: string; path: (string | number)[] }): void },
): void {
  if (drill !== undefined && !isDrillId(incidentId)) {
    ctx.addIssue({ code: 'custom', message: `a drill's id must start with '${DRILL_ID_PREFIX}'`, path: ['drill'] });
  }
  if (drill === undefined && isDrillId(incidentId)) {
    ctx.addIssue({
      code: 'custom',
      message: `ids starting with '${DRILL_ID_PREFIX}' are reserved for drills (herald drill)`,
      path: ['incident', 'incidentId'],
    });
  }
}

/** A drill's start: its incident's title says `[DRILL]`, so every page to staff does. */
export function asDrill<S extends { incident: { title: string } }>(start: S): S {
  const { title } = start.incident;
  return title.startsWith(DRILL_TITLE_PREFIX)
    ? start
    : { ...start, incident: { ...start.incident, title: `${DRILL_TITLE_PREFIX}${title}` } };
}
