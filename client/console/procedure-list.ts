/**
 * The console's list of procedures, from Temporal's visibility store: both procedure types, newest
 * first, with the search attributes each procedure publishes (phase, severity, next deadline).
 */
import type { Client } from '@temporalio/client';
import { DRILL, NEXT_DEADLINE, PHASE, SEVERITY } from '../../workflows/domain/search-attributes.ts';
import type { Role } from '../../workflows/domain/status.ts';

export const PROCEDURE_KINDS = { dataLeakNotification: 'data-leaks', complianceLockout: 'lockouts' } as const;
export type ProcedurePath = (typeof PROCEDURE_KINDS)[keyof typeof PROCEDURE_KINDS];

export interface ProcedureRow {
  path: ProcedurePath;
  /** The business id (the workflow id after its `kind:` prefix). */
  id: string;
  workflowId: string;
  phase: string;
  severity: string | undefined;
  nextDeadline: Date | undefined;
  startedAt: Date;
  /** Temporal's own word for the run: RUNNING, COMPLETED, FAILED… */
  execution: string;
}

export interface ListFilter {
  phase?: string;
  severity?: string;
  /** Only procedures waiting for this role. */
  needs?: Role;
}

/** Values a filter may take: anything else is dropped (the list query is built from them). */
export const PHASES = [
  'awaiting-ack',
  'drafting-notice',
  'awaiting-approval',
  'notifying-affected',
  'finishing',
  'status-updates',
  'resolved',
  'paused',
  'closed',
  'completed',
] as const;

/** "Needs me": the phases in which a procedure waits for this role. */
export const WAITING_FOR: Readonly<Record<Role, readonly string[]>> = {
  responder: ['awaiting-ack'],
  legal: ['awaiting-approval'],
  compliance: [],
  integration: [],
};
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const LIMIT = 200;

export async function listProcedures(client: Client, filter: ListFilter): Promise<ProcedureRow[]> {
  const clauses = [
    `WorkflowType IN (${Object.keys(PROCEDURE_KINDS)
      .map((t) => `'${t}'`)
      .join(', ')})`,
    // Drills are practice, never incidents (docs/drills.md).
    `${DRILL.name} IS NULL`,
  ];
  if (filter.phase && (PHASES as readonly string[]).includes(filter.phase)) {
    clauses.push(`${PHASE.name} = '${filter.phase}'`);
  }
  if (filter.severity && (SEVERITIES as readonly string[]).includes(filter.severity)) {
    clauses.push(`${SEVERITY.name} = '${filter.severity}'`);
  }
  if (filter.needs !== undefined) {
    const phases = WAITING_FOR[filter.needs];
    if (phases.length === 0) return [];
    clauses.push(`${PHASE.name} IN (${phases.map((p) => `'${p}'`).join(', ')})`);
  }
  const rows: ProcedureRow[] = [];
  for await (const info of client.workflow.list({ query: clauses.join(' AND '), pageSize: LIMIT })) {
    const path = PROCEDURE_KINDS[info.type as keyof typeof PROCEDURE_KINDS];
    if (path === undefined) continue;
    const attrs = info.typedSearchAttributes;
    rows.push({
      path,
      id: info.workflowId.slice(info.workflowId.indexOf(':') + 1),
      workflowId: info.workflowId,
      phase: attrs.get(PHASE) ?? 'unknown',
      severity: attrs.get(SEVERITY),
      nextDeadline: attrs.get(NEXT_DEADLINE),
      startedAt: info.startTime,
      execution: info.status.name,
    });
    if (rows.length >= LIMIT) break;
  }
  return rows;
}

/** "in 42 min", "3 h 5 min ago": a countdown in words, from `now`. */
export function countdown(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const words =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.floor(minutes / 60)} h ${minutes % 60} min`
        : `${Math.floor(minutes / 1440)} days ${Math.floor((minutes % 1440) / 60)} h`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}
