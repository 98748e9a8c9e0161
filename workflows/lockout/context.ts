/** The lockout procedure's context: the shared procedure machinery over its state. */
import type { DeliverySummary, LockoutTemplateId } from '../../activities/index.ts';
import type { ContactGroup } from '../domain/contacts.ts';
import { lockoutWorkflowId } from '../domain/lockout.ts';
import { isCancellation } from '@temporalio/workflow';
import type { Channel } from '../domain/contacts.ts';
import { activities, boundedActivities } from '../procedure/activity-proxies.ts';
import { ProcedureContextBase } from '../procedure/procedure-context.ts';
import type { NotifyExtra } from '../procedure/procedure-context.ts';
import type { LockoutState } from './state.ts';
import { lockoutDetails, lockoutStage, refreshLockout } from './state.ts';

/** Email and SMS first; SMS alone when email keeps failing; then the chat webhook. */
const FALLBACK_CHAIN: Channel[][] = [['email', 'sms'], ['sms']];

const emptyCounts = (): Omit<DeliverySummary, 'reached'> => ({
  email: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
  sms: { accepted: 0, failed: 0, duplicatesSkipped: 0 },
});

function failureMessage(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  return (cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err)).slice(0, 300);
}

export class LockoutContext extends ProcedureContextBase<LockoutState, LockoutTemplateId> {
  /** Store keys carry the procedure's prefix, so a lockout and a data leak may share a business id. */
  get procedureId(): string {
    return lockoutWorkflowId(this.state.incident.lockoutId);
  }

  get detectedAt(): string {
    return this.state.incident.detectedAt;
  }

  /**
   * Notifies a group by email and SMS; when a provider keeps failing, falls back to SMS only, then
   * to the team chat webhook (every fallback audited). If even that fails, it keeps retrying email
   * and SMS until a provider recovers, so a message is late rather than lost.
   */
  async notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: LockoutTemplateId,
    extra: NotifyExtra = {},
  ): Promise<DeliverySummary> {
    const input = {
      ledgerMilestone,
      group,
      level: extra.level,
      template,
      incident: this.state.incident,
      scope: this.state.status.scope,
      params: extra.params ?? {},
    };
    for (const [step, channels] of FALLBACK_CHAIN.entries()) {
      let problem: string;
      try {
        const summary = await boundedActivities.notifyLockoutGroup({ ...input, channels });
        if (summary.reached > 0) return this.counted(summary);
        this.addDeliveries(summary);
        problem = `nobody in ${group} reachable by ${channels.join('+')}`;
      } catch (err) {
        if (isCancellation(err)) throw err;
        problem = failureMessage(err);
      }
      const next = FALLBACK_CHAIN[step + 1]?.join('+') ?? 'chat';
      await this.audit('delivery.fallback', 'herald', {
        ledgerMilestone,
        group,
        from: channels.join('+'),
        to: next,
        problem,
      });
    }
    try {
      const { posted } = await boundedActivities.postLockoutToChat(input);
      return this.counted({ ...emptyCounts(), reached: posted ? 1 : 0 });
    } catch (err) {
      if (isCancellation(err)) throw err;
      await this.audit('delivery.fallback', 'herald', {
        ledgerMilestone,
        group,
        from: 'chat',
        to: 'email+sms (until a provider recovers)',
        error: failureMessage(err),
      });
    }
    return this.counted(await activities.notifyLockoutGroup(input));
  }

  private counted(summary: DeliverySummary): DeliverySummary {
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
