/** The data-leak procedure's context: the shared procedure machinery over its state. */
import type { DeliverySummary, StaffTemplateId } from '../../activities/index.ts';
import type { Service } from '../domain/blocked.ts';
import type { Channel } from '../domain/contacts.ts';
import { activities, directActivities, stepActivities } from '../procedure/activity-proxies.ts';
import type { ChatOutcome } from '../procedure/notice.ts';
import { callSend } from '../procedure/first-page-first.ts';
import { ProcedureContextBase } from '../procedure/procedure-context.ts';
import type { GroupNotice } from '../procedure/procedure-context.ts';
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

  retryCommand(service: Service): string {
    return `herald incident retry ${this.incidentId} --service ${service}`;
  }

  recordSubmissionCommand(clockId: string): string {
    return `herald incident record-submission ${this.incidentId} --clock ${clockId} --at <when filed> --reference <portal reference> --filed-by <who>`;
  }

  protected legacyNotify(notice: GroupNotice<StaffTemplateId>): Promise<DeliverySummary> {
    return activities.notifyGroup(this.groupInput(notice));
  }

  protected sendGroup(notice: GroupNotice<StaffTemplateId>, channel: Channel): Promise<DeliverySummary> {
    return callSend(stepActivities.notifyGroup, { ...this.groupInput(notice), channels: [channel] });
  }

  protected sendGroupDirect(notice: GroupNotice<StaffTemplateId>, channel: Channel): Promise<DeliverySummary> {
    return directActivities.notifyGroup({ ...this.groupInput(notice), channels: [channel], unledgered: true });
  }

  protected postGroupToChat(notice: GroupNotice<StaffTemplateId>): Promise<ChatOutcome> {
    return stepActivities.postStaffNoticeToChat(this.groupInput(notice));
  }

  private groupInput(notice: GroupNotice<StaffTemplateId>) {
    return { incidentId: this.incidentId, incident: this.state.incident, ...notice };
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
