/** The lockout procedure's context: the shared procedure machinery over its state. */
import type {
  CustomerDeliverySummary,
  DeliverySummary,
  LockoutTemplateId,
  NotifyLockoutCustomersInput,
} from '../../activities/index.ts';
import { lockoutWorkflowId } from '../domain/lockout.ts';
import { isCancellation } from '@temporalio/workflow';
import type { Service } from '../domain/blocked.ts';
import type { Channel } from '../domain/contacts.ts';
import {
  activities,
  boundedActivities,
  directActivities,
  failureMessage,
  stepActivities,
} from '../procedure/activity-proxies.ts';
import { sendNotice } from '../procedure/notice.ts';
import type { ChatOutcome } from '../procedure/notice.ts';
import { callSend } from '../procedure/first-page-first.ts';
import { ProcedureContextBase } from '../procedure/procedure-context.ts';
import type { GroupNotice } from '../procedure/procedure-context.ts';
import type { LockoutState } from './state.ts';
import { lockoutDetails, lockoutStage, refreshLockout } from './state.ts';

/** Email and SMS first; SMS alone when email keeps failing; then the chat webhook. */
const FALLBACK_CHAIN: Channel[][] = [['email', 'sms'], ['sms']];

const emptyCounts = (): Omit<DeliverySummary, 'reached'> => ({
  email: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
  sms: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
});

export class LockoutContext extends ProcedureContextBase<LockoutState, LockoutTemplateId> {
  /** Store keys carry the procedure's prefix, so a lockout and a data leak may share a business id. */
  get procedureId(): string {
    return lockoutWorkflowId(this.state.incident.lockoutId);
  }

  get detectedAt(): string {
    return this.state.incident.detectedAt;
  }

  retryCommand(service: Service): string {
    return `herald lockout retry ${this.state.incident.lockoutId} --service ${service}`;
  }

  recordSubmissionCommand(clockId: string): string {
    return `herald lockout record-submission ${this.state.incident.lockoutId} --clock ${clockId} --at <when filed> --reference <portal reference> --filed-by <who>`;
  }

  protected sendGroup(notice: GroupNotice<LockoutTemplateId>, channel: Channel): Promise<DeliverySummary> {
    return callSend(stepActivities.notifyLockoutGroup, { ...this.groupInput(notice), channels: [channel] });
  }

  protected sendGroupDirect(notice: GroupNotice<LockoutTemplateId>, channel: Channel): Promise<DeliverySummary> {
    return directActivities.notifyLockoutGroup({ ...this.groupInput(notice), channels: [channel], unledgered: true });
  }

  protected postGroupToChat(notice: GroupNotice<LockoutTemplateId>): Promise<ChatOutcome> {
    return stepActivities.postLockoutToChat(this.groupInput(notice));
  }

  private groupInput(notice: GroupNotice<LockoutTemplateId>) {
    return { ...notice, incident: this.state.incident, scope: this.state.status.scope };
  }

  /**
   * Procedures recorded before each channel became its own step: email and SMS in one activity;
   * when a provider keeps failing, SMS only, then the team chat webhook (every fallback audited);
   * if even that fails, email and SMS retried until a provider recovers.
   */
  protected async legacyNotify(notice: GroupNotice<LockoutTemplateId>): Promise<DeliverySummary> {
    const input = this.groupInput(notice);
    const { ledgerMilestone, group } = notice;
    return this.withFallback(ledgerMilestone, group, {
      attempt: async (channels) => {
        const summary = await boundedActivities.notifyLockoutGroup({ ...input, channels });
        if (summary.reached > 0) return summary;
        this.addDeliveries(summary);
        return `nobody in ${group} reachable by ${channels.join('+')}`;
      },
      lastResort: async () => {
        const { posted } = await boundedActivities.postLockoutToChat(input);
        return { ...emptyCounts(), reached: posted ? 1 : 0 };
      },
      untilRecovered: () => activities.notifyLockoutGroup(input),
    });
  }

  /**
   * Notifies enterprise customers' contacts in `roles` (from the contact snapshot), email and SMS,
   * falling back to SMS only when a provider keeps failing, then retrying until one recovers. No chat
   * step: a team channel is no place for a customer's notice.
   */
  async notifyCustomers(
    ledgerMilestone: string,
    request: Omit<NotifyLockoutCustomersInput, 'ledgerMilestone' | 'incident' | 'scope' | 'channels'>,
  ): Promise<CustomerDeliverySummary> {
    const input = { ...request, ledgerMilestone, incident: this.state.incident, scope: this.state.status.scope };
    if (this.state.resilient) return this.notifyCustomersByChannel(input);
    return this.counted(
      await this.withFallback(ledgerMilestone, `customers (${request.roles.join(', ')})`, {
        attempt: (channels) => boundedActivities.notifyLockoutCustomers({ ...input, channels }),
        untilRecovered: () => activities.notifyLockoutCustomers(input),
      }),
    );
  }

  /** Each channel its own step, no chat fallback: a team channel is no place for a customer's notice. */
  private async notifyCustomersByChannel(input: NotifyLockoutCustomersInput): Promise<CustomerDeliverySummary> {
    let snapshot: CustomerDeliverySummary['snapshot'] = null;
    let document: CustomerDeliverySummary['document'];
    const accounts = new Set<string>();
    const outcome = await sendNotice(this, {
      key: input.ledgerMilestone,
      audience: `customers (${input.roles.join(', ')})`,
      send: (channel) => stepActivities.notifyLockoutCustomers({ ...input, channels: [channel] }),
      onDelivered: (summary) => {
        const part = summary as CustomerDeliverySummary;
        snapshot ??= part.snapshot;
        document ??= part.document;
        for (const id of part.accountsReached) accounts.add(id);
      },
    });
    return { ...outcome, snapshot, accountsReached: [...accounts], ...(document ? { document } : {}) };
  }

  /**
   * The fallback chain: each channel set in turn (an attempt that throws, or answers with a reason,
   * falls to the next), then the last resort, then retries until a provider recovers. Every step
   * down is audited as `delivery.fallback`.
   */
  private async withFallback<T extends DeliverySummary>(
    ledgerMilestone: string,
    audience: string,
    steps: {
      attempt: (channels: Channel[]) => Promise<T | string>;
      lastResort?: () => Promise<T>;
      untilRecovered: () => Promise<T>;
    },
  ): Promise<T> {
    const fallback = (from: string, to: string, problem: string) =>
      this.audit('delivery.fallback', 'herald', { ledgerMilestone, group: audience, from, to, problem });
    const recovered = 'email+sms (until a provider recovers)';
    for (const [step, channels] of FALLBACK_CHAIN.entries()) {
      let problem: string;
      try {
        const outcome = await steps.attempt(channels);
        if (typeof outcome !== 'string') return outcome;
        problem = outcome;
      } catch (err) {
        if (isCancellation(err)) throw err;
        problem = failureMessage(err);
      }
      const next = FALLBACK_CHAIN[step + 1]?.join('+') ?? (steps.lastResort ? 'chat' : recovered);
      await fallback(channels.join('+'), next, problem);
    }
    if (steps.lastResort) {
      try {
        return await steps.lastResort();
      } catch (err) {
        if (isCancellation(err)) throw err;
        await fallback('chat', recovered, failureMessage(err));
      }
    }
    return steps.untilRecovered();
  }

  private counted<T extends DeliverySummary>(summary: T): T {
    this.addDeliveries(summary);
    return summary;
  }

  protected refresh(): void {
    refreshLockout(this.state);
  }

  protected stage(): string {
    return lockoutStage(this.state);
  }

  protected details(): string {
    return lockoutDetails(this.state);
  }
}
