import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import type { CrmScope } from '../../../workflows/domain/incident.ts';
import { createSalesforceCrm } from '../../../activities/providers/salesforce.ts';
import type { SalesforceCrm } from '../../../activities/providers/salesforce.ts';
import type { SalesforceCrmOptions } from '../../../activities/providers/salesforce.ts';
import { startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox, SeedContact } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';
import { sandboxCrm } from '../../support/sandbox-crm.ts';

let sandbox: Sandbox;

const crm = (options: SalesforceCrmOptions = {}, password?: string): SalesforceCrm =>
  sandboxCrm(sandbox, options, password);

async function readAll(adapter: SalesforceCrm, scope: CrmScope): Promise<{ people: AffectedPerson[]; pages: number }> {
  const people: AffectedPerson[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.findAffectedPeople(scope, cursor);
    people.push(...page.people);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  return { people, pages };
}

const tokenRequests = (): number =>
  sandbox.log.requests('salesforce').filter((r) => r.path === '/services/oauth2/token').length;

/** Every in-scope contact is covered exactly once: by its own id, or by a same-email duplicate. */
function assertCovers(people: AffectedPerson[], expected: SeedContact[]): void {
  const ids = people.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'no id returned twice');
  const expectedIds = new Set(expected.map((c) => c.Id));
  for (const id of ids) assert.ok(expectedIds.has(id), `${id} is in scope`);
  const returnedEmails = new Set(people.map((p) => p.email?.toLowerCase()));
  for (const c of expected) {
    assert.ok(ids.includes(c.Id) || returnedEmails.has(c.Email?.toLowerCase()), `${c.Id} covered`);
  }
}

describe('SalesforceCrm against the sandbox', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 3000, seed: 7 } });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
  });

  it('pages through a filter scope, returning every in-scope student once, on API v62.0', async () => {
    const scope: CrmScope = {
      kind: 'filter',
      conditions: [
        { field: 'Enrollment_Status__c', op: 'eq', value: 'Enrolled' },
        { field: 'Campus__c', op: 'in', value: ['Dublin', 'Berlin'] },
      ],
    };
    const { people, pages } = await readAll(crm({ pageSize: 200 }), scope);
    const expected = sandbox.students.filter(
      (s) => s.Enrollment_Status__c === 'Enrolled' && (s.Campus__c === 'Dublin' || s.Campus__c === 'Berlin'),
    );
    assert.ok(pages > 3, `several pages (${pages})`);
    assertCovers(people, expected);
    const dataPaths = sandbox.log
      .requests('salesforce')
      .filter((r) => r.path.startsWith('/services/data/'))
      .map((r) => r.path);
    assert.ok(dataPaths.every((p) => p.startsWith('/services/data/v62.0/query')));
    assert.ok(
      dataPaths.some((p) => /^\/services\/data\/v62\.0\/query\/01g/.test(p)),
      'used queryMore locators',
    );
  });

  it('maps records: ISO country, locale from preference or country, name, state', async () => {
    const { people } = await readAll(crm(), {
      kind: 'filter',
      conditions: [{ field: 'Campus__c', op: 'eq', value: 'Paris' }],
    });
    const byId = new Map(people.map((p) => [p.id, p]));
    const germanNoPref = sandbox.students.find(
      (s) =>
        s.Campus__c === 'Paris' &&
        s.MailingCountry === 'Deutschland' &&
        s.Preferred_Language__c === null &&
        byId.has(s.Id),
    );
    assert.ok(germanNoPref, 'seed has such a student');
    assert.deepEqual(byId.get(germanNoPref.Id), {
      id: germanNoPref.Id,
      name: `${germanNoPref.FirstName} ${germanNoPref.LastName}`,
      email: germanNoPref.Email,
      ...(germanNoPref.MobilePhone ? { phone: germanNoPref.MobilePhone } : {}),
      country: 'DE',
      locale: 'de',
    });
    const american = people.find((p) => p.country === 'US');
    assert.ok(american?.state, 'US students carry a state');
  });

  it('expands a country code to the spellings the CRM holds', async () => {
    const { people } = await readAll(crm({ pageSize: 2000 }), {
      kind: 'filter',
      conditions: [{ field: 'MailingCountry', op: 'eq', value: 'DE' }],
    });
    const expected = sandbox.students.filter((s) => ['DE', 'Germany', 'Deutschland'].includes(s.MailingCountry ?? ''));
    assert.ok(
      expected.some((s) => s.MailingCountry === 'Germany') && expected.some((s) => s.MailingCountry === 'Deutschland'),
    );
    assertCovers(people, expected);
    assert.ok(people.every((p) => p.country === 'DE'));
  });

  it('escapes quotes: a value with an apostrophe matches, an injection attempt matches nothing', async () => {
    const adapter = crm({ pageSize: 2000 });
    const { people } = await readAll(adapter, {
      kind: 'filter',
      conditions: [{ field: 'Program__c', op: 'eq', value: "Children's Nursing" }],
    });
    assertCovers(
      people,
      sandbox.students.filter((s) => s.Program__c === "Children's Nursing"),
    );
    assert.ok(people.length > 0);

    for (const value of ["x' OR Id != '", "x\\' OR Id != '", "Law' AND Campus__c != '"]) {
      const result = await adapter.findAffectedPeople({
        kind: 'filter',
        conditions: [{ field: 'Program__c', op: 'eq', value }],
      });
      assert.deepEqual(result, { people: [] }, `no widening for ${value}`);
    }
    assert.ok(
      sandbox.log.requests('salesforce').every((r) => r.status !== 400),
      'all queries were well-formed',
    );
  });

  it('queries a large records scope in chunks and returns each record', async () => {
    const ids = sandbox.students.slice(100, 750).map((s) => s.Id);
    const { people } = await readAll(crm({ pageSize: 200 }), { kind: 'records', recordIds: ids });
    assertCovers(people, sandbox.students.slice(100, 750));
    const queries = sandbox.log
      .requests('salesforce')
      .filter((r) => r.path.startsWith('/services/data/v62.0/query?q='));
    assert.equal(queries.length, 3, '650 ids → 3 queries of ≤ 300');
    assert.ok(
      queries.every((r) => r.path.length < 16_000),
      'URLs stay under the URI limit',
    );
  });

  it('refuses an unvalidated scope without calling Salesforce', async () => {
    const scope = { kind: 'filter', conditions: [{ field: 'Email', op: 'eq', value: 'x' }] } as unknown as CrmScope;
    const err = await rejection(crm().findAffectedPeople(scope));
    assert.ok(err instanceof ApplicationFailure && err.nonRetryable && err.type === 'InvalidScope');
    assert.equal(sandbox.log.requests('salesforce').length, 0);
  });

  it('re-authenticates once after INVALID_SESSION_ID and succeeds', async () => {
    const adapter = crm();
    const scope: CrmScope = { kind: 'filter', conditions: [{ field: 'Campus__c', op: 'eq', value: 'Online' }] };
    const first = await adapter.findAffectedPeople(scope);
    const loginsBefore = tokenRequests();
    sandbox.faults.inject('salesforce', { kind: 'session-expired' });
    const second = await adapter.findAffectedPeople(scope);
    assert.deepEqual(second.people, first.people);
    assert.equal(tokenRequests(), loginsBefore + 1);
  });

  it('gives up with ProviderAuth when every session is rejected, instead of looping', async () => {
    sandbox.faults.inject('salesforce', { kind: 'session-expired' }, { times: Infinity });
    const err = await rejection(crm().findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }));
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'ProviderAuth');
    assert.equal(err.nonRetryable, true);
    assert.ok(tokenRequests() <= 3, `bounded logins (${tokenRequests()})`);
  });

  it('reports bad credentials as ProviderAuth', async () => {
    const err = await rejection(
      crm({}, 'wrong').findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }),
    );
    assert.ok(err instanceof ApplicationFailure && err.type === 'ProviderAuth' && err.nonRetryable);
  });

  it('maps 403 REQUEST_LIMIT_EXCEEDED to RateLimited with a delay', async () => {
    const adapter = crm();
    await adapter.findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }); // logged in
    sandbox.faults.inject('salesforce', { kind: 'rate-limit' });
    const err = await rejection(adapter.findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }));
    assert.ok(err instanceof ApplicationFailure && err.type === 'RateLimited' && !err.nonRetryable);
    assert.equal(err.nextRetryDelay, 60_000);
  });

  it('rethrows a 5xx unchanged (transient) without jsforce retrying it', async () => {
    const adapter = crm();
    await adapter.findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] });
    sandbox.log.clear();
    sandbox.faults.inject('salesforce', { kind: 'status', status: 503 });
    const err = await rejection(adapter.findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }));
    assert.ok(!(err instanceof ApplicationFailure), String(err));
    assert.equal((err as { errorCode?: string }).errorCode, 'SERVER_UNAVAILABLE');
    assert.equal(sandbox.log.requests('salesforce').length, 1);
  });

  it('fails the attempt when Salesforce hangs', async () => {
    const adapter = crm({ timeoutMs: 200 });
    sandbox.faults.inject(
      'salesforce',
      { kind: 'slow', delayMs: 5_000 },
      { match: (_m, path) => path.endsWith('/query') },
    );
    const err = await rejection(adapter.findAffectedPeople({ kind: 'records', recordIds: [sandbox.students[0]!.Id] }));
    assert.ok(!(err instanceof ApplicationFailure), 'transient');
  });

  it('createSalesforceCrm: works on 62.0; a client left on another version fails visibly', async () => {
    const c = sandbox.credentials.salesforce;
    const base = {
      loginUrl: sandbox.salesforceUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      username: c.username,
      password: c.password,
    };
    const scope: CrmScope = { kind: 'records', recordIds: [sandbox.students[0]!.Id] };
    assert.equal((await createSalesforceCrm(base).findAffectedPeople(scope)).people[0]?.id, sandbox.students[0]!.Id);
    const err = await rejection(createSalesforceCrm({ ...base, apiVersion: '50.0' }).findAffectedPeople(scope));
    assert.ok(err instanceof ApplicationFailure && err.type === 'ProviderRejected' && err.nonRetryable, String(err));
  });
});
