/** A drill's report in lines for people: `herald drill report` and the demo print it. */
import type { DrillReport } from '../../workflows/domain/drill-report.ts';

const minutes = (v: number | null): string => (v === null ? '—' : `${v} min`);

/** The change in time to acknowledge against the drill before, in words. */
function ackChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  if (change < 0) return ` (${change} min: better)`;
  return change > 0 ? ` (+${change} min: worse)` : ' (same)';
}

export function drillReportLines(r: DrillReport & { ackChangePolicyMinutes?: number | null }): string[] {
  return [
    `${r.drillId} ${r.procedure} scenario=${r.scenario} ack=${minutes(r.timeToAcknowledgePolicyMinutes)}${ackChange(r.ackChangePolicyMinutes)} ` +
      `escalations=${r.escalations.length} fallbacks=${r.fallbacks.length} blocked=${r.blockedSteps.length} ` +
      `failed-attempts=${(r.failedAttempts ?? []).reduce((n, f) => n + f.attempts, 0)}`,
    ...r.milestones.map((m) => `  ${m.id}: ${m.state}, slack ${minutes(m.slackPolicyMinutes)}`),
    `  answered: ${r.answeredBy.map((a) => `${a.actor} (${a.action})`).join(', ') || 'nobody'}`,
    ...r.findings.map((f) => `  finding: ${f}`),
  ];
}
