/**
 * The running context every procedure shares: its plain-JSON state plus the effects every track
 * needs (audit, notify, wait for a pause to end, publish to Temporal UI). Each procedure supplies
 * how it notifies a group and how it describes itself; the milestone machinery is the same.
 */
import { condition, metricMeter, setCurrentDetails, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { DeliverySummary } from '../../activities/index.ts';
import type { ContactGroup } from '../domain/contacts.ts';
import { NEXT_DEADLINE, PHASE } from '../domain/search-attributes.ts';
import type { Actor, DeliveryCounts, MilestoneStatus, ProcedurePhase } from '../domain/status.ts';
import { activities } from './activity-proxies.ts';
import { completeOn, findMilestone, markMissedOn } from './milestones.ts';

/** What the shared tracks read and write in a procedure's state. */
export interface CoreState {
  status: {
    phase: ProcedurePhase;
    milestones: MilestoneStatus<string>[];
    acknowledgement: { by: Actor; at: string } | null;
    escalationLevel: number;
    deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
    nextDeadline: string | null;
  };
  /** Milestones an operator asked to run now (bypassing a pause or a scheduled moment). */
  sendNow: string[];
  timing: { ackEscalationIntervalMs: number };
}

/** Extra for a group notification: the on-call level and template parameters. */
export interface NotifyExtra {
  level?: number;
  params?: Record<string, string>;
}

export abstract class ProcedureContextBase<S extends CoreState, Template extends string> {
  private published = { phase: '', nextDeadline: '' as string | null };

  constructor(readonly state: S) {}

  /** The business id the audit trail and the delivery ledger are keyed by. */
  abstract get procedureId(): string;
  /** Awareness: when every clock started. */
  abstract get detectedAt(): string;
  /** Notifies a directory group with one of the procedure's templates; counts the deliveries. */
  abstract notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: Template,
    extra?: NotifyExtra,
  ): Promise<DeliverySummary>;
  /** Recomputes derived fields (next deadline, pending approvals…) after a change. */
  protected abstract refresh(): void;
  /** One word for the HeraldPhase search attribute. */
  protected abstract stage(): string;
  /** Markdown for Temporal UI's current details. */
  protected abstract details(): string;

  nowIso(): string {
    return new Date(Date.now()).toISOString();
  }

  milestone(id: string): MilestoneStatus<string> {
    return findMilestone(this.state.status.milestones, id);
  }

  /** The milestone's work completed now (met, or completed late); see {@link completeOn}. */
  complete(id: string, atMs: number): void {
    completeOn(this.milestone(id), atMs);
    this.refresh();
  }

  /** Pending → missed; false when it was not pending. */
  markMissed(id: string): boolean {
    const changed = markMissedOn(this.milestone(id));
    this.refresh();
    return changed;
  }

  dueMs(id: string): number {
    const due = this.milestone(id).dueAt;
    if (due === null) throw new Error(`milestone ${id} has no deadline`);
    return Date.parse(due);
  }

  /** Appends to Herald's audit trail (outside Temporal); idempotent on a workflow-generated id. */
  async audit(type: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    await activities.appendAudit({
      entryId: uuid4(),
      incidentId: this.procedureId,
      type,
      actor,
      at: this.nowIso(),
      data,
    });
  }

  addDeliveries(summary: DeliverySummary): void {
    for (const channel of ['email', 'sms'] as const) {
      const total = this.state.status.deliveries[channel];
      total.accepted += summary[channel].accepted;
      total.failed += summary[channel].failed;
      total.duplicatesSkipped += summary[channel].duplicatesSkipped;
    }
    this.publish();
  }

  /** Resolves when sends may go out: not paused, or an operator asked for this milestone now. */
  async gate(id: string): Promise<void> {
    await condition(() => this.state.status.phase !== 'paused' || this.state.sendNow.includes(id));
  }

  /** Waits for `done` until the instant `atMs`; true if `done` became true first. */
  async waitUntil(done: () => boolean, atMs: number): Promise<boolean> {
    const remaining = atMs - Date.now();
    if (remaining <= 0) return done();
    return condition(done, remaining);
  }

  /** Pushes the state to Temporal UI: search attributes when they change, current details always. */
  publish(): void {
    this.refresh();
    const phase = this.stage();
    const { nextDeadline } = this.state.status;
    if (phase !== this.published.phase || nextDeadline !== this.published.nextDeadline) {
      upsertSearchAttributes([
        { key: PHASE, value: phase },
        { key: NEXT_DEADLINE, value: nextDeadline ? new Date(nextDeadline) : null },
      ]);
      this.published = { phase, nextDeadline };
    }
    setCurrentDetails(this.details());
    if (nextDeadline) publishSlack(this.procedureId, Date.parse(nextDeadline) - Date.now());
  }
}

/**
 * Seconds to the next deadline, per procedure (0 when it is due or past: SDK gauges take no negative
 * values, and a missed deadline is marked missed and leaves the count). A metric must never fail a
 * workflow task, so errors are dropped.
 */
function publishSlack(procedure: string, slackMs: number): void {
  try {
    metricMeter
      .createGauge('herald_deadline_slack_seconds', 'int', 's', 'Seconds from now to the next deadline (0 when due)')
      .set(Math.max(0, Math.round(slackMs / 1000)), { procedure });
  } catch {
    // Metrics are best effort.
  }
}
