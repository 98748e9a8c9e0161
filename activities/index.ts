/**
 * Herald's activities, built over narrow ports (convention: createActivities(deps)). Workflows
 * import only the type of this module.
 */
import type { DataLeakIncident } from '../workflows/domain/incident.ts';
import type { AuditHead } from '../workflows/domain/status.ts';
import { notifyAffectedBatch, snapshotAffectedPeople } from './affected-people.ts';
import { sendAffectedEmailPage } from './mass-notification/email-page.ts';
import type { EmailPageInput } from './mass-notification/email-page.ts';
import { followUpAffectedDeliveries } from './mass-notification/follow-up.ts';
import { AFFECTED_MILESTONE } from './mass-notification/page.ts';
import { planAffectedFanout } from './mass-notification/plan.ts';
import { sendAffectedSmsPage } from './mass-notification/sms-page.ts';
import type { SmsPageInput } from './mass-notification/sms-page.ts';
import { draftAuthorityNotice, requestNoticeApproval, sendAuthorityNotice } from './authority-notice.ts';
import type { DraftNoticeInput } from './authority-notice.ts';
import { generateComplianceReport } from './compliance-report.ts';
import type { ReportInput } from './compliance-report.ts';
import type { ActivityDeps } from './deps.ts';
import { completeDrill } from './drills/complete-drill.ts';
import type { CompleteDrillInput } from './drills/complete-drill.ts';
import type { AuditEntry, AuditEntryInput } from './ports.ts';
import { withPublicHolidays } from './public-holidays.ts';
import { generateLockoutReport } from './lockout-report.ts';
import type { LockoutReportInput } from './lockout-report.ts';
import { notifyLockoutCustomers, resolveLockoutCustomers } from './lockout-customers.ts';
import type { NotifyLockoutCustomersInput } from './lockout-customers.ts';
import { notifyLockoutGroup, postLockoutToChat } from './lockout-notifications.ts';
import { createMonitorActivities } from './monitors/index.ts';
import type { NotifyLockoutGroupInput } from './lockout-notifications.ts';
import { notifyGroup, postStaffNoticeToChat } from './staff-notifications.ts';
import { checkService, notifyServiceProblem, postServiceProblemToChat } from './service-problems.ts';
import type { ServiceProblemInput } from './service-problems.ts';
import { notifyLegalClock, postLegalClockToChat } from './legal-clock-notices.ts';
import type { LegalClockNoticeInput } from './legal-clock-notices.ts';
import type { Service } from '../workflows/domain/blocked.ts';
import { EMPTY_PROFILE } from '../workflows/domain/organisation-profile.ts';
import type { OrganisationProfile } from '../workflows/domain/organisation-profile.ts';
import type { ActorKeySet } from '../workflows/domain/actor-claim.ts';
import type { NotifyGroupInput } from './staff-notifications.ts';
import type { CrmScope } from '../workflows/domain/incident.ts';
import type { TemplatePins } from '../workflows/domain/template-pins.ts';

export type { ActivityDeps, DeliverySummary } from './deps.ts';
export type { ChatPostResult } from './chat-post.ts';
export type { StaffTemplateId } from './staff-notifications.ts';
export type { ChannelPageResult } from './mass-notification/page.ts';
export type { SmsPageResult } from './mass-notification/sms-page.ts';
export type { LaterRun } from './mass-notification/later-run.ts';
export type { FanoutPlan } from './mass-notification/plan.ts';
export type { FollowUpInput, FollowUpResult } from './mass-notification/follow-up.ts';
export type { LockoutTemplateId } from './documents/lockout-messages.ts';
export type { LockoutCustomerTemplateId } from './documents/lockout-customer-messages.ts';
export type { CustomerDeliverySummary, LockoutCustomers, NotifyLockoutCustomersInput } from './lockout-customers.ts';

export function createActivities(deps: ActivityDeps) {
  return {
    async describeDirectory(): Promise<{ onCallLevels: number; lastResort?: boolean }> {
      return { onCallLevels: deps.directory.onCall.length, lastResort: (deps.directory.lastResort ?? []).length > 0 };
    },
    notifyGroup: (input: NotifyGroupInput) => notifyGroup(deps, input),
    postStaffNoticeToChat: (input: NotifyGroupInput) => postStaffNoticeToChat(deps, input),
    notifyServiceProblem: (input: ServiceProblemInput) => notifyServiceProblem(deps, input),
    postServiceProblemToChat: (input: ServiceProblemInput) => postServiceProblemToChat(deps, input),
    checkService: (input: { service: Service }) => checkService(deps, input),
    /** The worker's own configuration, never a payload: what actor claims are verified with. */
    async actorKeys(): Promise<{ keys: ActorKeySet; unsignedAllowed: boolean }> {
      return { keys: deps.actorKeys ?? { keys: [] }, unsignedAllowed: deps.unsignedActionsAllowed === true };
    },
    /** Pins the approved template versions for this procedure (once; a retry returns the same); null: no registry. */
    async pinTemplates(input: { incidentId: string }): Promise<TemplatePins | null> {
      return deps.templates ? deps.templates.pin(input.incidentId, new Date().toISOString()) : null;
    },
    /** The profile file's facts, with the public holidays of the business-day calendars merged in. */
    async organisationProfile(): Promise<OrganisationProfile> {
      return withPublicHolidays(deps.organisation ?? EMPTY_PROFILE, new Date());
    },
    notifyLegalClock: (input: LegalClockNoticeInput) => notifyLegalClock(deps, input),
    postLegalClockToChat: (input: LegalClockNoticeInput) => postLegalClockToChat(deps, input),
    snapshotAffectedPeople: (input: { incidentId: string; scope: CrmScope }) => snapshotAffectedPeople(deps, input),
    notifyAffectedBatch: (input: { incidentId: string; incident: DataLeakIncident; offset: number; limit: number }) =>
      notifyAffectedBatch(deps, input),
    planAffectedFanout: (input: Parameters<typeof planAffectedFanout>[1]) => planAffectedFanout(deps, input),
    followUpAffectedDeliveries: (input: Parameters<typeof followUpAffectedDeliveries>[1]) =>
      followUpAffectedDeliveries(deps, input),
    sendAffectedEmailPage: (input: EmailPageInput) => sendAffectedEmailPage(deps, input),
    sendAffectedSmsPage: (input: SmsPageInput) => sendAffectedSmsPage(deps, input),
    countAffectedReached: (input: { incidentId: string }) =>
      deps.ledger.countReached(input.incidentId, AFFECTED_MILESTONE),
    draftAuthorityNotice: (input: DraftNoticeInput) => draftAuthorityNotice(deps, input),
    requestNoticeApproval: (input: Parameters<typeof requestNoticeApproval>[1]) => requestNoticeApproval(deps, input),
    sendAuthorityNotice: (input: Parameters<typeof sendAuthorityNotice>[1]) => sendAuthorityNotice(deps, input),
    generateComplianceReport: (input: ReportInput) => generateComplianceReport(deps, input),
    notifyLockoutGroup: (input: NotifyLockoutGroupInput) => notifyLockoutGroup(deps, input),
    postLockoutToChat: (input: Omit<NotifyLockoutGroupInput, 'channels' | 'level'>) => postLockoutToChat(deps, input),
    generateLockoutReport: (input: LockoutReportInput) => generateLockoutReport(deps, input),
    resolveLockoutCustomers: (input: { lockoutId: string }) => resolveLockoutCustomers(deps, input),
    notifyLockoutCustomers: (input: NotifyLockoutCustomersInput) => notifyLockoutCustomers(deps, input),
    completeDrill: (input: CompleteDrillInput) => completeDrill(deps, input),
    /** The entry's place and hash in the chain: in the caller's history, a head outside the database. */
    async appendAudit(entry: AuditEntryInput): Promise<AuditHead> {
      return headOf(await deps.audit.append(entry));
    },
    /** In the order given; a retried call appends each entry once (idempotent on its id). The last one's head. */
    async appendAuditEntries(entries: AuditEntryInput[]): Promise<AuditHead | null> {
      let head: AuditHead | null = null;
      for (const entry of entries) head = headOf(await deps.audit.append(entry));
      return head;
    },
    ...createMonitorActivities(deps),
  };
}

/** Only the place and hash: the entry's data stays out of the history. */
const headOf = ({ seq, hash }: AuditEntry): AuditHead => ({ seq, hash });

export type HeraldActivities = ReturnType<typeof createActivities>;
