/**
 * The lockout's enterprise customers: their contacts resolved at the start (live from the CRM, or
 * the last-known-good snapshot while Salesforce is down), a customer notice with the stakeholder
 * notice, the procurement-escalation track for at-risk accounts (vendor-assessment answers, a
 * confirmation per account, the account owner when none comes), and the resolution notice.
 */
import { condition, patched } from '@temporalio/workflow';
import type { CustomerDeliverySummary } from '../../activities/index.ts';
import type { ProcurementAccount, SnapshotFacts } from '../domain/lockout-status.ts';
import { activities } from '../procedure/activity-proxies.ts';
import type { LockoutContext } from './context.ts';
import { cadenceWords } from './tracks.ts';

/** Procedures started before this track existed replay without it. */
export const CUSTOMER_TRACK_PATCH = 'lockout-customer-contacts';

const NOTICE_ROLES = ['business-owner', 'security'] as const;
const PROCUREMENT_ROLES = ['procurement', 'security'] as const;

export async function runCustomerTrack(ctx: LockoutContext): Promise<void> {
  if (!patched(CUSTOMER_TRACK_PATCH)) return;
  const { status } = ctx.state;
  const found = await activities.resolveLockoutCustomers({ lockoutId: ctx.state.incident.lockoutId });
  const { atRiskAccounts, ...facts } = found;
  status.customers = { ...facts, notice: null, resolutionNotice: null };
  status.procurement = atRiskAccounts.map((a): ProcurementAccount => ({
    accountId: a.id,
    accountName: a.name,
    state: 'pending',
    noticeSentAt: null,
    document: null,
    escalatedAt: null,
    acknowledgement: null,
  }));
  ctx.publish();
  await ctx.audit('customers.resolved', 'herald', { ...facts, atRiskAccounts: atRiskAccounts.map((a) => a.id) });
  if (found.source === 'unavailable') return;
  await Promise.all([runCustomerNotices(ctx), runProcurement(ctx)]);
}

const resolved = (ctx: LockoutContext): boolean => ctx.state.status.resolution !== null;

/** The snapshot a send used and how old it was at the send. */
function snapshotFacts(summary: CustomerDeliverySummary): SnapshotFacts | null {
  if (summary.snapshot === null) return null;
  const ageMs = Date.now() - Date.parse(summary.snapshot.takenAt);
  return { ...summary.snapshot, ageHours: Math.max(0, Math.floor((ageMs / 3_600_000) * 10) / 10) };
}

function counts(summary: CustomerDeliverySummary): Record<string, unknown> {
  const { email, sms, reached, accountsReached, document } = summary;
  return { email, sms, reached, accountsReached, document, snapshot: snapshotFacts(summary) };
}

/** With the stakeholder notice: business owners and security contacts; on resolution, the all-clear. */
async function runCustomerNotices(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  await ctx.gate('stakeholder-notice');
  if (resolved(ctx)) return;
  const cadence = cadenceWords(state.timing.statusUpdateIntervalMs / state.timeScale);
  const notice = await ctx.notifyCustomers('customer-notice', {
    roles: [...NOTICE_ROLES],
    template: 'customer-notice',
    params: { cadence },
  });
  const customers = state.status.customers;
  if (customers) customers.notice = { sentAt: ctx.nowIso(), accountsReached: notice.accountsReached.length };
  await ctx.audit('customer-notice.sent', 'herald', counts(notice));
  ctx.publish();

  await condition(() => resolved(ctx));
  const resolution = state.status.resolution;
  if (resolution === null || notice.accountsReached.length === 0) return;
  await ctx.gate('resolution-notice');
  const done = await ctx.notifyCustomers('customer-resolution', {
    roles: [...NOTICE_ROLES],
    accountIds: notice.accountsReached,
    template: 'customer-resolution',
    params: { rootCause: resolution.rootCause, resolvedAt: resolution.at },
  });
  if (customers) customers.resolutionNotice = { sentAt: ctx.nowIso(), accountsReached: done.accountsReached.length };
  await ctx.audit('customer-resolution.sent', 'herald', counts(done));
  ctx.publish();
}

/**
 * At-risk accounts: procurement and security contacts get the pre-approved vendor-assessment
 * answers; an account nobody could reach goes to its owner at once, one unconfirmed after the
 * timeout then. Stops when every account confirmed or the lockout is resolved.
 */
async function runProcurement(ctx: LockoutContext): Promise<void> {
  const { state } = ctx;
  const accounts = state.status.procurement;
  if (accounts.length === 0) return;
  await ctx.gate('stakeholder-notice');
  if (resolved(ctx)) return;
  const sent = await ctx.notifyCustomers('procurement-notice', {
    roles: [...PROCUREMENT_ROLES],
    accountIds: accounts.map((a) => a.accountId),
    template: 'procurement-notice',
    params: {},
    attachVendorAssessment: true,
  });
  const sentAt = ctx.nowIso();
  const document = sent.document ? { version: sent.document.version, sha256: sent.document.sha256 } : null;
  for (const account of accounts) {
    if (account.acknowledgement) continue;
    account.noticeSentAt = sentAt;
    account.document = document;
    account.state = sent.accountsReached.includes(account.accountId) ? 'notified' : 'unreachable';
  }
  await ctx.audit('procurement.notice-sent', 'herald', counts(sent));
  ctx.publish();

  const params = { noticeSentAt: sentAt, documentVersion: document?.version ?? 'none' };
  await escalate(ctx, (a) => a.state === 'unreachable', params, 'no procurement or security contact reachable');
  const unconfirmed = () => accounts.some((a) => a.state === 'notified');
  await ctx.waitUntil(() => !unconfirmed() || resolved(ctx), Date.now() + state.timing.procurementAckTimeoutMs);
  if (resolved(ctx)) return;
  await escalate(ctx, (a) => a.state === 'notified', params, 'not confirmed in time');
}

/** The owners of the accounts `which` selects are asked to step in; those accounts become `escalated`. */
async function escalate(
  ctx: LockoutContext,
  which: (a: ProcurementAccount) => boolean,
  params: Record<string, string>,
  reason: string,
): Promise<void> {
  const targets = ctx.state.status.procurement.filter(which);
  if (targets.length === 0) return;
  const summary = await ctx.notifyCustomers('procurement-escalation', {
    roles: ['account-owner'],
    accountIds: targets.map((a) => a.accountId),
    template: 'procurement-escalation',
    params,
  });
  const at = ctx.nowIso();
  for (const account of targets) {
    // A confirmation that arrived while the escalation was going out stands.
    if (account.acknowledgement) continue;
    account.state = 'escalated';
    account.escalatedAt = at;
  }
  await ctx.audit('procurement.escalated', 'herald', {
    reason,
    accounts: targets.map((a) => a.accountId),
    ...counts(summary),
  });
  ctx.publish();
}
