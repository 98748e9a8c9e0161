import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { seedStudents, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { salesforceToken } from '../support/salesforce-token.ts';

let sandbox: Sandbox;

const sfToken = (): Promise<string> => salesforceToken(sandbox);

/** A query page or, on error, Salesforce's error array (indexable by 0). */
interface SoqlBody {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
  nextRecordsUrl?: string;
  0: { errorCode: string };
}

async function soql(
  token: string,
  q: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: SoqlBody }> {
  const res = await fetch(`${sandbox.salesforceUrl}/services/data/v62.0/query?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as SoqlBody };
}

const twilioAuth = (): string =>
  `Basic ${Buffer.from(`${sandbox.credentials.twilio.accountSid}:${sandbox.credentials.twilio.authToken}`).toString('base64')}`;

describe('seed', () => {
  it('is deterministic and as untidy as a real CRM', () => {
    const a = seedStudents({ count: 3000, seed: 1 });
    assert.deepEqual(seedStudents({ count: 3000, seed: 1 }), a);
    assert.notDeepEqual(seedStudents({ count: 3000, seed: 2 }), a);
    assert.ok(a.every((c) => /^003[A-Za-z0-9]{15}$/.test(c.Id)));
    assert.equal(new Set(a.map((c) => c.Id)).size, a.length);
    assert.deepEqual(
      [...a.map((c) => c.Id)].sort(),
      a.map((c) => c.Id),
      'sorted by Id',
    );
    const noPhone = a.filter((c) => c.MobilePhone === null).length / a.length;
    assert.ok(noPhone > 0.07 && noPhone < 0.13, `~10 % without phone (${noPhone})`);
    const badEmail = a.filter((c) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.Email ?? '')).length / a.length;
    assert.ok(badEmail > 0.01 && badEmail < 0.035, `~2 % bad emails (${badEmail})`);
    const emails = a.map((c) => c.Email?.toLowerCase());
    assert.ok(emails.length - new Set(emails).size >= 3, 'a few duplicates');
    assert.ok(a.some((c) => c.MailingCountry === 'Germany') && a.some((c) => c.MailingCountry === 'DE'));
    assert.ok(a.some((c) => c.LastName.includes("'")));
    assert.ok(a.filter((c) => c.MobilePhone !== null && !/^\+[1-9]\d{7,14}$/.test(c.MobilePhone)).length >= 2);
  });
});

describe('sandbox servers', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 600, seed: 3 } });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.log.clear();
  });

  it('Salesforce: refuses bad logins and missing sessions', async () => {
    const res = await fetch(`${sandbox.salesforceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: sandbox.credentials.salesforce.clientId,
        client_secret: sandbox.credentials.salesforce.clientSecret,
        username: 'x',
        password: 'y',
      }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
    const noSession = await soql('nope', 'SELECT Id FROM Contact');
    assert.equal(noSession.status, 401);
    assert.deepEqual(noSession.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('Salesforce: pages with batchSize, done and nextRecordsUrl', async () => {
    const token = await sfToken();
    const first = await soql(token, 'SELECT Id, Email FROM Contact ORDER BY Id', {
      'Sforce-Query-Options': 'batchSize=250',
    });
    assert.equal(first.status, 200);
    assert.equal(first.body.totalSize, sandbox.students.length);
    assert.equal(first.body.done, false);
    assert.equal(first.body.records.length, 250);
    assert.deepEqual(Object.keys(first.body.records[0] ?? {}), ['attributes', 'Id', 'Email']);
    let url = first.body.nextRecordsUrl;
    let seen = first.body.records.length;
    while (url) {
      const res = await fetch(`${sandbox.salesforceUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as { records: unknown[]; done: boolean; nextRecordsUrl?: string };
      seen += page.records.length;
      url = page.done ? undefined : page.nextRecordsUrl;
    }
    assert.equal(seen, sandbox.students.length);
  });

  it('Salesforce: parses only the restricted grammar, with string escapes', async () => {
    const token = await sfToken();
    const target = sandbox.students.find((s) => s.LastName.includes("'"));
    assert.ok(target);
    const escaped = target.LastName.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const ok = await soql(
      token,
      `SELECT Id FROM Contact WHERE LastName = '${escaped}' AND Id IN ('${target.Id}', '003000000000000AAA') LIMIT 5`,
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(
      ok.body.records.map((r) => r.Id),
      [target.Id],
    );
    for (const q of [
      "SELECT Id FROM Contact WHERE LastName = 'a' OR Id != 'b'",
      'SELECT Id FROM Opportunity',
      "SELECT Id FROM Contact WHERE LastName LIKE 'a%'",
      "SELECT Id FROM Contact WHERE LastName = 'unterminated",
    ]) {
      const bad = await soql(token, q);
      assert.equal(bad.status, 400, q);
      assert.equal(bad.body[0].errorCode, 'MALFORMED_QUERY', q);
    }
    const unknown = await soql(token, 'SELECT Id, Salary__c FROM Contact');
    assert.equal(unknown.body[0].errorCode, 'INVALID_FIELD');
    const oldVersion = await fetch(`${sandbox.salesforceUrl}/services/data/v50.0/query?q=SELECT+Id+FROM+Contact`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(oldVersion.status, 404);
  });

  it('Salesforce: retrieves and updates a Contact', async () => {
    const token = await sfToken();
    const id = sandbox.students[5]!.Id;
    const url = `${sandbox.salesforceUrl}/services/data/v62.0/sobjects/Contact/${id}`;
    const patch = await fetch(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ MobilePhone: '+353870000000' }),
    });
    assert.equal(patch.status, 204);
    const got = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      MobilePhone: string;
    };
    assert.equal(got.MobilePhone, '+353870000000');
  });

  it('faults are consumed in order; session-expired invalidates the token used', async () => {
    const token = await sfToken();
    sandbox.faults.inject('salesforce', { kind: 'status', status: 500 });
    sandbox.faults.inject('salesforce', { kind: 'rate-limit' });
    sandbox.faults.inject('salesforce', { kind: 'session-expired' });
    assert.equal((await soql(token, 'SELECT Id FROM Contact LIMIT 1')).status, 500);
    const limited = await soql(token, 'SELECT Id FROM Contact LIMIT 1');
    assert.equal(limited.status, 403);
    assert.equal(limited.body[0].errorCode, 'REQUEST_LIMIT_EXCEEDED');
    assert.equal((await soql(token, 'SELECT Id FROM Contact LIMIT 1')).status, 401);
    assert.equal((await soql(token, 'SELECT Id FROM Contact LIMIT 1')).status, 401, 'token stays invalid');
    assert.equal((await soql(await sfToken(), 'SELECT Id FROM Contact LIMIT 1')).status, 200);
    assert.equal(sandbox.faults.pending(), 0);
    assert.deepEqual(
      sandbox.log.requests('salesforce').map((r) => r.status),
      [200, 500, 403, 401, 401, 200, 200],
    );
  });

  it('SendGrid: validates personalizations and answers 202 with X-Message-Id', async () => {
    const send = (body: unknown, key = sandbox.credentials.sendgrid.apiKey): Promise<Response> =>
      fetch(`${sandbox.sendgridUrl}/v3/mail/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const base = {
      from: { email: 'dpo@university.example' },
      subject: 'Notice',
      content: [{ type: 'text/plain', value: 'Hello' }],
    };
    assert.equal(
      (await send({ ...base, personalizations: [{ to: [{ email: 'a@b.example' }] }] }, 'SG.bad')).status,
      401,
    );
    const tooMany = await send({
      ...base,
      personalizations: Array.from({ length: 1001 }, (_, i) => ({ to: [{ email: `s${i}@b.example` }] })),
    });
    assert.equal(tooMany.status, 400);
    const bad = await send({
      ...base,
      personalizations: [{ to: [{ email: 'ok@b.example' }] }, { to: [{ email: 'no-at-sign' }] }],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      ((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field,
      'personalizations.1.to.0.email',
    );
    const ok = await send({
      ...base,
      custom_args: { herald_delivery_key: 'k1' },
      personalizations: [{ to: [{ email: 'x@b.example' }, { email: 'y@b.example' }] }],
    });
    assert.equal(ok.status, 202);
    const messageId = ok.headers.get('x-message-id');
    assert.ok(messageId);
    assert.deepEqual(
      sandbox.log.acceptedEmails().map((e) => [e.to, e.messageId, e.customArgs.herald_delivery_key]),
      [
        ['x@b.example', messageId, 'k1'],
        ['y@b.example', messageId, 'k1'],
      ],
    );
    const query = `unique_args['herald_delivery_key']="k1" AND to_email="y@b.example"`;
    const activity = await fetch(
      `${sandbox.sendgridUrl}/v3/messages?${new URLSearchParams({ query, limit: '10' }).toString()}`,
      {
        headers: { authorization: `Bearer ${sandbox.credentials.sendgrid.apiKey}` },
      },
    );
    const found = (await activity.json()) as { messages: { msg_id: string; to_email: string }[] };
    assert.equal(found.messages.length, 1);
    assert.ok(found.messages[0]?.msg_id.startsWith(`${messageId}.`));
  });

  it('Twilio: creates with snake_case 201, refuses non-E.164 with 21211, lists by To and DateSent', async () => {
    const url = `${sandbox.twilioUrl}/2010-04-01/Accounts/${sandbox.credentials.twilio.accountSid}/Messages.json`;
    const create = (to: string): Promise<Response> =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: twilioAuth(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: to, From: '+15005550006', Body: 'Hi' }),
      });
    const created = await create('+4915112345678');
    assert.equal(created.status, 201);
    const msg = (await created.json()) as Record<string, unknown>;
    assert.match(String(msg.sid), /^SM[0-9a-f]{32}$/);
    assert.equal(msg.status, 'queued');
    assert.equal(msg.to, '+4915112345678');
    assert.match(String(msg.date_created), /\+0000$/);
    const invalid = await create('12345');
    assert.equal(invalid.status, 400);
    assert.equal(((await invalid.json()) as { code: number }).code, 21211);
    const today = new Date().toISOString().slice(0, 10);
    const list = await fetch(`${url}?To=${encodeURIComponent('+4915112345678')}&DateSent%3E=${today}`, {
      headers: { authorization: twilioAuth() },
    });
    const page = (await list.json()) as {
      messages: { sid: string }[];
      next_page_uri: string | null;
      page_size: number;
    };
    assert.deepEqual(
      page.messages.map((m) => m.sid),
      [msg.sid],
    );
    assert.equal(page.next_page_uri, null);
    const future = await fetch(`${url}?To=${encodeURIComponent('+4915112345678')}&DateSent%3E=2999-01-01`, {
      headers: { authorization: twilioAuth() },
    });
    assert.equal(((await future.json()) as { messages: unknown[] }).messages.length, 0);
    assert.equal((await fetch(url, { headers: { authorization: 'Basic eDp5' } })).status, 401);
  });
});
