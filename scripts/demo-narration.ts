/** Turns successive status snapshots into the demo's lines: what changed, on the procedure clock. */
import type { ProcedureStatus } from '../workflows/domain/status.ts';

/** "T+01:05:00" — hours:minutes:seconds since awareness, in policy time. */
export function formatPolicyTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/**
 * What changed between two snapshots, in words; `policyTime` turns an ISO instant into the
 * procedure's clock (the demo compresses time, so wall-clock instants mean little).
 */
export function describeChanges(
  before: ProcedureStatus | null,
  after: ProcedureStatus,
  policyTime: (iso: string) => string,
): string[] {
  const lines: string[] = [];
  for (const m of after.milestones) {
    const old = before?.milestones.find((x) => x.id === m.id);
    if (!old) {
      lines.push(`milestone ${m.id} due ${m.dueAt ? policyTime(m.dueAt) : 'without undue delay'}`);
    } else if (old.state !== m.state || old.completedAt !== m.completedAt) {
      const done = m.completedAt ? ` (done at ${policyTime(m.completedAt)})` : '';
      lines.push(`milestone ${m.id}: ${m.state}${done}${m.note ? ` — ${m.note}` : ''}`);
    }
  }
  if (after.escalationLevel !== (before?.escalationLevel ?? 0)) {
    lines.push(`nobody acknowledged: escalated to on-call level ${after.escalationLevel}`);
  }
  const draft = after.authorityNotice.draft;
  const oldDraft = before?.authorityNotice.draft;
  if (draft && (draft.version !== oldDraft?.version || draft.state !== oldDraft?.state)) {
    lines.push(`authority notice v${draft.version}${draft.late ? ' (late)' : ''}: ${draft.state}`);
  }
  const { total, notified } = after.affectedPeople;
  if (total !== (before?.affectedPeople.total ?? null)) lines.push(`CRM snapshot: ${total} affected people`);
  if (notified !== (before?.affectedPeople.notified ?? 0))
    lines.push(`affected people notified: ${notified}/${total ?? '?'}`);
  if (after.phase !== before?.phase && before) lines.push(`procedure ${after.phase}`);
  return lines;
}
