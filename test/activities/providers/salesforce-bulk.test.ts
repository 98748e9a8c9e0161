/**
 * SalesforceCrm's Bulk API 2.0 path against the sandbox: the choice by `SELECT COUNT()` against the
 * threshold, CSV values that need quoting, results paged by Sforce-Locator, a resumed cursor, failed
 * and aborted jobs, and the same failure types as the REST path for expired sessions, a frozen
 * integration user, a withdrawn permission and rate limits.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import type { AffectedPerson } from '../../../workflows/domain/contacts.ts';
import type { CrmScope } from '../../../workflows/domain/incident.ts';
import { MAX_BULK_JOBS } from '../../../activities/providers/salesforce.ts';
import type { SalesforceCrm } from '../../../activities/providers/salesforce.ts';
import type { SalesforceCrmOptions } from '../../../activities/providers/salesforce.ts';
import type { CrmPage } from '../../../activities/ports.ts';
import { seedStudents, startSandbox } from '../../../sandbox/index.ts';
import type { Sandbox, SeedContact } from '../../../sandbox/index.ts';
import { rejection } from '../../support/rejection.ts';
import { sandboxCrm } from '../../support/sandbox-crm.ts';

let sandbox: Sandbox;

/** Names and fields a CSV writer must quote, and empty ones, on the first students of the campus. */
const AWKWARD: Partial<SeedContact>[] = [
  { FirstName: 'Anne, Marie', LastName: 'Comma' },
  { FirstName: 'Dara', LastName: 'O"Neil "the quote"' },
  { FirstName: 'Line\nBreak', LastName: 'Two\r\nLines' },
  { FirstName: 'Semi;colon', LastName: 'Pipe|Caret^Back`Tab\tEnd' },
  { FirstName: '"', LastName: ',', Email: null, MobilePhone: null, MailingState: null, Preferred_Language__c: null },
  { FirstName: '  Padded  ', LastName: 'Trailing ', MailingCountry: null },
];

function students(): SeedContact[] {
  const list = seedStudents({ count: 600, seed: 11 });
  const paris = list.filter((s) => s.Campus__c === 'Paris');
  AWKWARD.forEach((change, i) => Object.assign(paris[i] as SeedContact, change));
  return list;
}

const crm = (options: SalesforceCrmOptions = {}): SalesforceCrm =>
  sandboxCrm(sandbox, { bulkPollIntervalMs: 5, ...options });

async function readAll(
  adapter: SalesforceCrm,
  scope: CrmScope,
  from?: string,
): Promise<{ people: AffectedPerson[]; pages: CrmPage[] }> {
  const pages: CrmPage[] = [];
  let cursor = from;
  do {
    const page = await adapter.findAffectedPeople(scope, cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { people: pages.flatMap((p) => p.people), pages };
}

const requests = (pattern: RegExp, method = 'GET') =>
  sandbox.log.requests('salesforce').filter((r) => r.method === method && pattern.test(r.path));
const jobsCreated = () => requests(/\/jobs\/query$/, 'POST').length;
const resultPages = () => requests(/\/jobs\/query\/[^/]+\/results/);

const campus = (name: string): CrmScope => ({
  kind: 'filter',
  conditions: [{ field: 'Campus__c', op: 'eq', value: name }],
});
const inCampus = (name: string) => sandbox.students.filter((s) => s.Campus__c === name);

/** The same scope through REST in one page: what a one-page Bulk read must equal. */
async function viaRest(scope: CrmScope): Promise<AffectedPerson[]> {
  return (await readAll(crm({ bulkThreshold: Infinity, pageSize: 2000 }), scope)).people;
}

describe('SalesforceCrm over Bulk API 2.0 against the sandbox', () => {
  before(async () => {
    sandbox = await startSandbox({ students: students() });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.failBulkQueryJobs(0);
    sandbox.grantScope('salesforce');
    sandbox.restore('salesforce');
    sandbox.log.clear();
  });

  it('reads a scope at the threshold through a query job and one below it through REST, with the same people', async () => {
    const paris = inCampus('Paris').length;
    const bulk = await readAll(crm({ bulkThreshold: paris }), campus('Paris'));
    assert.equal(jobsCreated(), 1, 'at the threshold: Bulk');
    assert.equal(requests(/\/v62\.0\/query\/[^/]+$/).length, 0, 'no REST queryMore');
    assert.ok(
      requests(/\/query\?q=/).every((r) => decodeURIComponent(r.path).includes('SELECT COUNT() FROM Contact')),
      'REST only counted the scope',
    );
    sandbox.log.clear();
    const rest = await readAll(crm({ bulkThreshold: paris + 1, pageSize: 2000 }), campus('Paris'));
    assert.equal(jobsCreated(), 0, 'below the threshold: REST');
    assert.equal(requests(/\/query\?q=SELECT%20Id/).length, 1, 'one REST page');
    assert.ok(bulk.people.length > 100);
    assert.deepEqual(bulk.people, rest.people, 'the same people, field for field');
  });

  it('keeps commas, quotes, line breaks and other delimiters inside values; empty fields stay empty', async () => {
    const { people } = await readAll(crm({ bulkThreshold: 1 }), campus('Paris'));
    assert.equal(jobsCreated(), 1);
    const paris = inCampus('Paris');
    const byId = new Map(people.map((p) => [p.id, p]));
    const person = (i: number) => byId.get((paris[i] as SeedContact).Id);
    assert.equal(person(0)?.name, 'Anne, Marie Comma');
    assert.equal(person(1)?.name, 'Dara O"Neil "the quote"');
    assert.equal(person(2)?.name, 'Line\nBreak Two\r\nLines');
    assert.equal(person(3)?.name, 'Semi;colon Pipe|Caret^Back`Tab\tEnd');
    const empty = person(4);
    assert.equal(empty?.name, '" ,');
    assert.equal(empty?.email, undefined);
    assert.equal(empty?.phone, undefined);
    assert.equal(empty?.state, undefined);
    assert.equal(person(5)?.name, 'Padded Trailing');
    assert.equal(person(5)?.country, undefined);
    const csv = resultPages()[0];
    assert.equal(csv?.status, 200);
  });

  it('pages results by Sforce-Locator until it says null, and resumes from a cursor with a new connection', async () => {
    const scope = campus('Dublin');
    const expected = inCampus('Dublin');
    const all = await readAll(crm({ bulkThreshold: 1, bulkPageSize: 7 }), scope);
    const pages = resultPages();
    assert.equal(pages.length, Math.ceil(expected.length / 7), 'one request per page of 7');
    assert.ok(!pages[0]?.path.includes('locator='), 'the first page without a locator');
    assert.ok(
      pages.slice(1).every((r) => /[?&]locator=[^&]+/.test(r.path)),
      'every later page by its locator',
    );
    assert.equal(new Set(pages.map((r) => new URL(r.path, 'http://x').searchParams.get('locator'))).size, pages.length);
    const ids = all.people.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'no id twice');
    const emails = new Set(all.people.map((p) => p.email?.toLowerCase()));
    for (const s of expected) assert.ok(ids.includes(s.Id) || emails.has(s.Email?.toLowerCase()), `${s.Id} covered`);

    // A worker crash after the third page: a fresh adapter (new login) carries on from the cursor.
    const cursor = all.pages.filter((p) => p.people.length > 0)[2]?.nextCursor;
    assert.ok(cursor);
    sandbox.log.clear();
    const resumed = await readAll(crm({ bulkThreshold: 1, bulkPageSize: 7 }), scope, cursor);
    assert.equal(jobsCreated(), 0, 'the same job');
    const allIds = all.people.map((p) => p.id);
    const resumedIds = resumed.people.map((p) => p.id);
    assert.ok(resumedIds.length > 0 && resumedIds.length < allIds.length);
    assert.deepEqual(resumedIds, allIds.slice(allIds.length - resumedIds.length), 'exactly the pages after the cursor');
  });

  it('while the job runs, hands back an empty page with a cursor instead of holding the call', async () => {
    const adapter = crm({ bulkThreshold: 1, bulkPollIntervalMs: 60_000 });
    const first = await adapter.findAffectedPeople(campus('Berlin'));
    assert.deepEqual(first.people, []);
    assert.ok(first.nextCursor, 'the job is still InProgress: come back');
    const { people } = await readAll(adapter, campus('Berlin'), first.nextCursor);
    assert.equal(jobsCreated(), 1);
    assert.deepEqual(people, await viaRest(campus('Berlin')));
  });

  it('replaces a failed or aborted job and still reads everyone once', async () => {
    sandbox.failBulkQueryJobs(1, 'Failed');
    sandbox.failBulkQueryJobs(1, 'Aborted');
    const { people } = await readAll(crm({ bulkThreshold: 1 }), campus('Paris'));
    assert.equal(jobsCreated(), 3, 'two replaced, the third completed');
    assert.deepEqual(people, await viaRest(campus('Paris')));
  });

  it(`reports ${MAX_BULK_JOBS} failed jobs in a row as ProviderRejected (permanent), not a retry loop`, async () => {
    sandbox.failBulkQueryJobs(MAX_BULK_JOBS);
    const err = await rejection(readAll(crm({ bulkThreshold: 1 }), campus('Paris')));
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'ProviderRejected');
    assert.equal(err.nonRetryable, true);
    assert.match(err.message, /BULK_QUERY_JOB_FAILED/);
    assert.equal(jobsCreated(), MAX_BULK_JOBS);
  });

  it('re-authenticates once when the session expires between results pages', async () => {
    const adapter = crm({ bulkThreshold: 1, bulkPageSize: 20 });
    const first = await adapter.findAffectedPeople(campus('Dublin'));
    let cursor = first.nextCursor;
    while (cursor !== undefined && resultPages().length === 0) {
      cursor = (await adapter.findAffectedPeople(campus('Dublin'), cursor)).nextCursor;
    }
    const logins = requests(/oauth2\/token/, 'POST').length;
    sandbox.faults.inject('salesforce', { kind: 'session-expired' }, { match: (_m, p) => p.endsWith('/results') });
    const rest = await readAll(adapter, campus('Dublin'), cursor);
    assert.ok(rest.people.length > 0);
    assert.equal(requests(/oauth2\/token/, 'POST').length, logins + 1, 'one re-login');
    assert.ok(resultPages().some((r) => r.status === 401));
  });

  it('a frozen integration user mid-read: ProviderAuth, as on REST', async () => {
    const adapter = crm({ bulkThreshold: 1, bulkPageSize: 20 });
    const first = await adapter.findAffectedPeople(campus('Dublin'));
    assert.ok(first.nextCursor);
    sandbox.revoke('salesforce'); // sessions dropped, logins refused (invalid_grant)
    const err = await rejection(readAll(adapter, campus('Dublin'), first.nextCursor));
    assert.ok(err instanceof ApplicationFailure, String(err));
    assert.equal(err.type, 'ProviderAuth');
    assert.equal(err.nonRetryable, true);
    assert.equal(resultPages().at(-1)?.status, 401, 'refused on a results page');
  });

  it('a permission withdrawn while the job runs is InvalidScope; a rate limit RateLimited; a 503 transient', async () => {
    const waiting = crm({ bulkThreshold: 1, bulkPollIntervalMs: 60_000 });
    const first = await waiting.findAffectedPeople(campus('Paris'));
    sandbox.withdrawScope('salesforce', 'INSUFFICIENT_ACCESS');
    const denied = await rejection(waiting.findAffectedPeople(campus('Paris'), first.nextCursor));
    assert.ok(denied instanceof ApplicationFailure && denied.type === 'InvalidScope', String(denied));
    assert.match(sandbox.log.requests('salesforce').at(-1)?.path ?? '', /\/jobs\/query\/\w+$/, 'on the status check');
    sandbox.grantScope('salesforce');

    sandbox.faults.inject(
      'salesforce',
      { kind: 'rate-limit' },
      { match: (m, p) => m === 'POST' && p.endsWith('/jobs/query') },
    );
    const limited = await rejection(readAll(crm({ bulkThreshold: 1 }), campus('Paris')));
    assert.ok(limited instanceof ApplicationFailure && limited.type === 'RateLimited' && !limited.nonRetryable);

    sandbox.faults.inject('salesforce', { kind: 'status', status: 503 }, { match: (_m, p) => p.endsWith('/results') });
    sandbox.log.clear();
    const outage = await rejection(readAll(crm({ bulkThreshold: 1 }), campus('Paris')));
    assert.ok(!(outage instanceof ApplicationFailure), String(outage));
    assert.equal((outage as { errorCode?: string }).errorCode, 'SERVER_UNAVAILABLE');
    assert.equal(resultPages().length, 1, 'jsforce did not retry it');
  });

  it('a records scope stays on REST whatever its size; a cursor naming no job of ours is refused', async () => {
    const ids = inCampus('Dublin').map((s) => s.Id);
    await readAll(crm({ bulkThreshold: 1 }), { kind: 'records', recordIds: ids });
    assert.equal(jobsCreated(), 0);
    assert.equal(requests(/COUNT\(\)/).length, 0, 'no count needed');
    const forged = Buffer.from(JSON.stringify({ job: '../../limits', jobs: 1 })).toString('base64url');
    const err = await rejection(crm({ bulkThreshold: 1 }).findAffectedPeople(campus('Dublin'), forged));
    assert.ok(err instanceof ApplicationFailure && err.type === 'ProviderRejected' && err.nonRetryable);
  });
});
