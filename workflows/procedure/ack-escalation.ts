/**
 * An alert that needs acknowledgement: page the on-call ladder's first level by SMS and email,
 * then one level up every unacknowledged interval. At the top of the ladder it re-pages a bounded
 * number of times, then records that escalation is exhausted.
 */
import { condition, patched } from '@temporalio/workflow';
import type { ContactGroup } from '../domain/contacts.ts';
import { activities } from './activity-proxies.ts';
import { awaitedLater } from './background.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

const TOP_LEVEL_REPAGES = 3;

export interface AlertPlan<T extends string> {
  /** The milestone the first accepted page meets; also the ledger prefix and send-now key. */
  milestone: string;
  group: ContactGroup;
  alertTemplate: T;
  escalationTemplate: T;
  /** Sent with the first page too (e.g. compliance on-call beside engineering). */
  alsoAlert?: ContactGroup[];
  /** Escalation also stops when this holds (e.g. the lockout was resolved before anyone acknowledged). */
  stopWhen?: () => boolean;
}

export async function runAckEscalation<T extends string>(
  ctx: ProcedureContextBase<CoreState, T>,
  plan: AlertPlan<T>,
): Promise<void> {
  if (ctx.state.resilient) return runLadder(ctx, plan);
  return runLegacyLadder(ctx, plan);
}

/** Added after the first release: the first page no longer waits for the directory read. */
export const DIRECTORY_AFTER_FIRST_PAGE_PATCH = 'directory-after-first-page';

/**
 * Every page its own notice in the background, so a channel that keeps failing never holds up the
 * ladder: the next level is paged after the interval, or at once when nobody at this level could
 * be reached on any channel. The first acceptance meets the milestone at its acceptance time; an
 * acknowledgement before any page was accepted meets it at the acknowledgement. Past the top of
 * the ladder, the directory's last-resort contact is paged.
 */
async function runLadder<T extends string>(ctx: ProcedureContextBase<CoreState, T>, plan: AlertPlan<T>): Promise<void> {
  const { state } = ctx;
  const id = plan.milestone;
  const skipped = () => ctx.milestone(id).state === 'skipped';
  const acknowledged = () => state.status.acknowledgement !== null || (plan.stopWhen?.() ?? false);
  const done = () => acknowledged() || skipped();

  await ctx.gate(id);
  if (skipped()) return;
  // The ladder's shape is needed for escalating, not for the first page: read it after that page
  // is on its way (procedures started before the patch read it first, as they did).
  const directoryFirst = !patched(DIRECTORY_AFTER_FIRST_PAGE_PATCH);
  const directoryRead = directoryFirst ? await activities.describeDirectory() : undefined;
  const pages: Promise<unknown>[] = [];
  // The alert itself, to the ladder and to any group alerted beside it (first-page-first.ts).
  const firstPages = [`${id}:L0`, ...(plan.alsoAlert ?? []).map((group) => `${id}:${group}`)];
  let unreachableUpTo = -1;
  const page = (key: string, group: ContactGroup, template: T, level?: number, params?: Record<string, string>) => {
    const onLadder = group === plan.group;
    // The alert itself goes out even after an acknowledgement (late, if need be); escalations do not.
    const first = key === `${id}:L0`;
    pages.push(
      awaitedLater(
        ctx.notify(key, group, template, {
          level,
          params,
          stop: first ? skipped : done,
          firstPage: state.firstPageFirst === true && firstPages.includes(key),
          ...(onLadder ? { completes: id } : {}),
          onUnreachable: () => {
            if (onLadder && level !== undefined) unreachableUpTo = Math.max(unreachableUpTo, level);
          },
        }),
      ),
    );
  };

  page(`${id}:L0`, plan.group, plan.alertTemplate, 0);
  for (const group of plan.alsoAlert ?? []) page(`${id}:${group}`, group, plan.alertTemplate);
  ctx.publish();
  const directory = directoryRead ?? (await activities.describeDirectory());

  let repagesAtTop = 0;
  for (let pageNo = 1; ; pageNo++) {
    const requested = () => state.sendNow.includes(id);
    const unreachable = () => unreachableUpTo >= state.status.escalationLevel;
    await condition(() => done() || requested() || unreachable(), state.timing.ackEscalationIntervalMs);
    if (done()) break;
    const reason = requested() ? 'send-now' : unreachable() ? 'unreachable' : 'unacknowledged';
    state.sendNow = state.sendNow.filter((x) => x !== id);
    const nextLevel = state.status.escalationLevel + 1;
    if (nextLevel < directory.onCallLevels) {
      state.status.escalationLevel = nextLevel;
    } else if (++repagesAtTop > TOP_LEVEL_REPAGES) {
      await ctx.audit('escalation.exhausted', 'herald', { level: state.status.escalationLevel });
      if (directory.lastResort === true) {
        await ctx.audit('escalation.last-resort', 'herald', { milestone: id });
        page(`${id}:last-resort`, 'last-resort', plan.escalationTemplate, undefined, escalationParams(ctx, id, -1));
      }
      break;
    }
    ctx.publish();
    await ctx.gate(id);
    if (done()) break;
    const level = state.status.escalationLevel;
    await ctx.audit('escalation.raised', 'herald', { level, page: pageNo, reason });
    const params = escalationParams(ctx, id, level, pageNo);
    page(`${id}:L${level}:p${pageNo}`, plan.group, plan.escalationTemplate, level, params);
  }
  await Promise.all(pages);
}

/** The escalation page's text: level, page (so a re-page at the top is not the same text twice), since when. */
function escalationParams(
  ctx: ProcedureContextBase<CoreState, string>,
  id: string,
  level: number,
  page?: number,
): Record<string, string> {
  return {
    level: String(level),
    unacknowledgedSince: ctx.milestone(id).completedAt ?? ctx.detectedAt,
    ...(page === undefined ? {} : { page: String(page) }),
  };
}

/** Procedures recorded before `resilient`: each page awaited in turn, email and SMS in one activity. */
async function runLegacyLadder<T extends string>(
  ctx: ProcedureContextBase<CoreState, T>,
  plan: AlertPlan<T>,
): Promise<void> {
  const { state } = ctx;
  const id = plan.milestone;
  const skipped = () => ctx.milestone(id).state === 'skipped';
  const acknowledged = () => state.status.acknowledgement !== null || (plan.stopWhen?.() ?? false);

  await ctx.gate(id);
  if (skipped()) return;
  const { onCallLevels } = await activities.describeDirectory();
  const first = await ctx.notify(`${id}:L0`, plan.group, plan.alertTemplate, { level: 0 });
  if (first.reached > 0) ctx.complete(id, Date.now());
  await ctx.audit(`milestone.${id}.sent`, 'herald', { level: 0, ...first });
  for (const group of plan.alsoAlert ?? []) {
    const summary = await ctx.notify(`${id}:${group}`, group, plan.alertTemplate);
    await ctx.audit(`milestone.${id}.sent`, 'herald', { group, ...summary });
  }
  ctx.publish();

  let repagesAtTop = 0;
  for (let page = 1; ; page++) {
    const escalateNow = () => state.sendNow.includes(id);
    await condition(() => acknowledged() || skipped() || escalateNow(), state.timing.ackEscalationIntervalMs);
    if (acknowledged() || skipped()) return;
    state.sendNow = state.sendNow.filter((x) => x !== id);
    const nextLevel = state.status.escalationLevel + 1;
    if (nextLevel < onCallLevels) {
      state.status.escalationLevel = nextLevel;
    } else if (++repagesAtTop > TOP_LEVEL_REPAGES) {
      await ctx.audit('escalation.exhausted', 'herald', { level: state.status.escalationLevel });
      return;
    }
    ctx.publish();
    await ctx.gate(id);
    if (acknowledged() || skipped()) return;
    const level = state.status.escalationLevel;
    const summary = await ctx.notify(`${id}:L${level}:p${page}`, plan.group, plan.escalationTemplate, {
      level,
      params: { level: String(level), unacknowledgedSince: ctx.milestone(id).completedAt ?? ctx.detectedAt },
    });
    if (summary.reached > 0 && ctx.milestone(id).state === 'pending') ctx.complete(id, Date.now());
    await ctx.audit('escalation.raised', 'herald', { level, page, ...summary });
  }
}
