/**
 * The lockout procedure's enterprise customers on the time-skipping server: contacts read live from
 * the sandbox CRM (real jsforce), the customer notice by role, the procurement track for at-risk
 * accounts (vendor-assessment answers attached and versioned, a confirmation per account, the
 * account owner when none comes), the all-clear on resolution — and, while the CRM answers
 * INVALID_SESSION_ID, the last-known-good snapshot with its age in the audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { actOnLockout, getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox, SeedCustomerContact } from '../../sandbox/index.ts';
import type { ContactSnapshotSyncReport } from '../../workflows/monitors/contact-snapshot-sync.ts';
import { withCustomerContacts } from '../support/customer-deps.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
const responder = { id: 'erin', role: 'responder' as const };
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ customers: seedCustomers() });
});
after(async () => {
  await sandbox.close();
});

const accountOf = (id: string) => sandbox.customers.accounts.find((a) => a.Id === id);
const enterprise = (c: SeedCustomerContact) => accountOf(c.AccountId)?.Type === 'Enterprise';
const withRole = (...roles: string[]) =>
  sandbox.customers.contacts.filter((c) => enterprise(c) && roles.includes(c.Crisis_Role__c ?? ''));
const atRiskIds = () => sandbox.customers.accounts.filter((a) => a.At_Risk__c).map((a) => a.Id);
/** Owners are snapshot rows keyed `<userId>:<accountId>`. */
const ownerRow = (accountId: string) => `${accountOf(accountId)?.OwnerId ?? '?'}:${accountId}`;
/** The emails of one send occasion to one recipient, by the ledger's delivery key (addresses repeat in the seed). */
const sentTo = <T extends { deliveryKey: string }>(sent: T[], milestone: string, recipientId: string): T[] =>
  sent.filter((m) => m.deliveryKey.includes(`/${milestone}/${recipientId}/`));

test('customers from the live CRM: notice by role, procurement with versioned answers, confirmation or the account owner, all-clear', async () => {
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, detectedAt, deps }) => {
      const [confirmed, silent] = atRiskIds();
      assert.ok(confirmed && silent, 'the seed has two at-risk enterprise accounts');
      const { handle } = await startLockout(client, { incident: lockout('LO-C1', detectedAt) }, taskQueue);
      await harness().env.sleep('2 minutes');
      await actOnLockout(handle, 'acknowledge', { actor: responder });

      let status = await getLockoutStatus(handle);
      assert.equal(status.customers?.source, 'crm');
      assert.equal(status.customers?.accounts, 8, 'the enterprise accounts of the seed');
      assert.equal(status.customers?.ageHours, 0);
      assert.deepEqual(status.procurement.map((p) => p.accountId).sort(), [confirmed, silent].sort());

      // The notice: every business owner and security contact of an enterprise account, once.
      for (const c of withRole('Business Owner', 'Security')) {
        const got = sentTo(email.sent, 'customer-notice', c.Id);
        assert.equal(got.length, 1, `${c.Id} got the customer notice once`);
        assert.match(got[0]?.subject ?? '', /^Service notice for /);
        assert.ok(got[0]?.subject.includes(accountOf(c.AccountId)?.Name ?? '?'), 'names the account');
      }
      const others = sandbox.customers.contacts.filter((c) => !enterprise(c) || c.Crisis_Role__c === null);
      for (const c of others) {
        assert.equal(email.sent.filter((m) => m.deliveryKey.includes(`/${c.Id}/`)).length, 0, `${c.Id} is not told`);
      }

      // Procurement: the at-risk accounts' procurement and security contacts, answers attached.
      const procurementMail = email.sent.filter((m) => /^Vendor assessment update/.test(m.subject));
      const expected = withRole('Procurement', 'Security').filter((c) => atRiskIds().includes(c.AccountId));
      assert.equal(procurementMail.length, expected.length);
      for (const c of expected) assert.equal(sentTo(procurementMail, 'procurement-notice', c.Id).length, 1, c.Id);
      for (const m of procurementMail) {
        assert.equal(m.attachments?.[0]?.filename, 'vendor-assessment-v2026.4.md');
        assert.match(m.attachments?.[0]?.content ?? '', /Version 2026\.4, approved by Legal/);
      }
      status = await getLockoutStatus(handle);
      for (const p of status.procurement) {
        assert.equal(p.state, 'notified');
        assert.equal(p.document?.version, '2026.4');
      }
      const sentEntry = (await deps.audit.list('lockout:LO-C1')).find((e) => e.type === 'procurement.notice-sent');
      assert.deepEqual((sentEntry?.data.document as { version: string }).version, '2026.4');
      assert.ok((sentEntry?.data.snapshot as { snapshotId: string }).snapshotId, 'the snapshot used is recorded');

      // One account confirms; the other stays silent and goes to its owner after the timeout.
      await assert.rejects(
        actOnLockout(handle, 'procurementContacted', { actor: responder, accountId: '001000000000000AAA' }),
        /not on this procedure's procurement track/,
      );
      status = await actOnLockout(handle, 'procurementContacted', {
        actor: responder,
        accountId: confirmed,
        note: 'called their CPO',
      });
      assert.equal(status.procurement.find((p) => p.accountId === confirmed)?.state, 'acknowledged');
      await assert.rejects(
        actOnLockout(handle, 'procurementContacted', { actor: responder, accountId: confirmed }),
        /already confirmed by erin/,
      );
      await harness().env.sleep('2 hours');
      status = await getLockoutStatus(handle);
      assert.equal(status.procurement.find((p) => p.accountId === silent)?.state, 'escalated');
      assert.equal(status.procurement.find((p) => p.accountId === confirmed)?.state, 'acknowledged');
      const escalation = sentTo(email.sent, 'procurement-escalation', ownerRow(silent));
      assert.equal(escalation.length, 1, 'the silent account’s owner is asked once');
      assert.match(escalation[0]?.subject ?? '', /has not confirmed/);
      assert.equal(
        sentTo(email.sent, 'procurement-escalation', ownerRow(confirmed)).length,
        0,
        'a confirmed account is not escalated',
      );

      await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Audit-log retention job fixed.' });
      const final = await handle.result();
      assert.equal(final.customers?.resolutionNotice?.accountsReached, 8);
      for (const c of withRole('Business Owner')) {
        assert.equal(sentTo(email.sent, 'customer-resolution', c.Id).length, 1, c.Id);
      }
      const report = email.to('compliance@uni.test').find((m) => /Post-incident report/.test(m.subject));
      assert.match(report?.text ?? '', /Enterprise customers/);
      assert.match(
        report?.text ?? '',
        new RegExp(`Procurement .*\\(${silent}\\): escalated; vendor-assessment answers v2026\\.4`),
      );
      assert.match(report?.text ?? '', new RegExp(`\\(${confirmed}\\): acknowledged.*confirmed by erin`));
    },
    await withCustomerContacts(sandbox, harness().store),
  );
});

test('CRM answers INVALID_SESSION_ID: the last-known-good snapshot is used, its age audited with every notice', async () => {
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, detectedAt, deps }) => {
      const sync = (await client.workflow.execute('contactSnapshotSync', {
        taskQueue,
        workflowId: 'contact-sync-before-lockout',
      })) as ContactSnapshotSyncReport;
      assert.ok(sync.ok, 'a snapshot taken while the CRM was up');

      sandbox.faults.inject('salesforce', { kind: 'session-expired' }, { times: Infinity });
      try {
        const { handle } = await startLockout(client, { incident: lockout('LO-C2', detectedAt) }, taskQueue);
        await harness().env.sleep('2 minutes');
        const status = await getLockoutStatus(handle);
        assert.equal(status.customers?.source, 'snapshot');
        assert.equal(status.customers?.snapshotId, sync.snapshot.snapshotId);
        assert.equal(status.customers?.takenAt, sync.snapshot.takenAt);
        assert.match(status.customers?.crmError ?? '', /session|auth/i);
        assert.equal(status.procurement.length, 2, 'the at-risk accounts come from the snapshot too');

        const trail = await deps.audit.list('lockout:LO-C2');
        const fallback = trail.find((e) => e.type === 'contacts.fallback-to-snapshot');
        assert.equal(fallback?.data.snapshotId, sync.snapshot.snapshotId);
        assert.equal(typeof fallback?.data.ageHours, 'number');
        for (const type of ['customer-notice.sent', 'procurement.notice-sent']) {
          const entry = trail.find((e) => e.type === type);
          const snapshot = entry?.data.snapshot as { snapshotId: string; takenAt: string; ageHours: number };
          assert.equal(snapshot.snapshotId, sync.snapshot.snapshotId, type);
          assert.equal(snapshot.takenAt, sync.snapshot.takenAt, type);
          assert.ok(snapshot.ageHours >= 0, type);
        }
        for (const c of withRole('Business Owner')) {
          assert.equal(sentTo(email.sent, 'customer-notice', c.Id).length, 1, `${c.Id} told from the snapshot`);
        }
        await actOnLockout(handle, 'close', { actor: responder, reason: 'end of test' });
        await handle.result();
      } finally {
        sandbox.faults.clear();
      }
    },
    await withCustomerContacts(sandbox, harness().store),
  );
});
