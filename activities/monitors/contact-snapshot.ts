/**
 * The customer contact snapshot: enterprise accounts and their crisis contacts (procurement,
 * security, business owner) read from the CRM page by page into the store, completed only when the
 * whole read succeeded, so the lockout procedure has a last-known-good list when Salesforce is down.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps.ts';
import { defaultLocaleFor } from '../providers/countries.ts';
import { CONTACT_SNAPSHOT_AUDIT_KEY } from '../../workflows/monitors/watch-policy.ts';
import type {
  ContactSnapshotStore,
  ContactSnapshotSummary,
  CustomerAccount,
  CustomerContact,
  CustomerCrmPort,
  SnapshotContact,
} from '../ports.ts';

export interface SyncContactsInput {
  /** Deterministic per run (the workflow's run id): a retried attempt writes the same snapshot. */
  snapshotId: string;
  /** ISO instant the run began. */
  startedAt: string;
}

function snapshotDeps(deps: ActivityDeps): { customers: CustomerCrmPort; store: ContactSnapshotStore } {
  const customers = deps.monitors?.customers;
  const store = deps.monitors?.contactSnapshots;
  if (!customers || !store) {
    throw ApplicationFailure.nonRetryable(
      'this worker has no customer contact snapshot configured',
      'ConfigurationError',
    );
  }
  return { customers, store };
}

/**
 * Reads every enterprise account, then every contact holding a crisis role, keeps the contacts of
 * enterprise accounts, and completes the snapshot. A retry starts the read over into the same
 * snapshot (rows are idempotent); CRM query cursors are not resumed across attempts.
 */
export async function syncCustomerContacts(
  deps: ActivityDeps,
  input: SyncContactsInput,
): Promise<ContactSnapshotSummary> {
  const { customers, store } = snapshotDeps(deps);
  await store.begin(input.snapshotId, input.startedAt);

  const accounts = new Map<string, CustomerAccount>();
  let cursor: string | undefined;
  do {
    const page = await customers.findEnterpriseAccounts(cursor);
    for (const account of page.accounts) accounts.set(account.id, account);
    cursor = page.nextCursor;
    heartbeat({ phase: 'accounts', accounts: accounts.size });
  } while (cursor !== undefined);

  let kept = 0;
  do {
    const page = await customers.findRoleContacts(cursor);
    const rows = page.contacts.flatMap((c) => {
      const account = accounts.get(c.accountId);
      return account
        ? [{ ...withAccountPlace(c, account), accountName: account.name, accountAtRisk: account.atRisk }]
        : [];
    });
    await store.add(input.snapshotId, rows);
    kept += rows.length;
    cursor = page.nextCursor;
    heartbeat({ phase: 'contacts', contacts: kept });
  } while (cursor !== undefined);
  kept += await addAccountOwners(customers, store, input.snapshotId, [...accounts.values()]);

  const summary = await store.complete(input.snapshotId, new Date().toISOString(), accounts.size);
  await deps.audit.append({
    entryId: `contacts.snapshot-taken:${input.snapshotId}`,
    incidentId: CONTACT_SNAPSHOT_AUDIT_KEY,
    type: 'contacts.snapshot-taken',
    actor: 'herald',
    at: summary.takenAt,
    data: { snapshotId: summary.snapshotId, accounts: summary.accounts, contacts: summary.contacts },
  });
  return summary;
}

/**
 * A contact with no mailing country takes the account's billing address; one stating no language
 * reads the language of its country (English when Herald knows none). The zone follows at the send.
 */
function withAccountPlace(contact: CustomerContact, account: CustomerAccount): CustomerContact {
  const { country, state, locale, ...rest } = contact;
  const place = country === undefined ? { country: account.country, state: account.state } : { country, state };
  const language = locale ?? defaultLocaleFor(place.country);
  return {
    ...rest,
    ...(place.country === undefined ? {} : { country: place.country }),
    ...(place.state === undefined ? {} : { state: place.state }),
    ...(language === undefined ? {} : { locale: language }),
  };
}

/**
 * Each account's owner (our account manager) as a row of role `account-owner`, keyed
 * `<userId>:<accountId>`: one owner of several accounts is escalated to once per account.
 */
async function addAccountOwners(
  customers: CustomerCrmPort,
  store: ContactSnapshotStore,
  snapshotId: string,
  accounts: CustomerAccount[],
): Promise<number> {
  const owned = accounts.filter((a): a is CustomerAccount & { ownerId: string } => a.ownerId !== undefined);
  if (owned.length === 0) return 0;
  const users = new Map((await customers.findUsers(owned.map((a) => a.ownerId))).map((u) => [u.id, u]));
  const rows: SnapshotContact[] = owned.flatMap((account) => {
    const user = users.get(account.ownerId);
    if (!user) return [];
    return [
      {
        ...user,
        id: `${user.id}:${account.id}`,
        accountId: account.id,
        role: 'account-owner' as const,
        title: 'Account owner',
        accountName: account.name,
        accountAtRisk: account.atRisk,
      },
    ];
  });
  await store.add(snapshotId, rows);
  heartbeat({ phase: 'owners', owners: rows.length });
  return rows.length;
}

/** The newest complete snapshot (when it was taken, how many), or null. */
export function latestContactSnapshot(deps: ActivityDeps): Promise<ContactSnapshotSummary | null> {
  return snapshotDeps(deps).store.latest();
}
