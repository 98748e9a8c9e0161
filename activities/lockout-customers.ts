/**
 * The lockout procedure's enterprise customers: who they are (read live from the CRM into a fresh
 * contact snapshot, or — when Salesforce is the thing that is down — the last-known-good snapshot,
 * audited with its age) and the notices to their contacts by role, one account at a time.
 */
import { heartbeat } from '@temporalio/activity';
import type { Channel } from '../workflows/domain/contacts.ts';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
import type { CustomerContactsStatus } from '../workflows/domain/lockout-status.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { emptySummary } from './deps.ts';
import { mergeSummary } from '../workflows/domain/delivery.ts';
import { renderLockoutCustomerMessage } from './documents/lockout-customer-messages.ts';
import type { LockoutCustomerMessageInput } from './documents/lockout-customer-messages.ts';
import { vendorAssessmentAttachment } from './documents/vendor-assessment.ts';
import { syncCustomerContacts } from './monitors/contact-snapshot.ts';
import type { ContactSnapshotSummary, SnapshotContact, SnapshotRole } from './ports.ts';
import { externalRecipients } from './drills/drill-recipients.ts';
import { resolveTimeZone } from './local-time/zones.ts';
import { notifyContacts } from './staff-notifications.ts';
import { templatesFor } from './templates/template-source.ts';

const HOUR_MS = 3_600_000;

/** Where the procedure's customer contacts come from, how old they are, and the at-risk accounts. */
export type LockoutCustomers = Omit<CustomerContactsStatus, 'notice' | 'resolutionNotice'> & {
  /** At-risk enterprise accounts: the procurement track's list (ids and names only, no people). */
  atRiskAccounts: { id: string; name: string }[];
};

function errorMessage(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  return (cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err)).slice(0, 300);
}

/**
 * Reads the enterprise customers live into a snapshot of this lockout; when the CRM fails (401/403,
 * 5xx, time-out) falls back to the newest complete snapshot and audits the fallback with its age.
 * Never retries the CRM itself: a lockout must not wait on the system that is locked out.
 */
export async function resolveLockoutCustomers(
  deps: ActivityDeps,
  input: { lockoutId: string },
): Promise<LockoutCustomers> {
  const procedureId = lockoutWorkflowId(input.lockoutId);
  const store = deps.monitors?.contactSnapshots;
  if (!store || !deps.monitors?.customers) {
    return { ...unavailable(), crmError: 'no customer CRM configured on this worker' };
  }
  let crmError: string | undefined;
  let summary: ContactSnapshotSummary | null;
  try {
    summary = await syncCustomerContacts(deps, {
      snapshotId: `${procedureId}:customers`,
      startedAt: new Date().toISOString(),
    });
  } catch (err) {
    crmError = errorMessage(err);
    summary = await store.latest();
  }
  if (summary === null) {
    await auditFallback(deps, procedureId, { crmError, snapshotId: null, takenAt: null, ageHours: null });
    return { ...unavailable(), ...(crmError === undefined ? {} : { crmError }) };
  }
  const ageHours =
    crmError === undefined ? 0 : Math.floor(((Date.now() - Date.parse(summary.takenAt)) / HOUR_MS) * 10) / 10;
  if (crmError !== undefined) {
    await auditFallback(deps, procedureId, {
      crmError,
      snapshotId: summary.snapshotId,
      takenAt: summary.takenAt,
      ageHours,
    });
  }
  const atRisk = new Map<string, string>();
  for (const c of await store.contacts({ atRiskOnly: true })) atRisk.set(c.accountId, c.accountName);
  return {
    source: crmError === undefined ? 'crm' : 'snapshot',
    snapshotId: summary.snapshotId,
    takenAt: summary.takenAt,
    ageHours,
    accounts: summary.accounts,
    contacts: summary.contacts,
    atRiskAccounts: [...atRisk].map(([id, name]) => ({ id, name })),
    ...(crmError === undefined ? {} : { crmError }),
  };
}

function unavailable(): LockoutCustomers {
  return {
    source: 'unavailable',
    snapshotId: null,
    takenAt: null,
    ageHours: null,
    accounts: 0,
    contacts: 0,
    atRiskAccounts: [],
  };
}

async function auditFallback(deps: ActivityDeps, procedureId: string, data: Record<string, unknown>): Promise<void> {
  await deps.audit.append({
    entryId: `contacts.fallback:${procedureId}`,
    incidentId: procedureId,
    type: data.snapshotId === null ? 'contacts.unavailable' : 'contacts.fallback-to-snapshot',
    actor: 'herald',
    at: new Date().toISOString(),
    data,
  });
}

export interface NotifyLockoutCustomersInput extends Omit<LockoutCustomerMessageInput, 'accountName'> {
  /** Ledger key: unique per send occasion (e.g. "procurement-notice"). */
  ledgerMilestone: string;
  roles: SnapshotRole[];
  /** Only these accounts; default every enterprise account in the snapshot. */
  accountIds?: string[];
  /** Only these channels (falling back from a failing provider); default both. */
  channels?: Channel[];
  /** Attach the pre-approved vendor-assessment answers (and record their version). */
  attachVendorAssessment?: boolean;
}

/** What a customer notice reached, and from which snapshot. */
export interface CustomerDeliverySummary extends DeliverySummary {
  /** The snapshot the contacts came from, with its completion time: the age every audit entry states. */
  snapshot: { snapshotId: string; takenAt: string } | null;
  /** Accounts of which at least one contact was reached. */
  accountsReached: string[];
  /** The vendor-assessment version attached, when one was. */
  document?: { version: string; sha256: string; filename: string };
}

/** Sends each account's contacts in the given roles their message once (ledger-keyed per contact). */
export async function notifyLockoutCustomers(
  deps: ActivityDeps,
  input: NotifyLockoutCustomersInput,
): Promise<CustomerDeliverySummary> {
  const store = deps.monitors?.contactSnapshots;
  const total: CustomerDeliverySummary = { ...emptySummary(), snapshot: null, accountsReached: [] };
  if (!store) return total;
  const latest = await store.latest();
  if (latest === null) return total;
  total.snapshot = { snapshotId: latest.snapshotId, takenAt: latest.takenAt };
  const doc =
    input.attachVendorAssessment && deps.vendorAssessment ? vendorAssessmentAttachment(deps.vendorAssessment) : null;
  if (doc && deps.vendorAssessment) {
    total.document = { version: deps.vendorAssessment.version, sha256: doc.sha256, filename: doc.attachment.filename };
  }
  const params = { ...input.params, ...(total.document ? { documentVersion: total.document.version } : {}) };
  const contacts = await store.contacts({
    roles: input.roles,
    ...(input.accountIds === undefined ? {} : { accountIds: input.accountIds }),
  });
  const incidentId = lockoutWorkflowId(input.incident.lockoutId);
  const templates = await templatesFor(deps.templates, incidentId);
  const organisationZone = deps.directory.organisation.timeZone;
  for (const [accountId, group] of byAccount(contacts)) {
    const accountName = group[0]?.accountName ?? accountId;
    const summary = await notifyContacts(
      deps,
      {
        incidentId,
        ledgerMilestone: input.ledgerMilestone,
        // In a drill each customer and procurement contact is the drill sink in their place.
        contacts: externalRecipients(
          deps.directory,
          incidentId,
          group.map((c) => inTheirZone(c, organisationZone)),
        ),
        channels: input.channels,
      },
      (locale, timeZone) => ({
        ...renderLockoutCustomerMessage(
          { ...input, accountName, params: { ...params, accountId } },
          templates,
          locale,
          timeZone,
        ),
        ...(doc ? { attachments: [doc.attachment] } : {}),
      }),
    );
    mergeSummary(total, summary);
    if (summary.reached > 0) total.accountsReached.push(accountId);
    heartbeat({ accountId });
  }
  return total;
}

/** The contact with the zone its dates are written in: the CRM's, else its address's, else the organisation's. */
function inTheirZone(contact: SnapshotContact, organisationZone: string | undefined): SnapshotContact {
  return { ...contact, timeZone: resolveTimeZone(contact, organisationZone).timeZone };
}

function byAccount(contacts: SnapshotContact[]): Map<string, SnapshotContact[]> {
  const groups = new Map<string, SnapshotContact[]>();
  for (const c of contacts) groups.set(c.accountId, [...(groups.get(c.accountId) ?? []), c]);
  return groups;
}
