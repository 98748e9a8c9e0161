/**
 * The procedure's running context: its state plus the few effects every track needs (audit,
 * notify, wait for a pause to end, publish to Temporal UI). Workflow code: deterministic only.
 */
import { condition, proxyActivities, setCurrentDetails, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { HeraldActivities, DeliverySummary, StaffTemplateId } from '../../activities/index.ts';
import type { ContactGroup } from '../domain/contacts.ts';
import type { MilestoneId } from '../domain/policy.ts';
import { NEXT_DEADLINE, PHASE } from '../domain/search-attributes.ts';
import type { DataLeakState } from './state.ts';
import { currentDetails, milestone, refreshDerived, stage } from './state.ts';

/** Errors no retry can fix: configuration or input problems the activity reports. */
const NON_RETRYABLE = [
  'InvalidRecipient',
  'ProviderAuth',
  'ProviderRejected',
  'InvalidScope',
  'ConfigurationError',
  'InvalidInput',
];

/** Sends and audit appends: short calls, retried until they succeed or a deadline watch notices. */
export const activities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/** CRM snapshots and fan-out batches: long, heartbeating, resumable from their heartbeat cursor. */
export const batchActivities = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

export class ProcedureContext {
  private published = { phase: '', nextDeadline: '' as string | null };

  constructor(readonly state: DataLeakState) {}

  get incidentId(): string {
    return this.state.incident.incidentId;
  }

  nowIso(): string {
    return new Date(Date.now()).toISOString();
  }

  dueMs(id: MilestoneId): number {
    const due = milestone(this.state, id).dueAt;
    if (due === null) throw new Error(`milestone ${id} has no deadline`);
    return Date.parse(due);
  }

  /** Appends to Herald's audit trail (outside Temporal); idempotent on a workflow-generated id. */
  async audit(type: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    await activities.appendAudit({
      entryId: uuid4(),
      incidentId: this.incidentId,
      type,
      actor,
      at: this.nowIso(),
      data,
    });
  }

  /** Notifies a directory group and adds the outcome to the delivery counts. */
  async notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: StaffTemplateId,
    extra: { level?: number; params?: Record<string, string> } = {},
  ): Promise<DeliverySummary> {
    const summary = await activities.notifyGroup({
      incidentId: this.incidentId,
      ledgerMilestone,
      group,
      level: extra.level,
      template,
      incident: this.state.incident,
      params: extra.params ?? {},
    });
    this.addDeliveries(summary);
    return summary;
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
  async gate(id: MilestoneId): Promise<void> {
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
    refreshDerived(this.state);
    const phase = stage(this.state);
    const { nextDeadline } = this.state.status;
    if (phase !== this.published.phase || nextDeadline !== this.published.nextDeadline) {
      upsertSearchAttributes([
        { key: PHASE, value: phase },
        { key: NEXT_DEADLINE, value: nextDeadline ? new Date(nextDeadline) : null },
      ]);
      this.published = { phase, nextDeadline };
    }
    setCurrentDetails(currentDetails(this.state));
  }
}
