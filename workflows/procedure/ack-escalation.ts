/**
 * An alert that needs acknowledgement: page the on-call ladder's first level by SMS and email,
 * then one level up every unacknowledged interval. At the top of the ladder it re-pages a bounded
 * number of times, then records that escalation is exhausted.
 */
import { condition } from '@temporalio/workflow';
import type { ContactGroup } from '../domain/contacts.ts';
import { activities } from './activity-proxies.ts';
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
