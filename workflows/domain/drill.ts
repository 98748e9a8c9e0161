/**
 * Drills: a procedure run for practice. A drill's incident id starts with `drill-`, its workflow id
 * with `drill:`, and its start input carries a `drill` section; the activities that choose
 * recipients read the id and send every external notice to the directory's drill sink instead.
 */
import { z } from 'zod';
import type { DataLeakIncident } from './incident.ts';
import type { LockoutCause, LockoutIncident } from './lockout.ts';

/** Every drill's incident id starts with this (case-insensitive); no real incident may. */
export const DRILL_ID_PREFIX = 'drill-';

/** Workflow ids of drills start with this, before the procedure's own prefix. */
export const DRILL_WORKFLOW_PREFIX = 'drill:';

/** Prefix of the incident title in a drill, so every page to staff says it is one. */
export const DRILL_TITLE_PREFIX = '[DRILL] ';

/**
 * Whether an id names a drill: its incident id (`drill-…`), or a procedure id in the workflow-id
 * form (`drill:lockout:drill-…`), which the lockout's sends and audit entries carry.
 */
export function isDrillId(incidentId: string): boolean {
  const id = incidentId.toLowerCase();
  return id.startsWith(DRILL_ID_PREFIX) || id.startsWith(DRILL_WORKFLOW_PREFIX);
}

/** The procedures a drill can run. */
export const DRILL_PROCEDURES = ['data-leak', 'lockout'] as const;
export type DrillProcedure = (typeof DRILL_PROCEDURES)[number];

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
  idField = 'incidentId',
): void {
  if (drill !== undefined && !isDrillId(incidentId)) {
    ctx.addIssue({ code: 'custom', message: `a drill's id must start with '${DRILL_ID_PREFIX}'`, path: ['drill'] });
  }
  if (drill === undefined && isDrillId(incidentId)) {
    ctx.addIssue({
      code: 'custom',
      message: `ids starting with '${DRILL_ID_PREFIX}' are reserved for drills (herald drill)`,
      path: ['incident', idField],
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

/** The demos' compression, 72 h in 6 min: a drill's default. */
export const DEFAULT_DRILL_TIME_SCALE = 1 / 720;

export interface DataLeakDrillOptions {
  scenario: DrillScenario;
  /** An operator id, or `schedule`. */
  startedBy: string;
  timeScale?: number;
  /** The CRM program whose records size the audience (every one of them is replaced by the sink). */
  crmProgram: string;
}

/** `drill-20261203T061500Z`: one drill per second and procedure. */
export function drillIdAt(at: Date): string {
  return `${DRILL_ID_PREFIX}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** The practice incident of a data-leak drill whose clocks start at `at`. */
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

export interface LockoutDrillOptions {
  scenario: DrillScenario;
  /** An operator id, or `schedule`. */
  startedBy: string;
  timeScale?: number;
  /** EU customers' personal-data processing interrupted: the GDPR assessment runs too, as a drill. */
  euPersonalDataInterrupted?: boolean;
}

/** What locked the integrations out in the practice lockout: the frozen user for `crm-frozen`. */
const LOCKOUT_DRILL_CAUSE: Record<DrillScenario, LockoutCause> = {
  none: 'token-expired-or-revoked',
  'provider-down': 'token-expired-or-revoked',
  'credentials-revoked': 'token-expired-or-revoked',
  'crm-frozen': 'audit-log-lockout',
};

/** The practice lockout of a lockout drill whose clocks start at `at`: SEV1, checkout down in the US and UK. */
export function lockoutDrillIncident(options: LockoutDrillOptions, at: Date): LockoutIncident {
  return {
    lockoutId: drillIdAt(at),
    detectedAt: at.toISOString(),
    severity: 'critical',
    title: `Compliance-lockout drill (scenario: ${options.scenario})`,
    cause: LOCKOUT_DRILL_CAUSE[options.scenario],
    description:
      'A practice lockout: the Salesforce integrations assumed blocked by a security control. Nothing leaves for an external recipient.',
    surfaces: ['checkout', 'accounts', 'sync-jobs'],
    regions: options.euPersonalDataInterrupted ? ['EU', 'US', 'UK'] : ['US', 'UK'],
    euPersonalDataInterrupted: options.euPersonalDataInterrupted ?? false,
    reporter: { name: `drill (${options.startedBy})` },
  };
}
