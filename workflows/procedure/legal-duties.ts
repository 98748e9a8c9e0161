/**
 * Every legal clock with a due time is enforced like a milestone (issue 19): warned at risk when
 * its slack runs low, `legal-clock.missed` and an escalation to legal and the DPO when it passes
 * unmet. A clock is met by Herald's own accepted notice or by an operator's recorded filing. Clocks
 * only ever grow: recomputing from richer facts adds clocks, keeps each clock's state and moves a
 * due time only when a corrected fact moves it.
 */
import { condition } from '@temporalio/workflow';
import type { LegalClock } from '../domain/status.ts';
import { stepActivities } from './activity-proxies.ts';
import { awaitedLater, inBackground } from './background.ts';
import { sendNotice } from './notice.ts';
import { isClockSettled } from './legal-clock-state.ts';
import type { CoreState, ProcedureContextBase } from './procedure-context.ts';

/** Warned this long before a clock is due, at most half of its period (policy default). */
export const DEFAULT_CLOCK_SLACK_MS = 24 * 3_600_000;

/** What the clock machinery reads and writes in a procedure's state. */
export interface ClockState extends CoreState {
  status: CoreState['status'] & { legalClocks?: LegalClock[] };
  timing: CoreState['timing'] & { legalClockSlackMs?: number };
  /** Set at the start of procedures that enforce their clocks (patched 'enforced-legal-clocks'). */
  enforcedClocks?: boolean;
}

type Ctx = ProcedureContextBase<ClockState, string>;

/** The patch behind `ClockState.enforcedClocks`. */
export const ENFORCED_CLOCKS_PATCH = 'enforced-legal-clocks';

/**
 * Watches every clock with a due time that an operator's filing meets, including clocks added
 * while it runs, until `finished()` and every watched clock settled. The notices Herald sends
 * itself are milestones (or the GDPR assessment's, for a lockout) whose own watches warn and
 * escalate; their clocks take their state from the notice.
 */
export async function watchLegalClocks(ctx: Ctx, finished: () => boolean): Promise<void> {
  const clocks = () => ctx.state.status.legalClocks ?? [];
  const watched = new Set<string>();
  const watchers: Promise<void>[] = [];
  const unwatched = () =>
    clocks().filter((c) => c.dueAt !== null && c.inForce && c.meansOfMeeting !== 'herald-sends' && !watched.has(c.id));
  for (;;) {
    for (const clock of unwatched()) {
      watched.add(clock.id);
      watchers.push(awaitedLater(watchClock(ctx, clock.id)));
    }
    await condition(() => finished() || unwatched().length > 0);
    if (unwatched().length === 0) break;
  }
  await Promise.all(watchers);
}

/** One clock: at risk when its slack runs low, missed (audited, escalated) when it passes unmet. */
async function watchClock(ctx: Ctx, id: string): Promise<void> {
  const clock = () => (ctx.state.status.legalClocks ?? []).find((c) => c.id === id);
  for (;;) {
    const c = clock();
    if (!c?.dueAt || isClockSettled(c)) return;
    const dueAt = c.dueAt;
    const moved = () => clock()?.dueAt !== dueAt;
    const over = () => moved() || isClockSettled(clock() ?? c);
    const dueMs = Date.parse(dueAt);
    if (c.warnedAt === undefined) {
      const warnAt = dueMs - slackMs(ctx, c);
      if (await ctx.waitUntil(over, warnAt)) {
        if (moved()) continue;
        return;
      }
      if (Date.now() < dueMs) {
        c.warnedAt = ctx.nowIso();
        ctx.publish();
        await ctx.audit('legal-clock.at-risk', 'herald', { clock: id, dueAt, regime: c.regime });
        inBackground(escalate(ctx, c, 'at-risk'));
      }
    }
    if (await ctx.waitUntil(over, dueMs)) {
      if (moved()) continue;
      return;
    }
    c.state = 'missed';
    ctx.publish();
    await ctx.audit('legal-clock.missed', 'herald', { clock: id, dueAt, regime: c.regime, recipient: c.recipient });
    await escalate(ctx, c, 'missed');
    return;
  }
}

/** The warning slack: the configured one, at most half of the clock's period. */
function slackMs(ctx: Ctx, c: LegalClock): number {
  const configured = ctx.state.timing.legalClockSlackMs ?? DEFAULT_CLOCK_SLACK_MS;
  const started = c.startedAt ? Date.parse(c.startedAt) : Date.parse(ctx.detectedAt);
  const period = Date.parse(c.dueAt ?? '') - started;
  return Math.max(0, Math.min(configured, period / 2));
}

/** Legal's escalation contacts and the DPO, each its own notice (channels independent). */
async function escalate(ctx: Ctx, c: LegalClock, kind: 'at-risk' | 'missed'): Promise<void> {
  const input = {
    incidentId: ctx.procedureId,
    reference: ctx.procedureId,
    kind,
    clock: {
      id: c.id,
      regime: c.regime,
      jurisdiction: c.jurisdiction,
      title: c.title,
      recipient: c.recipient,
      dueAt: c.dueAt ?? '',
      source: c.source,
      meansOfMeeting: c.meansOfMeeting ?? 'operator-files',
    },
    recordCommand: ctx.recordSubmissionCommand(c.id),
  };
  await Promise.all(
    (['legal-escalation', 'dpo'] as const).map((group) => {
      const notice = { ...input, group, ledgerMilestone: `legal-clock:${c.id}:${kind}:${group}` };
      return sendNotice(ctx, {
        key: notice.ledgerMilestone,
        audience: group,
        send: (channel) => stepActivities.notifyLegalClock({ ...notice, channels: [channel] }),
        chat: () => stepActivities.postLegalClockToChat(notice),
      });
    }),
  );
}
