/**
 * SalesforceCrm's enterprise customer reads against the sandbox CRM seeded with seedCustomers():
 * accounts by Account.Type with their at-risk flag, contacts holding a crisis role, page by page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CustomerAccount, CustomerContact } from '../../../activities/ports.ts';
import { createSalesforceCrm } from '../../../activities/providers/salesforce.ts';
import type { SalesforceCrm, SalesforceCrmOptions } from '../../../activities/providers/salesforce.ts';
import { seedCustomers, startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox } from '../../../sandbox/index.ts';

const seed = seedCustomers({ accounts: 330 });
let sandbox: Sandbox;

function crm(options: SalesforceCrmOptions = {}): SalesforceCrm {
  return createSalesforceCrm({
    loginUrl: sandbox.salesforceUrl,
    ...sandbox.credentials.salesforce,
    timeoutMs: 2_000,
    ...options,
  });
}

async function allPages<T>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>) {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  return { items, pages };
}

const accountsOf = (adapter: SalesforceCrm) =>
  allPages<CustomerAccount>(async (cursor) => {
    const page = await adapter.findEnterpriseAccounts(cursor);
    return { items: page.accounts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });

const contactsOf = (adapter: SalesforceCrm) =>
  allPages<CustomerContact>(async (cursor) => {
    const page = await adapter.findRoleContacts(cursor);
    return { items: page.contacts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });

describe('SalesforceCrm customer reads against the sandbox', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 50 }, customers: structuredClone(seed) });
  });
  after(() => sandbox?.close());

  test('enterprise accounts, all pages, in Id order, with name and at-risk flag', async () => {
    const { items, pages } = await accountsOf(crm({ pageSize: 200 }));
    const expected = seed.accounts.filter((a) => a.Type === 'Enterprise');
    assert.ok(pages >= 2, `${pages} pages`);
    assert.deepEqual(
      items.map((a) => [a.id, a.name, a.atRisk]),
      expected.map((a) => [a.Id, a.Name, a.At_Risk__c]),
    );
    assert.ok(
      items.some((a) => a.atRisk),
      'some are at risk',
    );
  });

  test('another account type when configured (SALESFORCE_ENTERPRISE_ACCOUNT_TYPE), quotes escaped', async () => {
    const { items } = await accountsOf(crm({ enterpriseAccountType: 'Mid-Market' }));
    assert.deepEqual(
      items.map((a) => a.id),
      seed.accounts.filter((a) => a.Type === 'Mid-Market').map((a) => a.Id),
    );
    assert.deepEqual((await accountsOf(crm({ enterpriseAccountType: "Enterprise' OR Type != '" }))).items, []);
  });

  test('contacts with a crisis role, any account, mapped to roles; students and other contacts left out', async () => {
    const { items, pages } = await contactsOf(crm({ pageSize: 200 }));
    const expected = seed.contacts.filter((c) => c.Crisis_Role__c !== null);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.deepEqual(
      items.map((c) => c.id),
      expected.map((c) => c.Id),
    );
    const roles = { Procurement: 'procurement', Security: 'security', 'Business Owner': 'business-owner' } as const;
    for (const [i, c] of expected.entries()) {
      const got = items[i];
      assert.ok(got);
      assert.equal(got.accountId, c.AccountId);
      assert.equal(got.role, roles[c.Crisis_Role__c as keyof typeof roles]);
      assert.equal(got.name, `${c.FirstName} ${c.LastName}`);
      assert.equal(got.title, c.Title ?? undefined);
      assert.equal(got.email, c.Email ?? undefined);
      assert.equal(got.phone, c.MobilePhone ?? undefined, 'no phone on file: no phone field');
    }
    assert.ok(
      expected.some((c) => c.MobilePhone === null),
      'the seed has contacts without a phone',
    );
  });
});
