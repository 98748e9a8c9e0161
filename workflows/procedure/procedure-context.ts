/**
 * The running context every procedure shares: its plain-JSON state plus the effects every track
 * needs (audit, notify, wait for a pause to end, publish to Temporal UI). Each procedure supplies
 * how it notifies a group and how it describes itself; the milestone machinery is the same.
 */
import {
  condition,
  metricMeter,
  patched,
  setCurrentDetails,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { BlockedService, Service } from '../domain/blocked.ts';
import type { Channel, ContactGroup } from '../domain/contacts.ts';
import type { DeliverySummary } from '../domain/delivery.ts';
import { firstAcceptance } from '../domain/delivery.ts';
import { BLOCKED, NEXT_DEADLINE, PHASE } from '../domain/search-attributes.ts';
import type { Actor, AuditHead, DeliveryCounts, MilestoneStatus, ProcedurePhase } from '../domain/status.ts';
import { activities, stepActivities } from './activity-proxies.ts';
import { Blockages, DEFAULT_RECHECK_MS } from './blockages.ts';
import { STORE_OUTAGE_PATCH, newAuditOutbox, queueAudit, runAuditWriter } from './audit-outbox.ts';
import type { AuditOutboxState } from './audit-outbox.ts';
import { inBackground } from './background.ts';
import { entriesBeforeFirstPage } from './first-page-first.ts';
import { completeOn, findMilestone, markMissedOn } from './milestones.ts';
import { sendNotice } from './notice.ts';
import type { IdentityState } from './identity.ts';
import type { TemplatePins } from '../domain/template-pins.ts';
import type { ChatOutcome, NoticeOutcome } from './notice.ts';

/** What the shared tracks read and write in a procedure's state. */
export interface CoreState {
  status: {
    phase: ProcedurePhase;
    milestones: MilestoneStatus<string>[];
    acknowledgement: { by: Actor; at: string } | null;
    escalationLevel: number;
    deliveries: { email: DeliveryCounts; sms: DeliveryCounts };
    nextDeadline: string | null;
    blocked?: BlockedService[];
    auditHead?: AuditHead;
  };
  /** Milestones an operator asked to run now (bypassing a pause or a scheduled moment). */
  sendNow: string[];
  timing: { ackEscalationIntervalMs: number; blockedRecheckMs?: number };
  /**
   * Set at the start of procedures that own their failures (patched 'resilient-procedures'):
   * each channel its own step, blocked services, met by acceptance time. Older runs replay without.
   */
  resilient?: boolean;
  /** Bumped by every operator `retry`: waiting steps try again at once. */
  retryEpoch?: number;
  /** Procedures that verify actor claims (patched 'verified-identities'). */
  identity?: IdentityState;
  /** Procedures that ride out a store outage (patched 'store-outage'): the audit entries not yet written. */
  auditOutbox?: AuditOutboxState;
  /** Notice channels sent without the ledger while the store was down ("<key>/<channel>"). */
  directSends?: string[];
  /** The first page waits for no audit write or key load (patched 'first-page-first-2'). */
  firstPageFirst?: boolean;
  /** The first page pins the templates itself, beside the procedure's pinning (patched 'first-page-pins'). */
  firstPagePins?: boolean;
  /** The template versions pinned at the start (template-pins.ts). */
  templatePins?: TemplatePins;
}

/** The patch behind `CoreState.resilient`. */
export const RESILIENT_PATCH = 'resilient-procedures';

/** Extra for a group notification: the on-call level, template parameters, and what it is for. */
export interface NotifyExtra {
  level?: number;
  params?: Record<string, string>;
  /** The notice is no longer needed (e.g. acknowledged): steps still waiting give up. */
  stop?: () => boolean;
  /** The milestone the first acceptance completes (at the provider's acceptance time). */
  completes?: string;
  /** Nobody could be reached on any channel. */
  onUnreachable?: () => void;
  /** The procedure's first page, sent beside its first audit entries (first-page-first.ts). */
  firstPage?: boolean;
}

/** One group notification, as the procedure's activities take it. */
export interface GroupNotice<Template extends string> {
  ledgerMilestone: string;
  group: ContactGroup;
  template: Template;
  level?: number;
  params: Record<string, string>;
  /** A first page: the audit entries its activity appends before its own (first-page-first.ts). */
  auditFirst?: AuditOutboxState['pending'];
  /** A first page that pins the procedure's templates before rendering (template-pins.ts). */
  pinTemplatesFirst?: boolean;
}

export abstract class ProcedureContextBase<S extends CoreState, Template extends string> {
  private published = { phase: '', nextDeadline: '' as string | null, blocked: '' };
  readonly blockages: Blockages;
  /** Resolves when the templates are pinned, while the first page goes beside the pinning (template-pins.ts). */
  templatesPinned: Promise<void> | undefined;

  constructor(readonly state: S) {
    this.blockages = new Blockages(this, (entry, key) => this.pageServiceProblem(entry, key));
  }

  /** The business id the audit trail and the delivery ledger are keyed by. */
  abstract get procedureId(): string;
  /** Awareness: when every clock started. */
  abstract get detectedAt(): string;
  /** The CLI command that retries a blocked service of this procedure. */
  abstract retryCommand(service: Service): string;
  /** The CLI command that records a filing meeting one of this procedure's legal clocks. */
  abstract recordSubmissionCommand(clockId: string): string;
  /** Procedures recorded before `resilient`: one activity for every channel, their own fallbacks. */
  protected abstract legacyNotify(notice: GroupNotice<Template>): Promise<DeliverySummary>;
  /** Sends a group notice on one channel (one step). */
  protected abstract sendGroup(notice: GroupNotice<Template>, channel: Channel): Promise<DeliverySummary>;
  /** Sends a group notice on one channel once, without the ledger: the store is down (notice.ts). */
  protected abstract sendGroupDirect(notice: GroupNotice<Template>, channel: Channel): Promise<DeliverySummary>;
  /** Posts a group notice to the team chat webhook: the fallback when nobody could be reached. */
  protected abstract postGroupToChat(notice: GroupNotice<Template>): Promise<ChatOutcome>;
  /** Recomputes derived fields (next deadline, pending approvals…) after a change. */
  protected abstract refresh(): void;
  /** One word for the HeraldPhase search attribute. */
  protected abstract stage(): string;
  /** Markdown for Temporal UI's current details. */
  protected abstract details(): string;

  /** A track that renders from the pinned templates, started once they are pinned (template-pins.ts). */
  afterPins<T>(track: () => Promise<T>): () => Promise<T> {
    return () => (this.templatesPinned ? this.templatesPinned.then(track) : track());
  }

  /**
   * Notifies a directory group with one of the procedure's templates, each channel its own step,
   * the chat webhook when nobody could be reached; counts the deliveries as they land.
   */
  async notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: Template,
    extra: NotifyExtra = {},
  ): Promise<NoticeOutcome> {
    // Only a first page renders before the pins are known: it pins them itself.
    if (!extra.firstPage && this.templatesPinned) await this.templatesPinned;
    const notice: GroupNotice<Template> = {
      ledgerMilestone,
      group,
      template,
      level: extra.level,
      params: extra.params ?? {},
      ...(extra.firstPage ? { auditFirst: entriesBeforeFirstPage(this.state) } : {}),
      ...(extra.firstPage && this.state.firstPagePins ? { pinTemplatesFirst: true } : {}),
    };
    if (!this.state.resilient) {
      const summary = await this.legacyNotify(notice);
      this.addDeliveries(summary);
      return { ...summary, chat: null };
    }
    return sendNotice(this, {
      key: ledgerMilestone,
      audience: group,
      send: (channel) => this.sendGroup(notice, channel),
      sendDirect: (channel) => this.sendGroupDirect(notice, channel),
      chat: () => this.postGroupToChat(notice),
      stop: extra.stop,
      completes: extra.completes,
      onUnreachable: extra.onUnreachable,
    });
  }

  /**
   * Completes a milestone at the provider's acceptance time of its first receipt (DESIGN
   * convention 15), audited as `milestone.<id>.sent`. A milestone the deadline watch marked missed
   * while the result was on its way, but accepted on time, is corrected and the correction audited.
   * The provider's clock is trusted only between the call (`calledAt`) and its answer: a message
   * cannot be accepted before it was sent, nor after the procedure heard of it.
   */
  async completeOnAcceptance(
    id: string,
    summary: DeliverySummary,
    ledgerMilestone: string,
    calledAt: number,
  ): Promise<void> {
    const reported = firstAcceptance(summary.receipts ?? []);
    if (reported === null) return;
    const acceptedAt = Math.min(Date.now(), Math.max(calledAt, reported));
    const m = this.milestone(id);
    if (m.state === 'skipped' || m.completedAt !== undefined) return;
    const wasMissed = m.state === 'missed';
    this.complete(id, acceptedAt);
    const onTime = m.dueAt === null || acceptedAt <= Date.parse(m.dueAt);
    if (wasMissed && onTime) {
      m.state = 'met';
      m.note = `accepted on time at ${m.completedAt}; the result reached the procedure after the deadline`;
      this.refresh();
    }
    this.publish();
    const receipt = (summary.receipts ?? []).find((r) => Date.parse(r.acceptedAt) === reported);
    await this.audit(`milestone.${id}.sent`, 'herald', {
      ledgerMilestone,
      acceptedAt: m.completedAt,
      channel: receipt?.channel,
      state: m.state,
      ...(reported !== acceptedAt ? { providerAcceptedAt: new Date(reported).toISOString() } : {}),
      email: summary.email,
      sms: summary.sms,
    });
    if (wasMissed && onTime) {
      await this.audit('milestone.corrected', 'herald', {
        milestone: id,
        from: 'missed',
        to: 'met',
        acceptedAt: m.completedAt,
        dueAt: m.dueAt,
      });
    }
  }

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

  /**
   * Appends to Herald's audit trail (outside Temporal); idempotent on a workflow-generated id.
   * With the audit outbox, in order through its writer, and without waiting while the store is down.
   */
  async audit(type: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
    const entry = { entryId: uuid4(), incidentId: this.procedureId, type, actor, at: this.nowIso(), data };
    if (this.state.auditOutbox) return queueAudit(this.state.auditOutbox, entry);
    this.noteAuditHead(await activities.appendAudit(entry));
  }

  /** Keeps the newest head the store reported (workers before it reported none; appends may finish out of order). */
  private noteAuditHead(head: AuditHead | null | undefined): void {
    if (head && head.seq > (this.state.status.auditHead?.seq ?? 0)) this.state.status.auditHead = head;
  }

  /** The store stopped answering (the audit writer's last round failed): staff notices go without the ledger. */
  storeDown(): boolean {
    return this.state.auditOutbox?.storeDown === true;
  }

  /**
   * New procedures (patched 'store-outage'): the audit outbox and its writer, started before the
   * first audit entry. The writer's outage shows as the store failing in the status.
   */
  startAuditOutbox(): void {
    if (!patched(STORE_OUTAGE_PATCH)) return;
    const outbox = (this.state.auditOutbox = newAuditOutbox());
    const step = 'audit trail';
    inBackground(
      runAuditWriter(outbox, {
        onWritten: (head) => this.noteAuditHead(head),
        onDown: (failure) => this.blockages.failed('store', step, failure, false),
        onUp: async () => {
          if (this.blockages.entry('store')) await this.blockages.unblock('store', 'herald', 'the store answers again');
        },
      }),
    );
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
      this.published = { ...this.published, phase, nextDeadline };
    }
    if (this.state.resilient) this.publishBlocked();
    setCurrentDetails(this.details());
    if (nextDeadline) publishSlack(this.procedureId, Date.parse(nextDeadline) - Date.now());
  }

  /**
   * Pages ops about a failing service on the channels that still work (the chat webhook when none
   * does); the page itself never pages about its own failures.
   */
  private async pageServiceProblem(entry: BlockedService, key: string): Promise<void> {
    const input = {
      incidentId: this.procedureId,
      ledgerMilestone: `service-alert:${key}`,
      reference: this.procedureId,
      service: entry.service,
      failureType: entry.failureType,
      cause: entry.cause,
      since: entry.since,
      permanent: entry.permanent,
      steps: entry.steps,
      retryCommand: this.retryCommand(entry.service),
      recheckMinutes: Math.round((this.state.timing.blockedRecheckMs ?? DEFAULT_RECHECK_MS) / 60_000),
      group: 'on-call' as const,
      level: this.state.status.escalationLevel,
    };
    const channels = (['email', 'sms'] as const).filter((c) => c !== entry.service && !this.blockages.isBlocked(c));
    await sendNotice(this, {
      key: input.ledgerMilestone,
      audience: 'on-call',
      channels,
      send: (channel) => stepActivities.notifyServiceProblem({ ...input, channels: [channel] }),
      chat: entry.service === 'chat' ? undefined : () => stepActivities.postServiceProblemToChat(input),
      // A service that recovered before the page got out needs no page.
      stop: () => this.blockages.entry(entry.service) !== entry,
      page: false,
    });
  }

  /** The HeraldBlocked search attribute: the services holding steps up, for a Temporal UI filter. */
  private publishBlocked(): void {
    const blocked = (this.state.status.blocked ?? []).map((b) => b.service).sort();
    const key = blocked.join(',');
    if (key === this.published.blocked) return;
    upsertSearchAttributes([{ key: BLOCKED, value: blocked.length > 0 ? blocked : null }]);
    this.published.blocked = key;
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
