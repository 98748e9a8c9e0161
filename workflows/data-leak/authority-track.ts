/**
 * Supervisory-authority notice (GDPR Art. 33, ≤ 72 h) and then the affected people (Art. 34).
 * The notice goes out only after legal approves the exact text (bound by its SHA-256). A notice
 * that would go out after the deadline is redrafted to carry the reasons for the delay, and needs
 * approval again. Approval still missing shortly before the deadline escalates to legal.
 */
import { condition, patched } from '@temporalio/workflow';
import type { Channel } from '../domain/contacts.ts';
import { deliveryCounts } from '../domain/delivery.ts';
import type { AuthorityDelivery, NoticeDraft } from '../domain/status.ts';
import { stepActivities } from '../procedure/activity-proxies.ts';
import { awaitedLater, inBackground } from '../procedure/background.ts';
import { sendNotice } from '../procedure/notice.ts';
import { runStep } from '../procedure/step.ts';
import type { ProcedureContext } from './context.ts';
import { activities, batchActivities } from './context.ts';
import { runAffectedPeopleFanout } from './affected-people-track.ts';
import { legalClocksFor, refreshLegalClocks } from './legal-clocks.ts';
import { meetHeraldClock } from './herald-clocks.ts';
import { completeMilestone, milestone, skipMilestone } from './state.ts';

export async function runAuthorityNotice(ctx: ProcedureContext): Promise<void> {
  const { state } = ctx;
  const notice = () => milestone(state, 'authority-notice');
  const draft = () => state.status.authorityNotice.draft;
  const isLate = () => Date.now() > ctx.dueMs('authority-notice');

  const snapshot = await snapshotAffectedPeople(ctx);
  if (snapshot === null) return notifyAffectedPeople(ctx); // skipped while the CRM was blocked
  state.status.affectedPeople.total = snapshot.total;
  if (state.enforcedClocks) {
    // Every clock from every fact: the people per country and US state, the organisation's profile.
    state.profile ??= await activities.organisationProfile();
    state.affectedByJurisdiction = snapshot.byJurisdiction ?? snapshot.byCountry;
    refreshLegalClocks(state);
    ctx.publish();
  } else {
    state.status.legalClocks = legalClocksFor(state.incident, snapshot.byCountry);
  }
  await ctx.audit('affected.snapshot', 'herald', {
    total: snapshot.total,
    byCountry: snapshot.byCountry,
    ...(snapshot.byJurisdiction ? { byJurisdiction: snapshot.byJurisdiction } : {}),
    legalClocks: (state.status.legalClocks ?? []).map((c) => ({ id: c.id, dueAt: c.dueAt })),
  });
  // A rerun after a failure (guard-track.ts) keeps the draft legal may already be reading.
  if (draft() === null) await redraft(ctx, false);

  let affected: Promise<void> | null = null;
  try {
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
      if (state.resilient) {
        // Art. 34 follows legal's approval, not the authority's mailbox: the people are told meanwhile.
        affected ??= awaitedLater(notifyAffectedPeople(ctx));
        if (await deliverAuthorityNotice(ctx, approved)) break;
        continue; // skipped, or the deadline passed first: the loop redrafts it as late
      }
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
  } catch (err) {
    // Closing cancels this track: the affected people's notice ends first (its page stops), then it.
    await affected?.catch(() => undefined);
    throw err;
  }
  await (affected ?? notifyAffectedPeople(ctx));
}

/** The affected people's snapshot from the CRM; in procedures that own their failures, a CRM step. */
async function snapshotAffectedPeople(ctx: ProcedureContext) {
  const { state } = ctx;
  const read = () =>
    batchActivities.snapshotAffectedPeople({ incidentId: ctx.incidentId, scope: state.incident.crmScope });
  if (!state.resilient) return read();
  const stop = () => milestone(state, 'authority-notice').state === 'skipped';
  return (await runStep(ctx, { service: 'crm', step: 'affected.snapshot', stop }, read))?.value ?? null;
}

/**
 * Sends the approved notice until a provider accepts it for the authority's address (met at that
 * acceptance time). Every address refused it: legal and the DPO are told, and it is sent again
 * after an operator's `retry`. False when it was skipped, or when the deadline passed while an
 * on-time text was still undelivered (a late notice must state the reasons for the delay).
 */
async function deliverAuthorityNotice(ctx: ProcedureContext, approved: NoticeDraft): Promise<boolean> {
  const { state } = ctx;
  const notice = () => milestone(state, 'authority-notice');
  const stop = () => notice().state === 'skipped' || (Date.now() > ctx.dueMs('authority-notice') && !approved.late);
  const delivery: AuthorityDelivery = { version: approved.version, state: 'sending', resends: 0 };
  state.status.authorityNotice.delivery = delivery;
  ctx.publish();
  for (;;) {
    let escalated = false;
    const escalate = (problem: string) => {
      if (escalated) return Promise.resolve();
      escalated = true;
      return escalateUndelivered(ctx, approved, problem);
    };
    const outcome = await sendNotice(ctx, {
      key: `authority-notice:v${approved.version}${delivery.resends ? `:r${delivery.resends}` : ''}`,
      audience: 'supervisory-authority',
      send: (channel) =>
        stepActivities.sendAuthorityNotice({
          incidentId: ctx.incidentId,
          version: approved.version,
          sha256: approved.sha256,
          channels: [channel],
          ...(delivery.resends ? { resend: delivery.resends } : {}),
        }),
      completes: 'authority-notice',
      stop,
      // Nobody accepted it on the first try: legal and the DPO hear at once, not at the deadline.
      onUnreachable: () => inBackground(escalate('not accepted on the first attempt')),
    });
    if (outcome.reached > 0) {
      approved.state = 'sent';
      Object.assign(delivery, { state: 'accepted', acceptedAt: notice().completedAt });
      ctx.publish();
      await ctx.audit('authority-notice.delivered', 'herald', {
        version: approved.version,
        sha256: approved.sha256,
        late: approved.late,
        acceptedAt: delivery.acceptedAt,
        resends: delivery.resends,
      });
      await meetHeraldClock(ctx, 'gdpr:art33:supervisory-authority', Date.parse(delivery.acceptedAt ?? ctx.nowIso()));
      return true;
    }
    if (stop()) return false;
    const problem = (outcome.refusals ?? []).map((r) => `${r.channel}: ${r.reason}`).join('; ') || 'no address';
    Object.assign(delivery, { state: 'refused', problem });
    ctx.publish();
    await ctx.audit('authority-notice.refused', 'herald', { version: approved.version, problem });
    await escalate(problem);
    const epoch = state.retryEpoch ?? 0;
    await condition(() => stop() || (state.retryEpoch ?? 0) !== epoch);
    if (stop()) return false;
    delivery.resends++;
    delivery.state = 'sending';
    ctx.publish();
  }
}

/** Legal's escalation contacts and the DPO: the approved notice has not reached the authority. */
async function escalateUndelivered(ctx: ProcedureContext, approved: NoticeDraft, problem: string): Promise<void> {
  const params = {
    version: String(approved.version),
    sha256: approved.sha256,
    dueAt: milestone(ctx.state, 'authority-notice').dueAt ?? '',
    problem,
    retryCommand: ctx.retryCommand('email'),
  };
  await ctx.audit('escalation.authority-undelivered', 'herald', { version: approved.version, problem });
  const key = `authority-notice:v${approved.version}:undelivered`;
  await Promise.all([
    ctx.notify(`${key}:legal`, 'legal-escalation', 'authority-undelivered', { params }),
    ctx.notify(`${key}:dpo`, 'dpo', 'authority-undelivered', { params }),
  ]);
}

/** Drafts the next version of the notice: late drafts carry the reasons for the delay. */
async function redraft(ctx: ProcedureContext, late: boolean): Promise<void> {
  const { state } = ctx;
  const previous = state.status.authorityNotice.draft;
  const version = (previous?.version ?? 0) + 1;
  const replacementText = state.pendingReplacementText ?? undefined;
  state.redrafting =
    replacementText !== undefined
      ? "legal's corrected text"
      : late
        ? 'late: with the reasons for the delay'
        : 'first draft';
  const result = await activities.draftAuthorityNotice({
    incidentId: ctx.incidentId,
    incident: state.incident,
    version,
    late,
    delayReasons: late ? delayReasons(ctx) : [],
    replacementText,
    draftedAt: ctx.nowIso(),
  });
  // A corrected text legal sent while this draft was being prepared makes the next draft.
  if (state.pendingReplacementText === (replacementText ?? null)) state.pendingReplacementText = null;
  state.redrafting = undefined;
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
    const request = {
      incidentId: ctx.incidentId,
      incident: state.incident,
      version,
      dueAt: milestone(state, 'authority-notice').dueAt ?? '',
      late,
    };
    if (state.resilient) {
      // In the background: legal may approve from the CLI or API while a channel is still failing.
      await ctx.audit('authority-notice.review-requested', 'herald', { version });
      const key = `authority-notice:review:v${version}`;
      const send = (channel: Channel) => stepActivities.requestNoticeApproval({ ...request, channels: [channel] });
      inBackground(sendNotice(ctx, { key, audience: 'legal', send }).then(() => undefined));
      return;
    }
    const summary = await activities.requestNoticeApproval(request);
    ctx.addDeliveries(summary);
    await ctx.audit('authority-notice.review-requested', 'herald', { version, ...deliveryCounts(summary) });
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
  const send = () =>
    ctx.notify('authority-notice:approval-escalation', 'legal-escalation', 'approval-escalation', { params });
  if (state.resilient) {
    await ctx.audit('escalation.approval', 'herald', { dueAt: params.dueAt, version: params.version });
    await send();
    return;
  }
  const summary = await send();
  await ctx.audit('escalation.approval', 'herald', { ...deliveryCounts(summary), dueAt: params.dueAt });
}
