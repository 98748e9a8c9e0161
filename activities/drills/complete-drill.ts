/**
 * Ends a drill: builds its report from the final status and the audit trail, stores it as a
 * document (kind `drill-report`) and audits that it was stored. Idempotent: a retried attempt
 * finds the stored report and appends the same audit entry, which the log keeps once.
 */
import type { Drill } from '../../workflows/domain/drill.ts';
import { buildDrillReport } from '../../workflows/domain/drill-report.ts';
import type { DrillOutcome, DrillReport } from '../../workflows/domain/drill-report.ts';
import { sha256Hex } from '../documents/hash.ts';
import type { ActivityDeps } from '../deps.ts';

export interface CompleteDrillInput {
  /** The drill's id (`drill-…`), as its report names it. */
  incidentId: string;
  /** Where the procedure keeps its audit trail and documents (the lockout: `drill:lockout:drill-…`); default the drill's id. */
  procedureId?: string;
  procedure: DrillReport['procedure'];
  drill: Drill;
  timeScale: number;
  outcome: DrillOutcome;
  finishedAt: string;
}

export async function completeDrill(
  deps: ActivityDeps,
  input: CompleteDrillInput,
): Promise<{ sha256: string; findings: number }> {
  const procedureId = input.procedureId ?? input.incidentId;
  const stored =
    (await deps.documents.get(procedureId, 'drill-report', 1)) ??
    (await deps.documents.put(await reportDocument(deps, input, procedureId)));
  const report = JSON.parse(stored.body) as DrillReport;
  await deps.audit.append({
    entryId: `${procedureId}:drill.report`,
    incidentId: procedureId,
    type: 'drill.report',
    actor: 'herald',
    at: input.finishedAt,
    data: {
      sha256: stored.sha256,
      scenario: report.scenario,
      timeToAcknowledgePolicyMinutes: report.timeToAcknowledgePolicyMinutes,
      findings: report.findings,
    },
  });
  return { sha256: stored.sha256, findings: report.findings.length };
}

async function reportDocument(deps: ActivityDeps, input: CompleteDrillInput, procedureId: string) {
  const report = buildDrillReport({
    drillId: input.incidentId,
    procedure: input.procedure,
    drill: input.drill,
    timeScale: input.timeScale,
    outcome: input.outcome,
    entries: await deps.audit.list(procedureId),
    finishedAt: input.finishedAt,
  });
  const body = `${JSON.stringify(report, null, 2)}\n`;
  return {
    incidentId: procedureId,
    kind: 'drill-report' as const,
    version: 1,
    sha256: sha256Hex(body),
    body,
    createdAt: input.finishedAt,
  };
}
