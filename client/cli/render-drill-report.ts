/** A drill's report in lines for people: `herald drill report` and the demo print it. */
import type { DrillFailedAttempt, DrillReport } from '../../workflows/domain/drill-report.ts';

const minutes = (v: number | null): string => (v === null ? '—' : `${v} min`);

/** The change in time to acknowledge against the drill before, in words. */
function ackChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  if (change < 0) return ` (${change} min: better)`;
  return change > 0 ? ` (+${change} min: worse)` : ' (same)';
}

const DELIVERED_BY: Record<string, string> = {
  'later-attempt': 'delivered by a later attempt',
  'other-channel': 'reached on the other channel',
};

/** One failed attempt: when, whom (by id), how, and what reached the person after. */
function attemptLine(a: DrillFailedAttempt): string {
  const failure = [a.failureType, a.status, a.code].filter((v) => v !== undefined).join(' ');
  const after = (a.deliveredBy && DELIVERED_BY[a.deliveredBy]) ?? 'not delivered';
  return `    ${a.at} ${a.recipientId} ${a.channel} ${a.provider} ${failure}: ${after}`;
}

/** The affected people's failed attempts one by one, and how many past the list. */
function affectedAttemptLines(r: DrillReport): string[] {
  const a = r.affectedPeopleAttempts;
  if (!a || a.total === 0) return [];
  return [
    `  affected people's failed attempts: ${a.total}`,
    ...a.listed.map(attemptLine),
    ...(a.more > 0 ? [`    … and ${a.more} more`] : []),
  ];
}

export function drillReportLines(r: DrillReport & { ackChangePolicyMinutes?: number | null }): string[] {
  return [
    `${r.drillId} ${r.procedure} scenario=${r.scenario} ack=${minutes(r.timeToAcknowledgePolicyMinutes)}${ackChange(r.ackChangePolicyMinutes)} ` +
      `escalations=${r.escalations.length} fallbacks=${r.fallbacks.length} blocked=${r.blockedSteps.length} ` +
      `failed-attempts=${(r.failedAttempts ?? []).reduce((n, f) => n + f.attempts, 0)}`,
    ...r.milestones.map((m) => `  ${m.id}: ${m.state}, slack ${minutes(m.slackPolicyMinutes)}`),
    `  answered: ${r.answeredBy.map((a) => `${a.actor} (${a.action})`).join(', ') || 'nobody'}`,
    ...affectedAttemptLines(r),
    ...r.findings.map((f) => `  finding: ${f}`),
  ];
}
