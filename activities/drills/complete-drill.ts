/**
 * Ends a drill: builds its report from the final status and the audit trail, stores it as a
 * document (kind `drill-report`) and audits that it was stored. Idempotent: a retried attempt
 * finds the stored report and appends the same audit entry, which the log keeps once.
 */
import type { Drill } from '../../workflows/domain/drill.ts';
import { buildDrillReport, DRILL_REPORT_ATTEMPT_LIMIT } from '../../workflows/domain/drill-report.ts';
import type { DrillFailedAttempt, DrillOutcome, DrillReport } from '../../workflows/domain/drill-report.ts';
import type { LedgerChannel } from '../../workflows/domain/contacts.ts';
import { AFFECTED_MILESTONE, deliveryGroup } from '../mass-notification/page.ts';
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
    ...(input.procedure === 'data-leak' ? await affectedPeopleAttempts(deps, procedureId) : {}),
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

/**
 * The affected people's first failed attempts (bounded: a drill of 100,000 people lists no more
 * than DRILL_REPORT_ATTEMPT_LIMIT), each with what reached the person afterwards, from the ledger.
 */
async function affectedPeopleAttempts(
  deps: ActivityDeps,
  incidentId: string,
): Promise<{ affectedPeopleAttempts?: { total: number; rows: DrillFailedAttempt[] } }> {
  if (!deps.attemptFailures) return {};
  const { total, rows } = await deps.attemptFailures.list(incidentId, AFFECTED_MILESTONE, DRILL_REPORT_ATTEMPT_LIMIT);
  const ids = [...new Set(rows.map((r) => r.recipientId))];
  const sent = new Set<string>();
  for (const channel of ['email', 'sms'] as const) {
    const entries = await deps.ledger.getBatch(deliveryGroup(incidentId, channel), ids);
    entries.forEach((e, i) => (e?.state === 'sent' ? sent.add(`${ids[i] ?? ''}/${channel}`) : undefined));
  }
  const other: Record<string, LedgerChannel> = { email: 'sms', sms: 'email' };
  return {
    affectedPeopleAttempts: {
      total,
      rows: rows.map((r) => ({
        ...r,
        deliveredBy: sent.has(`${r.recipientId}/${r.channel}`)
          ? 'later-attempt'
          : sent.has(`${r.recipientId}/${other[r.channel] ?? ''}`)
            ? 'other-channel'
            : null,
      })),
    },
  };
}
