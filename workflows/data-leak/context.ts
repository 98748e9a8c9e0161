/** The data-leak procedure's context: the shared procedure machinery over its state. */
import type { DeliverySummary, StaffTemplateId } from '../../activities/index.ts';
import type { ContactGroup } from '../domain/contacts.ts';
import { activities } from '../procedure/activity-proxies.ts';
import { ProcedureContextBase } from '../procedure/procedure-context.ts';
import type { NotifyExtra } from '../procedure/procedure-context.ts';
import type { DataLeakState } from './state.ts';
import { currentDetails, refreshDerived, stage } from './state.ts';

export { activities, batchActivities } from '../procedure/activity-proxies.ts';

export class ProcedureContext extends ProcedureContextBase<DataLeakState, StaffTemplateId> {
  get procedureId(): string {
    return this.state.incident.incidentId;
  }

  get detectedAt(): string {
    return this.state.incident.detectedAt;
  }

  get incidentId(): string {
    return this.procedureId;
  }

  async notify(
    ledgerMilestone: string,
    group: ContactGroup,
    template: StaffTemplateId,
    extra: NotifyExtra = {},
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

  protected refresh(): void {
    refreshDerived(this.state);
  }

  protected stage(): string {
    return stage(this.state);
  }

  protected details(): string {
    return currentDetails(this.state);
  }
}
