/** The `status` screen: every milestone with its due time, a live countdown and progress. */
import type { BlockedService } from '../../workflows/domain/blocked.ts';
import type { FanoutEstimate } from '../../workflows/domain/fanout-estimate.ts';
import type { DeliveryCounts, LegalClock, MilestoneStatus, ProcedureStatus } from '../../workflows/domain/status.ts';
import { bothZones } from './local-time.ts';

/** "2h 05m", "14m 09s", "45s": the distance between two instants, largest units first. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor(s / 3600) % 24;
  const m = Math.floor(s / 60) % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m)}m`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s % 60)}s`;
  return `${s % 60}s`;
}

/** "in 14m 09s" before a due time, "9m 51s ago" after it. */
export function countdown(dueAt: string, nowMs: number): string {
  const left = Date.parse(dueAt) - nowMs;
  return left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(left)} ago`;
}

/** A fixed-width bar: `[######----------]  37%`. */
export function progressBar(done: number, total: number, width = 24): string {
  const ratio = total <= 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`;
}

/** One milestone: id, state, due time, countdown or completion, note. */
export function milestoneLine(m: MilestoneStatus<string>, nowMs: number, timeZone?: string): string {
  const due = m.dueAt === null ? 'without undue delay' : bothZones(m.dueAt, timeZone, true);
  const when =
    m.state === 'pending' && m.dueAt !== null
      ? countdown(m.dueAt, nowMs)
      : m.completedAt !== undefined
        ? `done ${bothZones(m.completedAt, timeZone, true)}`
        : '';
  const note = m.note ? `  — ${m.note}` : '';
  return `  ${m.id.padEnd(20)} ${m.state.padEnd(8)} due ${due.padEnd(20)} ${when}${note}`;
}

/** Delivery counts of both channels, in one line. */
export function deliveriesLine(d: { email: DeliveryCounts; sms: DeliveryCounts }): string {
  return `Deliveries: ${deliveries('email', d.email)}; ${deliveries('sms', d.sms)}`;
}

function deliveries(channel: string, c: DeliveryCounts): string {
  return `${channel} ${c.accepted} accepted, ${c.failed} failed, ${c.duplicatesSkipped} duplicates skipped`;
}

/** "detected …; next deadline … (in …)": the head line of both status screens. */
export function detectedLine(
  status: { detectedAt: string; nextDeadline?: string | null | undefined },
  nowMs: number,
  timeZone?: string,
): string {
  const next = status.nextDeadline;
  return (
    `  detected ${bothZones(status.detectedAt, timeZone, true)}` +
    (next ? `; next deadline ${bothZones(next, timeZone, true)} (${countdown(next, nowMs)})` : '')
  );
}

/** The human view of a status snapshot at `nowMs`; times in UTC and in `timeZone`. */
export function renderStatus(status: ProcedureStatus, nowMs: number, timeZone?: string): string {
  const lines = [
    `Incident ${status.incidentId} (${status.severity}) — ${status.phase}` +
      (status.closedReason ? `: ${status.closedReason}` : ''),
    detectedLine(status, nowMs, timeZone),
    '',
    'Milestones',
    ...status.milestones.map((m) => milestoneLine(m, nowMs, timeZone)),
    '',
    status.acknowledgement
      ? `Acknowledged by ${status.acknowledgement.by.id} (${status.acknowledgement.by.role}) at ${status.acknowledgement.at}`
      : `Not acknowledged; escalation level ${status.escalationLevel}`,
  ];
  if (status.legalClocks && status.legalClocks.length > 0)
    lines.push('', ...legalClockLines(status.legalClocks, nowMs, timeZone), '');
  const { draft, pendingApprovals, rejections } = status.authorityNotice;
  if (draft) {
    lines.push(
      `Authority notice draft v${draft.version}${draft.late ? ' (late: states the reasons for the delay)' : ''}: ${draft.state}, sha256 ${draft.sha256}`,
    );
  }
  for (const pending of pendingApprovals) lines.push(`  awaiting ${pending}`);
  for (const r of rejections) lines.push(`  v${r.version} rejected by ${r.by} at ${r.at}: ${r.reason}`);
  const { total, notified } = status.affectedPeople;
  lines.push(
    total === null
      ? 'Affected people: not yet looked up'
      : `Affected people: ${notified}/${total} notified ${progressBar(notified, total)}`,
    deliveriesLine(status.deliveries),
  );
  const estimate = status.affectedPeople.estimate;
  if (estimate && notified !== total) lines.push(estimateLine(estimate, nowMs, timeZone));
  const followUp = status.affectedPeople.followUp;
  if (followUp) lines.push(followUpLine(followUp, nowMs, timeZone));
  const delivery = status.authorityNotice.delivery;
  if (delivery && delivery.state !== 'accepted') {
    lines.push(
      `Authority notice v${delivery.version}: ${delivery.state}${delivery.problem ? ` — ${delivery.problem}` : ''}`,
    );
  }
  lines.push(...blockedLines(status.blocked ?? [], nowMs, `herald incident retry ${status.incidentId}`));
  return lines.join('\n');
}

/** Services a failure holds up: what, since when, why, what waits, and the command that retries. */
export function blockedLines(blocked: readonly BlockedService[], nowMs: number, retryCommand: string): string[] {
  if (blocked.length === 0) return [];
  return [
    '',
    'Held up by failing services',
    ...blocked.flatMap((b) => [
      `  ${b.service.padEnd(9)} ${b.permanent ? 'BLOCKED' : 'failing'} since ${b.since.slice(0, 19).replace('T', ' ')}Z ` +
        `(${formatDuration(nowMs - Date.parse(b.since))}): ${b.failureType} — ${b.cause}`,
      `            waiting: ${b.steps.join(', ') || 'nothing'}` +
        (b.permanent ? `; re-checked ${b.rechecks} times; retry now: ${retryCommand} --service ${b.service}` : ''),
    ]),
  ];
}

/** When the mass notification should finish, against its deadline. */
export function estimateLine(estimate: FanoutEstimate, nowMs: number, timeZone?: string): string {
  const at = (iso: string) => `${bothZones(iso, timeZone)} (${countdown(iso, nowMs)})`;
  const due = estimate.dueAt ? `, due ${at(estimate.dueAt)}` : '';
  const risk = estimate.atRisk ? ' — AT RISK: estimated after the deadline, escalated' : '';
  return `  estimated to finish ${at(estimate.finishAt)}${due}${risk}; ${estimate.basis}`;
}

/**
 * The next-channel follow-up after the providers' delivery reports: "Next channel: 3 failed (2
 * email, 1 SMS); resent 1 email, 1 SMS; 1 unreachable", and while someone's SMS waits for the end of
 * their quiet hours, how many and when the first goes.
 */
export function followUpLine(followUp: FollowUp, nowMs: number, timeZone?: string): string {
  const { failed, resent, unreachable, waiting } = followUp;
  const line =
    `Next channel: ${failed.email + failed.sms} failed (${failed.email} email, ${failed.sms} SMS); ` +
    `resent ${resent.email} email, ${resent.sms} SMS; ${unreachable} unreachable`;
  if (waiting === undefined) return line;
  const first = `${bothZones(waiting.resumeAt, timeZone)} (${countdown(waiting.resumeAt, nowMs)})`;
  return `${line}; ${waiting.people} SMS waiting for the end of their quiet hours, first at ${first}`;
}

type FollowUp = NonNullable<ProcedureStatus['affectedPeople']['followUp']>;

/** True once the procedure will not change any more. */
export function isFinished(status: ProcedureStatus): boolean {
  return status.phase === 'completed' || status.phase === 'closed';
}

/** A clock's state where the procedure enforces it: met (and how), missed, or pending (and who files). */
function clockState(c: LegalClock): string {
  if (c.state === undefined) return '';
  const how = c.meansOfMeeting === 'herald-sends' ? 'Herald sends' : 'operator files';
  if (c.state === 'met') return ` [met ${c.metAt ?? ''}${c.submission ? `, ${c.submission.reference}` : ''}]`;
  if (c.state === 'missed') return ` [MISSED${c.metAt ? `, met late ${c.metAt}` : ''}]`;
  return ` [pending, ${how}${c.warnedAt ? ', AT RISK' : ''}] id ${c.id}`;
}

/** Every legal clock with its countdown and source. */
export function legalClockLines(clocks: readonly LegalClock[], nowMs: number, timeZone?: string): string[] {
  return [
    'Legal clocks (regulatory engine)',
    ...clocks.map((c) => {
      const when = c.dueAt === null ? c.period : `due ${bothZones(c.dueAt, timeZone)} (${countdown(c.dueAt, nowMs)})`;
      return `  ${`${c.regime} ${c.jurisdiction}`.padEnd(20)} ${c.title} — ${when}${clockState(c)}; ${c.source}`;
    }),
  ];
}
