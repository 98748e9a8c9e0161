/** The lockout procedure's context: the shared procedure machinery over its state. */
import type { DeliverySummary, LockoutTemplateId } from '../../activities/index.ts';
import type { ContactGroup } from '../domain/contacts.ts';
import { lockoutWorkflowId } from '../domain/lockout.ts';
import { activities } from '../procedure/activity-proxies.ts';
import { ProcedureContextBase } from '../procedure/procedure-context.ts';
import type { NotifyExtra } from '../procedure/procedure-context.ts';
import type { LockoutState } from './state.ts';
import { lockoutDetails, lockoutStage, refreshLockout } from './state.ts';

export class LockoutContext extends ProcedureContextBase<LockoutState, LockoutTemplateId> {
  /** Store keys carry the procedure's prefix, so a lockout and a data leak may share a business id. */
  get procedureId(): string {
    return lockoutWorkflowId(this.state.incident.lockoutId);
  }

  get detectedAt(): string {
    return this.state.incident.detectedAt;
  }

  async notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: LockoutTemplateId,
    extra: NotifyExtra = {},
  ): Promise<DeliverySummary> {
    const summary = await activities.notifyLockoutGroup({
      ledgerMilestone,
      group,
      level: extra.level,
      template,
      incident: this.state.incident,
      scope: this.state.status.scope,
      params: extra.params ?? {},
    });
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
