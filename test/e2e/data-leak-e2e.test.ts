/**
 * End to end on the Temporal dev server: the real worker, the real SDK adapters (jsforce, twilio,
 * @sendgrid/mail) against the sandbox, and the PGlite store. Asserts from the sandbox's own request
 * log exactly who received what, including when a provider accepts a message and then fails.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { fileOpenClocks } from '../../client/open-filings.ts';
import { temporalCliPath } from '../../workers/local-temporal.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { useSandboxWorker } from '../support/sandbox-worker.ts';

const run = promisify(execFile);
const taskQueue = 'herald-e2e';
const program = 'Physics';
const stack = useSandboxWorker({ taskQueue, sandbox: { seed: { count: 400, seed: 7 } } });

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const met = (s: ProcedureStatus, id: string) => s.milestones.find((m) => m.id === id)?.state === 'met';

test('a data-leak incident runs end to end: exact recipients, no duplicates after accept-then-fail, audit verifies', async () => {
  const { env, sandbox, store } = stack();
  // The first email and the first SMS are accepted by the provider, but the client sees a failure.
  sandbox.faults.inject('sendgrid', { kind: 'accept-then-fail' }, { times: 1 });
  sandbox.faults.inject('twilio', { kind: 'accept-then-fail', mode: 'destroy-socket' }, { times: 1 });

  const incident = {
    incidentId: 'E2E-1',
    detectedAt: new Date().toISOString(),
    severity: 'critical',
    title: 'Physics student records exposed',
    description: 'An LMS export of Physics students was readable without authentication for six hours.',
    dataCategories: ['name', 'email address', 'student ID'],
    jurisdictions: ['DE', 'FR', 'IE'],
    crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: program }] },
    reporter: { name: 'SIEM' },
  };
  // Compressed clocks (1 s of procedure per minute of policy) so the test runs in seconds.
  const { handle } = await startDataLeak(env.client, { incident, timeScale: 1 / 60 }, taskQueue);
  await waitFor(async () => met(await getStatus(handle), 'ops-alert'), 'the ops alert');
  await act(handle, 'acknowledge', { actor: { id: 'olga', role: 'responder' } });
  await waitFor(async () => (await getStatus(handle)).authorityNotice.draft !== null, 'the draft');
  await waitFor(async () => met(await getStatus(handle), 'compliance-report'), 'the report');
  const draft = (await getStatus(handle)).authorityNotice.draft;
  assert.ok(draft);
  await act(handle, 'approve', { actor: { id: 'lee', role: 'legal' }, version: draft.version, sha256: draft.sha256 });
  // The UK students' ICO notice is a filing Herald tracks: compliance records it, or it stays open.
  const filed = await fileOpenClocks(
    (await getStatus(handle)).legalClocks,
    (filing) => act(handle, 'recordSubmission', { actor: { id: 'cora', role: 'compliance' }, ...filing }),
    'Cora Compliance',
  );
  assert.deepEqual(
    filed,
    ['fsa:title-iv:breach-report', 'uk-gdpr:art33:ico'],
    'Title IV (the example profile), UK students',
  );
  const final = await handle.result();
  for (const m of final.milestones) assert.equal(m.state, 'met', `${m.id} met`);

  const emails = sandbox.log.acceptedEmails();
  const sms = sandbox.log.acceptedSms();
  const emailsTo = (to: string) => emails.filter((e) => e.to.toLowerCase() === to.toLowerCase()).length;
  const smsTo = (to: string) => sms.filter((m) => m.to === to).length;
  assert.equal(emailsTo('oncall@example-university.test'), 1, 'on-call emailed once despite accept-then-fail');
  assert.equal(smsTo('+4930555000011'), 1, 'on-call texted once despite accept-then-fail');
  for (const to of ['registrar', 'press', 'compliance']) {
    assert.equal(emailsTo(`${to}@example-university.test`), 1, `${to} emailed once`);
  }
  const toLegal = emails.filter((e) => e.to === 'legal@example-university.test').map((e) => e.subject);
  assert.equal(toLegal.length, 2, 'legal: the stakeholder notice and the review request, once each');
  assert.ok(toLegal.some((subject) => /\[REVIEW\] Authority notice v1/.test(subject)));
  assert.equal(emailsTo('breach@authority.example.test'), 1, 'authority notified once');
  // The injected failures happened, and each was reconciled by a provider lookup, not a resend.
  const requests = (p: 'sendgrid' | 'twilio') => sandbox.log.requests(p);
  assert.ok(
    requests('sendgrid').some((r) => r.method === 'POST' && r.status === 500),
    'sendgrid accept-then-fail seen',
  );
  assert.ok(
    requests('twilio').some((r) => r.method === 'POST' && r.status === 0),
    'twilio dropped socket seen',
  );
  assert.ok(
    requests('sendgrid').some((r) => r.method === 'GET' && r.path.startsWith('/v3/messages')),
    'email reconciled',
  );
  assert.ok(
    requests('twilio').some((r) => r.method === 'GET' && r.path.includes('/Messages.json')),
    'sms reconciled',
  );
  assert.equal(emailsTo('oncall2@example-university.test'), 0, 'acknowledged: no escalation');

  // Every in-scope student with a deliverable address: exactly one email, one SMS per phone.
  const inScope = sandbox.students.filter((s) => s.Program__c === program);
  const distinctEmails = new Set(
    inScope.map((s) => s.Email?.toLowerCase()).filter((e): e is string => !!e && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)),
  );
  assert.ok(distinctEmails.size > 20, 'the scope is not trivially small');
  for (const address of distinctEmails) assert.equal(emailsTo(address), 1, `${address} emailed exactly once`);
  const studentEmails = emails.filter((e) => e.customArgs.herald_delivery_key?.includes('/affected-people/'));
  assert.equal(studentEmails.length, distinctEmails.size, 'no email to anyone out of scope');
  assert.equal(final.affectedPeople.total, final.affectedPeople.notified);

  const verification = await store.audit.verify();
  assert.equal(verification.ok, true, verification.problem);
  const types = new Set((await store.audit.list('E2E-1')).map((e) => e.type));
  for (const t of [
    'procedure.started',
    'operator.acknowledge',
    'operator.approve',
    'milestone.authority-notice.sent',
    'procedure.completed',
  ]) {
    assert.ok(types.has(t), `audit has ${t}`);
  }

  // Search attributes are queryable with the Temporal CLI.
  const { stdout } = await run(temporalCliPath(), [
    'workflow',
    'list',
    '--address',
    env.address,
    '--query',
    `HeraldIncidentId = 'E2E-1' AND HeraldPhase = 'completed'`,
    '--output',
    'json',
  ]);
  const listed = JSON.parse(stdout) as { execution: { workflowId: string } }[];
  assert.deepEqual(
    listed.map((w) => w.execution.workflowId),
    ['data-leak:E2E-1'],
  );
});
