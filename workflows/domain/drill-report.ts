/**
 * A drill's report: how the practice went, from the procedure's final status and its audit trail.
 * Pure: the activity that stores it (activities/drills/complete-drill.ts) and the CLI that lists
 * the reports (`herald drill report`) share it.
 */
import type { Drill } from './drill.ts';

/** The audit entries the report reads (a structural subset of the store's entries). */
export interface DrillAuditEntry {
  type: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/** What a finished procedure tells the report, whatever the procedure. */
export interface DrillOutcome {
  detectedAt: string;
  phase: string;
  milestones: { id: string; state: string; dueAt: string | null; completedAt?: string }[];
  acknowledgement: { by: { id: string }; at: string } | null;
}

/** At most this many failed attempts of the affected people's notification are listed one by one. */
export const DRILL_REPORT_ATTEMPT_LIMIT = 50;

/** One failed provider attempt to notify an affected person: ids and failure classes, no address, no name. */
export interface DrillFailedAttempt {
  recipientId: string;
  channel: string;
  provider: string;
  /** The failure's class: InvalidRecipient, RateLimited, ResponseError… */
  failureType: string;
  status?: number;
  /** The provider's own code (Twilio 21610…). */
  code?: string;
  /** When the attempt was made. */
  at: string;
  /** What reached the person afterwards: a later attempt on the same channel, another channel (the other page or the follow-up), or nothing. */
  deliveredBy: 'later-attempt' | 'other-channel' | null;
}

export interface DrillMilestone {
  id: string;
  state: string;
  /** Due time minus completion time, in the policy's minutes (scaled back); negative: late. */
  slackPolicyMinutes: number | null;
}

export interface DrillReport {
  drillId: string;
  procedure: 'data-leak' | 'lockout';
  scenario: Drill['scenario'];
  startedBy: string;
  startedAt: string;
  finishedAt: string;
  /** The compression the drill ran with (1/720: 72 h in 6 min); the policy's clocks never change. */
  timeScale: number;
  /** From awareness to the first acknowledgement, in the policy's minutes; null: nobody answered. */
  timeToAcknowledgePolicyMinutes: number | null;
  milestones: DrillMilestone[];
  escalations: { type: string; at: string }[];
  /** Who answered what: every operator action, in order. */
  answeredBy: { actor: string; action: string; at: string }[];
  fallbacks: { at: string; from: string; to: string }[];
  /** Services a failure held up, and the step it first held up; `permanent`: blocked, else failing and retried. */
  blockedSteps: { at: string; service: string; step: string; permanent: boolean; failureType: string }[];
  /**
   * Provider attempts that failed and were retried (`delivery.attempt-failed`), per channel: how
   * many, for how many sends, and how many of those sends went through later — a short outage the
   * retries rode out shows here. Absent from reports stored before it was counted.
   */
  failedAttempts?: { channel: string; attempts: number; sends: number; laterSent: number }[];
  /**
   * The affected people's notification: its failed provider attempts one by one, oldest first, at
   * most DRILL_REPORT_ATTEMPT_LIMIT; `more` is how many past the list. Data-leak drills only;
   * absent from reports stored before it was kept.
   */
  affectedPeopleAttempts?: { total: number; listed: DrillFailedAttempt[]; more: number };
  findings: string[];
}

const MINUTE_MS = 60_000;
/** The ops alert's policy: acknowledged within 15 min (workflows/domain/policy.ts). */
const ACK_TARGET_MINUTES = 15;

function policyMinutes(fromIso: string, toIso: string, timeScale: number): number {
  return Math.round(((Date.parse(toIso) - Date.parse(fromIso)) / timeScale / MINUTE_MS) * 10) / 10;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

export interface DrillReportInput {
  drillId: string;
  procedure: DrillReport['procedure'];
  drill: Drill;
  timeScale: number;
  outcome: DrillOutcome;
  entries: readonly DrillAuditEntry[];
  finishedAt: string;
  /** The affected people's failed attempts: how many in all, the first ones with what reached the person after. */
  affectedPeopleAttempts?: { total: number; rows: readonly DrillFailedAttempt[] };
}

export function buildDrillReport(input: DrillReportInput): DrillReport {
  const { outcome, entries, timeScale } = input;
  const milestones = outcome.milestones.map((m) => ({
    id: m.id,
    state: m.state,
    slackPolicyMinutes:
      m.dueAt !== null && m.completedAt !== undefined ? policyMinutes(m.completedAt, m.dueAt, timeScale) : null,
  }));
  const ack = outcome.acknowledgement;
  const report: DrillReport = {
    drillId: input.drillId,
    procedure: input.procedure,
    scenario: input.drill.scenario,
    startedBy: input.drill.startedBy,
    startedAt: outcome.detectedAt,
    finishedAt: input.finishedAt,
    timeScale,
    timeToAcknowledgePolicyMinutes: ack ? policyMinutes(outcome.detectedAt, ack.at, timeScale) : null,
    milestones,
    escalations: entries.filter((e) => e.type.startsWith('escalation.')).map((e) => ({ type: e.type, at: e.at })),
    answeredBy: entries
      .filter(
        (e) => e.type.startsWith('operator.') && e.type !== 'operator.action-refused' && e.type !== 'operator.refused',
      )
      .map((e) => ({ actor: e.actor, action: e.type.slice('operator.'.length), at: e.at })),
    fallbacks: entries.flatMap((e) => {
      if (e.type === 'delivery.fallback') return [{ at: e.at, from: text(e.data.from), to: text(e.data.to) }];
      // The lockout's customers from the last-known-good snapshot: the CRM failed (a frozen user).
      if (e.type === 'contacts.fallback-to-snapshot') {
        return [{ at: e.at, from: 'crm', to: `snapshot ${text(e.data.snapshotId)} (${text(e.data.ageHours)} h old)` }];
      }
      return [];
    }),
    blockedSteps: entries.flatMap((e) => {
      if (e.type === 'service.blocked' || e.type === 'service.failing') {
        return [
          {
            at: e.at,
            service: text(e.data.service),
            step: text(e.data.step),
            permanent: e.type === 'service.blocked',
            failureType: text(e.data.failureType),
          },
        ];
      }
      // CRM down and no snapshot: the lockout's customer notices had nobody to go to.
      if (e.type === 'contacts.unavailable') {
        return [{ at: e.at, service: 'crm', step: 'customer-contacts', permanent: true, failureType: 'NoSnapshot' }];
      }
      return [];
    }),
    failedAttempts: failedAttemptsOf(entries),
    ...(input.affectedPeopleAttempts ? { affectedPeopleAttempts: boundedAttempts(input.affectedPeopleAttempts) } : {}),
    findings: [],
  };
  report.findings = findingsOf(report, outcome.phase);
  return report;
}

/** Failed attempts per channel, from the audit trail (see DrillReport.failedAttempts). */
function failedAttemptsOf(entries: readonly DrillAuditEntry[]): NonNullable<DrillReport['failedAttempts']> {
  const sendKey = (e: DrillAuditEntry) =>
    `${text(e.data.milestone)}/${text(e.data.recipientId)}/${text(e.data.channel)}`;
  const sent = new Set(entries.filter((e) => e.type === 'delivery.sent').map(sendKey));
  const byChannel = new Map<string, { attempts: number; sends: Set<string> }>();
  for (const e of entries.filter((x) => x.type === 'delivery.attempt-failed')) {
    const channel = text(e.data.channel);
    const row = byChannel.get(channel) ?? { attempts: 0, sends: new Set<string>() };
    row.attempts++;
    row.sends.add(sendKey(e));
    byChannel.set(channel, row);
  }
  return [...byChannel].map(([channel, row]) => ({
    channel,
    attempts: row.attempts,
    sends: row.sends.size,
    laterSent: [...row.sends].filter((k) => sent.has(k)).length,
  }));
}

/** The first DRILL_REPORT_ATTEMPT_LIMIT attempts and how many more there were. */
function boundedAttempts(attempts: {
  total: number;
  rows: readonly DrillFailedAttempt[];
}): NonNullable<DrillReport['affectedPeopleAttempts']> {
  const listed = attempts.rows.slice(0, DRILL_REPORT_ATTEMPT_LIMIT);
  return { total: attempts.total, listed, more: Math.max(0, attempts.total - listed.length) };
}

/** What the team should look at, in words; empty when the drill went by the book. */
function findingsOf(report: DrillReport, phase: string): string[] {
  const findings: string[] = [];
  const ttA = report.timeToAcknowledgePolicyMinutes;
  if (ttA === null) findings.push('nobody acknowledged the ops alert');
  else if (ttA > ACK_TARGET_MINUTES) {
    findings.push(`acknowledged after ${ttA} policy minutes, beyond the ${ACK_TARGET_MINUTES}-minute alert`);
  }
  for (const m of report.milestones) {
    if (m.state === 'missed') findings.push(`milestone ${m.id} was missed`);
    else if (m.state === 'pending') findings.push(`milestone ${m.id} never completed`);
  }
  if (report.escalations.length > 0) findings.push(`${report.escalations.length} escalation(s) were raised`);
  for (const b of report.blockedSteps) {
    findings.push(`${b.service} ${b.permanent ? 'blocked' : 'failing'} (${b.failureType}) held up ${b.step}`);
  }
  for (const f of report.failedAttempts ?? []) {
    findings.push(
      `${f.attempts} ${f.channel} attempt(s) failed for ${f.sends} send(s) and were retried; ${f.laterSent} went through later`,
    );
  }
  const affected = report.affectedPeopleAttempts;
  if (affected && affected.total > 0) {
    const unreached = affected.listed.filter((a) => a.deliveredBy === null).length;
    findings.push(
      `${affected.total} attempt(s) to notify affected people failed` +
        (affected.more > 0 ? ` (the first ${affected.listed.length} listed` : ' (listed') +
        `; for ${unreached} of those listed nothing reached the person afterwards)`,
    );
  }
  const crm = report.fallbacks.filter((f) => f.from === 'crm');
  for (const f of crm) findings.push(`the CRM failed: customer contacts came from the ${f.to}`);
  const sends = report.fallbacks.length - crm.length;
  if (sends > 0) findings.push(`${sends} send(s) fell back to another channel`);
  if (phase === 'closed') findings.push('the drill was closed before it completed');
  return findings;
}

/** Drills oldest first, with the change in time to acknowledge against the one before of the same procedure. */
export function drillTrend(
  reports: readonly DrillReport[],
): (DrillReport & { ackChangePolicyMinutes: number | null })[] {
  const sorted = [...reports].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const last = new Map<string, number | null>();
  return sorted.map((r) => {
    const before = last.get(r.procedure);
    last.set(r.procedure, r.timeToAcknowledgePolicyMinutes);
    const change =
      before !== undefined && before !== null && r.timeToAcknowledgePolicyMinutes !== null
        ? Math.round((r.timeToAcknowledgePolicyMinutes - before) * 10) / 10
        : null;
    return { ...r, ackChangePolicyMinutes: change };
  });
}
