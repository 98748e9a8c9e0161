/**
 * The customer contact snapshot on the time-skipping server with the real activities, the real
 * Salesforce adapter against the sandbox CRM seeded with enterprise customers, and the store: a
 * run takes a complete snapshot (paging, a retried page); with Salesforce revoked the next run
 * fails, the last good snapshot stays the latest, and the failure is audited with its age.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@temporalio/client';
import type { ActivityDeps } from '../../../activities/index.ts';
import { seedCustomers, startSandbox } from '../../../sandbox/index.ts';
import type { CustomerSeed, Sandbox } from '../../../sandbox/index.ts';
import type { contactSnapshotSync } from '../../../workflows/index.ts';
import type { ContactSnapshotSyncReport } from '../../../workflows/monitors/contact-snapshot-sync.ts';
import { CONTACT_SNAPSHOT_AUDIT_KEY } from '../../../workflows/monitors/watch-policy.ts';
import { sandboxDeps, withWorker } from '../../support/monitor-worker.ts';
import { useHarness } from '../../support/workflow-harness.ts';

const harness = useHarness();
/** No test here may hang the suite. */
const LIMIT = { timeout: 120_000 };
/** More enterprise accounts (220) and role contacts than one 200-record page holds. */
const seed: CustomerSeed = seedCustomers({ accounts: 330 });
let sandbox: Sandbox;
let workerDeps: Promise<ActivityDeps> | undefined;
let runs = 0;

before(async () => {
  sandbox = await startSandbox({ seed: { count: 10 }, customers: structuredClone(seed) });
});
/** One worker configuration for the file (the harness is ready only once its own hook ran). */
const depsOf = (): Promise<ActivityDeps> => (workerDeps ??= sandboxDeps(sandbox, harness().store));
after(() => sandbox?.close());

/** What a complete snapshot of `seed` holds. */
function expected() {
  const enterprise = new Set(seed.accounts.filter((a) => a.Type === 'Enterprise').map((a) => a.Id));
  const roleContacts = seed.contacts.filter((c) => c.Crisis_Role__c !== null && enterprise.has(c.AccountId));
  const users = new Set(seed.users.map((u) => u.Id));
  const owners = seed.accounts.filter((a) => enterprise.has(a.Id) && users.has(a.OwnerId));
  return { accounts: enterprise.size, roleContacts: roleContacts.length, owners: owners.length };
}

/**
 * Runs one snapshot sync and returns its report. A plain client: awaiting the result does not
 * unlock time skipping, so the server's clock moves with real time (retry back-offs included).
 */
function runSync(taskQueue: string): Promise<ContactSnapshotSyncReport> {
  const client = new Client({ connection: harness().env.connection, namespace: harness().env.namespace ?? 'default' });
  return client.workflow.execute<typeof contactSnapshotSync>('contactSnapshotSync', {
    taskQueue,
    workflowId: `contact-snapshot-sync-test-${++runs}`,
    args: [],
  });
}

test('a run takes a complete snapshot of the enterprise customers, page by page, and audits it', LIMIT, async () => {
  const h = harness();
  const deps = await depsOf();
  const report = await withWorker(h, deps, runSync);
  assert.ok(report.ok, JSON.stringify(report));
  const { accounts, roleContacts, owners } = expected();
  assert.ok(accounts > 200 && roleContacts > 400, 'the seed pages');
  assert.equal(report.snapshot.accounts, accounts);
  assert.equal(report.snapshot.contacts, roleContacts + owners);

  const store = deps.monitors?.contactSnapshots;
  assert.ok(store);
  assert.deepEqual(await store.latest(), report.snapshot);
  const customerRoles = await store.contacts({ roles: ['procurement', 'security', 'business-owner'] });
  assert.equal(customerRoles.length, roleContacts, 'every role contact of an enterprise account, once');
  const enterprise = new Set(seed.accounts.filter((a) => a.Type === 'Enterprise').map((a) => a.Id));
  assert.ok(
    customerRoles.every((c) => enterprise.has(c.accountId)),
    'only enterprise accounts',
  );
  const atRisk = seed.accounts.filter((a) => a.At_Risk__c).map((a) => a.Id);
  assert.deepEqual(
    [...new Set((await store.contacts({ atRiskOnly: true })).map((c) => c.accountId))].sort(),
    atRisk.sort(),
  );
  const pages = sandbox.log.requests('salesforce').filter((r) => r.path.includes('/query'));
  assert.ok(pages.length >= 2 + 3, `accounts and contacts each read in pages (${pages.length} requests)`);

  const taken = (await h.store.audit.list(CONTACT_SNAPSHOT_AUDIT_KEY)).filter(
    (e) => e.type === 'contacts.snapshot-taken',
  );
  assert.deepEqual(
    taken.map((e) => e.data),
    [{ snapshotId: report.snapshot.snapshotId, accounts, contacts: report.snapshot.contacts }],
  );
});

test('a page that fails once is read again into the same snapshot: the counts are exact', LIMIT, async () => {
  sandbox.faults.inject(
    'salesforce',
    { kind: 'status', status: 503 },
    { match: (method, path) => method === 'GET' && /\/query\/[^/]+$/.test(path) },
  );
  const report = await withWorker(harness(), await depsOf(), runSync);
  assert.ok(report.ok, JSON.stringify(report));
  assert.ok(
    sandbox.log.requests('salesforce').some((r) => r.status === 503),
    'the fault was hit',
  );
  const { accounts, roleContacts, owners } = expected();
  assert.equal(report.snapshot.accounts, accounts);
  assert.equal(report.snapshot.contacts, roleContacts + owners);
});

test(
  'Salesforce revoked: the run fails, the last good snapshot stays the latest, the failure is audited with its age',
  LIMIT,
  async () => {
    const h = harness();
    const deps = await depsOf();
    const store = deps.monitors?.contactSnapshots;
    assert.ok(store);
    const lastGood = await store.latest();
    assert.ok(lastGood, 'an earlier run took one');

    sandbox.revoke('salesforce');
    let report: ContactSnapshotSyncReport;
    try {
      report = await withWorker(h, deps, runSync);
    } finally {
      sandbox.restore('salesforce');
    }
    assert.equal(report.ok, false);
    assert.ok(!report.ok);
    assert.match(report.error, /Salesforce .*(refused|rejecting)/);
    assert.deepEqual(report.lastGood, lastGood);
    assert.deepEqual(await store.latest(), lastGood, 'the failed read did not replace it');

    const failed = (await h.store.audit.list(CONTACT_SNAPSHOT_AUDIT_KEY)).filter(
      (e) => e.type === 'contacts.snapshot-failed',
    );
    assert.equal(failed.length, 1);
    assert.deepEqual(failed[0]?.data, {
      error: report.error,
      lastGoodSnapshotId: lastGood.snapshotId,
      lastGoodTakenAt: lastGood.takenAt,
    });

    const next = await withWorker(h, deps, runSync);
    assert.ok(next.ok, 'restored: the next run takes a new snapshot');
    assert.notEqual(next.snapshot.snapshotId, lastGood.snapshotId);
    assert.equal((await store.latest())?.snapshotId, next.snapshot.snapshotId);
  },
);
