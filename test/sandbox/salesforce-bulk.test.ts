/**
 * The sandbox's Bulk API 2.0 query jobs over plain HTTP, as Salesforce documents them: job
 * states, CSV bodies quoted per RFC 4180, results paged with Sforce-Locator until the string null,
 * and the errors a client must handle (401, 404, 412 before completion, bad requests).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { seedStudents, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox, SeedContact } from '../../sandbox/index.ts';
import { salesforceToken } from '../support/salesforce-token.ts';

let sandbox: Sandbox;
let token: string;

const DATA = '/services/data/v62.0';

async function call(
  method: string,
  path: string,
  body?: unknown,
  bearer = token,
): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${sandbox.salesforceUrl}${DATA}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** Creates a job and checks it until it leaves UploadComplete/InProgress; returns its id and end state. */
async function runJob(query: string, options: Record<string, string> = {}): Promise<{ id: string; states: string[] }> {
  const created = await call('POST', '/jobs/query', { operation: 'query', query, ...options });
  assert.equal(created.status, 200, created.text);
  const id = String(created.json().id);
  const states = [String(created.json().state)];
  while (states.at(-1) === 'UploadComplete' || states.at(-1) === 'InProgress') {
    states.push(String((await call('GET', `/jobs/query/${id}`)).json().state));
  }
  return { id, states };
}

function students(): SeedContact[] {
  const list = seedStudents({ count: 40, seed: 5 });
  Object.assign(list[0] as SeedContact, { FirstName: 'Quote "Q", Comma', LastName: 'Two\nLines' });
  Object.assign(list[1] as SeedContact, { FirstName: 'Empty', LastName: 'Fields', Email: null, MobilePhone: null });
  return list;
}

describe('sandbox Salesforce Bulk API 2.0 query jobs', () => {
  before(async () => {
    sandbox = await startSandbox({ students: students() });
    token = await salesforceToken(sandbox);
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.failBulkQueryJobs(0);
  });

  it('runs a job UploadComplete → InProgress → JobComplete and serves its rows as quoted CSV', async () => {
    const [first, second] = sandbox.students as [SeedContact, SeedContact];
    const { id, states } = await runJob(
      `SELECT Id, FirstName, LastName, Email FROM Contact WHERE Id IN ('${first.Id}', '${second.Id}') ORDER BY Id`,
    );
    assert.deepEqual(states, ['UploadComplete', 'InProgress', 'JobComplete']);
    assert.match(id, /^750[A-Za-z0-9]{15}$/);
    const info = (await call('GET', `/jobs/query/${id}`)).json();
    assert.equal(info.numberRecordsProcessed, 2);
    assert.equal(info.jobType, 'V2Query');
    const results = await call('GET', `/jobs/query/${id}/results`);
    assert.equal(results.status, 200);
    assert.match(results.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(results.headers.get('sforce-locator'), 'null');
    assert.equal(results.headers.get('sforce-numberofrecords'), '2');
    const [a, b] = [first, second].sort((x, y) => (x.Id < y.Id ? -1 : 1)) as [SeedContact, SeedContact];
    const row = (c: SeedContact) =>
      [c.Id, c.FirstName, c.LastName, c.Email]
        .map((v) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`))
        .join(',');
    assert.equal(results.text, `"Id","FirstName","LastName","Email"\n${row(a)}\n${row(b)}\n`);
    assert.ok(results.text.includes('"Quote ""Q"", Comma","Two\nLines"'), 'quotes doubled, comma and newline quoted');
    assert.ok(/"Empty","Fields",\n/.test(results.text), 'a null is an empty field');
  });

  it('pages by maxRecords and Sforce-Locator; a locator can be read again; the last page says null', async () => {
    const { id } = await runJob('SELECT Id FROM Contact ORDER BY Id');
    const ids: string[] = [];
    const locators: string[] = [];
    let locator: string | null = null;
    do {
      const page = await call(
        'GET',
        `/jobs/query/${id}/results?maxRecords=15${locator === null ? '' : `&locator=${locator}`}`,
      );
      const rows = page.text.trim().split('\n');
      assert.equal(rows[0], '"Id"', 'every page starts with the header');
      assert.equal(Number(page.headers.get('sforce-numberofrecords')), rows.length - 1);
      ids.push(...rows.slice(1).map((r) => r.replace(/"/g, '')));
      locator = page.headers.get('sforce-locator');
      assert.ok(locator !== null, 'the header is always sent');
      if (locator !== 'null') locators.push(locator);
    } while (locator !== 'null');
    assert.deepEqual(
      ids,
      sandbox.students.map((s) => s.Id),
      'every row once, in Id order',
    );
    assert.equal(locators.length, Math.ceil(sandbox.students.length / 15) - 1);
    const again = await call('GET', `/jobs/query/${id}/results?maxRecords=15&locator=${locators[0]}`);
    assert.equal(again.text.trim().split('\n')[1], `"${sandbox.students[15]?.Id}"`);
  });

  it('honours lineEnding CRLF and columnDelimiter PIPE', async () => {
    const { id } = await runJob(`SELECT Id, FirstName FROM Contact WHERE Id = '${sandbox.students[2]?.Id}'`, {
      lineEnding: 'CRLF',
      columnDelimiter: 'PIPE',
    });
    const page = await call('GET', `/jobs/query/${id}/results`);
    assert.equal(page.text, `"Id"|"FirstName"\r\n"${sandbox.students[2]?.Id}"|"${sandbox.students[2]?.FirstName}"\r\n`);
  });

  it('refuses results before JobComplete (412) and after an injected failure; a failed job says so', async () => {
    const created = await call('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Contact' });
    const early = await call('GET', `/jobs/query/${String(created.json().id)}/results`);
    assert.equal(early.status, 412);
    assert.equal((early.json() as unknown as [{ errorCode: string }])[0].errorCode, 'JOB_NOT_COMPLETE');

    sandbox.failBulkQueryJobs(1, 'Failed');
    const failed = await runJob('SELECT Id FROM Contact');
    assert.deepEqual(failed.states, ['UploadComplete', 'InProgress', 'Failed']);
    assert.ok((await call('GET', `/jobs/query/${failed.id}`)).json().errorMessage);
    assert.equal((await call('GET', `/jobs/query/${failed.id}/results`)).status, 412);
    assert.deepEqual((await runJob('SELECT Id FROM Contact')).states.at(-1), 'JobComplete', 'only the next job');
  });

  it('aborts and deletes a job; an unknown job is 404, a bad session 401, a bad request 400', async () => {
    const created = await call('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM Contact' });
    const id = String(created.json().id);
    const aborted = await call('PATCH', `/jobs/query/${id}`, { state: 'Aborted' });
    assert.equal(aborted.json().state, 'Aborted');
    assert.equal((await call('PATCH', `/jobs/query/${id}`, { state: 'Aborted' })).status, 400, 'already ended');
    assert.equal((await call('DELETE', `/jobs/query/${id}`)).status, 204);
    assert.equal((await call('GET', `/jobs/query/${id}`)).status, 404);
    assert.equal((await call('GET', '/jobs/query/750000000000000AAA', undefined, 'not-a-session')).status, 401);
    const errorCode = async (body: unknown) =>
      ((await call('POST', '/jobs/query', body)).json() as unknown as [{ errorCode: string }])[0].errorCode;
    assert.equal(await errorCode({ operation: 'query', query: 'SELECT Nope FROM Contact' }), 'INVALID_FIELD');
    assert.equal(await errorCode({ operation: 'insert', query: 'SELECT Id FROM Contact' }), 'INVALIDJOB');
    assert.equal(await errorCode({ operation: 'query', query: 'SELECT COUNT() FROM Contact' }), 'INVALIDJOB');
    assert.equal(
      await errorCode({ operation: 'query', query: 'SELECT Id FROM Contact', lineEnding: 'CR' }),
      'INVALIDJOB',
    );
  });

  it('answers SELECT COUNT() on the REST query with totalSize and no records', async () => {
    const res = await call(
      'GET',
      `/query?q=${encodeURIComponent("SELECT COUNT() FROM Contact WHERE Campus__c = 'Dublin'")}`,
    );
    assert.deepEqual(res.json(), {
      totalSize: sandbox.students.filter((s) => s.Campus__c === 'Dublin').length,
      done: true,
      records: [],
    });
  });
});
