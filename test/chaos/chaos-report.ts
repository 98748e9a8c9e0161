/** The chaos scenario's counts as printed lines, and what makes a run a failure. */
import type { ChaosReport } from './chaos-scenario.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What is wrong with a run; empty when it passed. */
export function chaosProblems(report: ChaosReport): string[] {
  const { deliveries: d } = report;
  const problems: string[] = [];
  if (d.missed > 0) problems.push(`${d.missed} messages missed, e.g. ${d.examples.missed.join(', ')}`);
  if (d.duplicates > 0) problems.push(`${d.duplicates} duplicates, e.g. ${d.examples.duplicated.join(', ')}`);
  for (const m of report.milestones.filter((x) => !x.ok)) {
    problems.push(
      `milestone ${m.id} is ${m.state} without the audit entries for it (${m.evidence.join(', ') || 'none'})`,
    );
  }
  if (!report.audit.ok) problems.push(`the audit chain does not verify: ${report.audit.problem ?? '?'}`);
  if (report.procedure.phase !== 'completed') problems.push(`the procedure ended ${report.procedure.phase}`);
  return problems;
}

/** One line per message provider from its counts (countFaults): requests, sends and each fault kind. */
function perProvider(
  counts: Record<string, Record<string, number>>,
  line: (provider: string, c: { requests?: number; sends?: number; faults: string }) => string,
): string[] {
  return Object.entries(counts)
    .filter(([provider]) => provider === 'sendgrid' || provider === 'twilio')
    .map(([provider, { requests, sends, ...kinds }]) => {
      const faults = Object.entries(kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      return line(provider, { requests, sends, faults });
    });
}

/** Each missed milestone's clock, and what the providers answered before the approval: why it came late. */
function lateLines(late: ChaosReport['late']): string[] {
  if (late.milestones.length === 0) return [];
  const faults = perProvider(late.faultsBeforeApproval, (p, c) => `${p} ${c.sends} sends, ${c.faults || 'no fault'}`);
  return [
    ...late.milestones.map(
      (m) =>
        `  ${m.id} missed: due ${seconds(m.dueAfterMs)} after detection, ` +
        (m.doneAfterMs === null ? 'never done' : `done ${seconds(m.doneAfterMs)} after it`),
    ),
    `  before the approval the providers answered: ${faults.join('; ') || 'nothing'}`,
  ];
}

export function formatChaosReport(report: ChaosReport): string[] {
  const { deliveries: d, timings: t } = report;
  const faults = perProvider(
    report.faults,
    (p, c) => `${p}: ${c.sends} sends of ${c.requests} requests; faults ${c.faults || 'none'}`,
  );
  return [
    `recipients            ${report.recipients}`,
    `required messages     ${d.required} (email ${d.email.required}, sms ${d.sms.required})`,
    `accepted              ${d.accepted} (email ${d.email.accepted}, sms ${d.sms.accepted})`,
    `missed                ${d.missed} (email ${d.email.missed}, sms ${d.sms.missed})`,
    `duplicates            ${d.duplicates} (email ${d.email.duplicates}, sms ${d.sms.duplicates})`,
    ...faults.map((line) => `faults injected       ${line}`),
    `worker kills          ${report.workerKills} (unplanned worker exits ${report.workerExits})`,
    `server restarts       ${report.serverRestarts}`,
    ...report.events.map(
      (e) =>
        `  ${e.kind.padEnd(15)} at ${seconds(e.atMs)} of fan-out, ${e.accepted} accepted; back in ${seconds(e.recoveryMs)}, ` +
        (e.stallMs === undefined
          ? 'the fan-out ended before it moved again'
          : `sending again after ${seconds(e.stallMs)}`),
    ),
    `milestones            ${report.milestones.map((m) => `${m.id} ${m.state}${m.ok ? '' : ' (NOT accounted for)'}`).join(', ')}`,
    ...lateLines(report.late),
    `audit chain           ${report.audit.ok ? 'verified' : `BROKEN: ${report.audit.problem}`}, ${report.audit.entries} entries (${report.audit.incidentEntries} for this incident)`,
    `procedure             ${report.procedure.phase}, affected people ${report.procedure.affectedNotified}/${report.procedure.affectedTotal ?? '?'} notified`,
    ...Object.entries(report.trails).flatMap(([to, lines]) => [`requests for ${to}:`, ...lines.map((l) => `  ${l}`)]),
    `wall time             ${seconds(t.wallMs)} (setup ${seconds(t.setupMs)}, trigger → approval ${seconds(t.triggerToApprovalMs)}, fan-out ${seconds(t.fanOutMs)})`,
  ];
}
