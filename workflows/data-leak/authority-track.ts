/**
 * Supervisory-authority notice (GDPR Art. 33, ≤ 72 h) and then the affected people (Art. 34).
 * The notice goes out only after legal approves the exact text (bound by its SHA-256). A notice
 * that would go out after the deadline is redrafted to carry the reasons for the delay, and needs
 * approval again. Approval still missing shortly before the deadline escalates to legal.
 */
import { condition, patched } from '@temporalio/workflow';
import type { ProcedureContext } from './context.ts';
import { activities, batchActivities } from './context.ts';
import { runAffectedPeopleFanout } from './affected-people-track.ts';
import { legalClocksFor } from './legal-clocks.ts';
import { completeMilestone, milestone, skipMilestone } from './state.ts';

export async function runAuthorityNotice(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const notice = () => milestone(state, 'authority-notice');
  const draft = () => state.status.authorityNotice.draft;
  const isLate = () => Date.now() > ctx.dueMs('authority-notice');

  const snapshot = await batchActivities.snapshotAffectedPeople({
    incidentId: ctx.incidentId,
    scope: state.incident.crmScope,
  });
  state.status.affectedPeople.total = snapshot.total;
  state.status.legalClocks = legalClocksFor(state.incident, snapshot.byCountry);
  await ctx.audit('affected.snapshot', 'herald', {
    total: snapshot.total,
    byCountry: snapshot.byCountry,
    legalClocks: state.status.legalClocks.map((c) => ({ id: c.id, dueAt: c.dueAt })),
  });
  await redraft(ctx, false);

  for (;;) {
    await condition(
      () =>
        notice().state === 'skipped' ||
        draft()?.state === 'approved' ||
        state.pendingReplacementText !== null ||
        (isLate() && draft()?.late === false),
    );
    if (notice().state === 'skipped') break;
    if (state.pendingReplacementText !== null || (isLate() && draft()?.late === false)) {
      await redraft(ctx, isLate());
      continue;
    }
    await ctx.gate('authority-notice');
    if (notice().state === 'skipped') break;
    if (isLate() && draft()?.late === false) continue; // the pause outlasted the deadline
    const approved = draft();
    if (!approved) continue;
    const delivery = await activities.sendAuthorityNotice({
      incidentId: ctx.incidentId,
      version: approved.version,
      sha256: approved.sha256,
    });
    ctx.addDeliveries(delivery);
    approved.state = 'sent';
    completeMilestone(state, 'authority-notice', Date.now());
    await ctx.audit('milestone.authority-notice.sent', 'herald', {
      version: approved.version,
      sha256: approved.sha256,
      late: approved.late,
      ...delivery,
    });
    ctx.publish();
    break;
  }
  await notifyAffectedPeople(ctx);
}

/** Drafts the next version of the notice: late drafts carry the reasons for the delay. */
async function redraft(ctx: ProcedureContext, late: boolean): Promise<void> {
  const { state } = ctx;
  const previous = state.status.authorityNotice.draft;
  const version = (previous?.version ?? 0) + 1;
  const replacementText = state.pendingReplacementText ?? undefined;
  const result = await activities.draftAuthorityNotice({
    incidentId: ctx.incidentId,
    incident: state.incident,
    version,
    late,
    delayReasons: late ? delayReasons(ctx) : [],
    replacementText,
    draftedAt: ctx.nowIso(),
  });
  state.pendingReplacementText = null;
  state.draftText = result.text;
  state.status.authorityNotice.draft = {
    version,
    sha256: result.sha256,
    late,
    state: 'pending-approval',
    createdAt: ctx.nowIso(),
  };
  await ctx.audit('authority-notice.drafted', 'herald', {
    version,
    sha256: result.sha256,
    late,
    replacement: replacementText !== undefined,
  });
  ctx.publish();
  // Added after the first release: histories recorded before it never asked legal to review.
  if (patched('notice-review-request')) {
    const summary = await activities.requestNoticeApproval({
      incidentId: ctx.incidentId,
      incident: state.incident,
      version,
      dueAt: milestone(state, 'authority-notice').dueAt ?? '',
      late,
    });
    ctx.addDeliveries(summary);
    await ctx.audit('authority-notice.review-requested', 'herald', { version, ...summary });
  }
}

/** Reasons for a late notice, from what the procedure itself recorded (GDPR Art. 33(1)). */
function delayReasons(ctx: ProcedureContext): string[] {
  const { status } = ctx.state;
  const reasons = [
    `Legal approval of the notice text was still pending when the 72-hour deadline passed at ${milestone(ctx.state, 'authority-notice').dueAt}.`,
  ];
  for (const r of status.authorityNotice.rejections) {
    reasons.push(`Draft v${r.version} was rejected by ${r.by} at ${r.at} for correction: ${r.reason}`);
  }
  for (const pause of ctx.state.pauses) {
    reasons.push(`The procedure was paused by ${pause.by} at ${pause.at}: ${pause.reason}`);
  }
  return reasons;
}

async function notifyAffectedPeople(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  if (milestone(state, 'authority-notice').state === 'skipped') {
    skipMilestone(state, 'affected-people', 'not required: the authority notice was skipped (Art. 34 follows Art. 33)');
    ctx.publish();
    return;
  }
  // Added after the first release: histories recorded before it sent the batches themselves.
  if (patched('mass-fanout')) {
    await runAffectedPeopleFanout(ctx);
    return;
  }
  const total = state.status.affectedPeople.total ?? 0;
  const batchSize = state.timing.notifyBatchSize;
  for (let offset = 0; offset < total; offset += batchSize) {
    await ctx.gate('affected-people');
    if (milestone(state, 'affected-people').state === 'skipped') return;
    const result = await batchActivities.notifyAffectedBatch({
      incidentId: ctx.incidentId,
      incident: state.incident,
      offset,
      limit: batchSize,
    });
    state.status.affectedPeople.notified += result.processed;
    ctx.addDeliveries(result);
  }
  completeMilestone(state, 'affected-people', Date.now());
  await ctx.audit('milestone.affected-people.notified', 'herald', { total, deliveries: state.status.deliveries });
  ctx.publish();
}

/** Escalates to legal's escalation contacts when approval is still missing near the deadline. */
export async function watchApproval(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const settled = () => {
    const m = milestone(state, 'authority-notice');
    return (
      m.state === 'skipped' || m.completedAt !== undefined || state.status.authorityNotice.draft?.state === 'approved'
    );
  };
  const escalateAt = ctx.dueMs('authority-notice') - state.timing.approvalEscalationLeadMs;
  if (await ctx.waitUntil(settled, escalateAt)) return;
  await ctx.gate('authority-notice');
  if (settled()) return;
  const draft = state.status.authorityNotice.draft;
  const params = {
    dueAt: milestone(state, 'authority-notice').dueAt ?? '',
    version: String(draft?.version ?? 0),
    sha256: draft?.sha256 ?? '',
    late: String(draft?.late ?? false),
  };
  const summary = await ctx.notify('authority-notice:approval-escalation', 'legal-escalation', 'approval-escalation', {
    params,
  });
  await ctx.audit('escalation.approval', 'herald', { ...summary, dueAt: params.dueAt });
}
