/**
 * Data-leak drills end to end on the Temporal dev server (port 25110), the real worker and
 * adapters against the sandbox (ports 25111–25114) and the PGlite store: a drill runs to its
 * report, with and without an injected fault, and the sandbox's own request log shows that no
 * message went to an external recipient — only to staff and to the directory's drill sink.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { act, getStatus } from '../../client/data-leak-client.ts';
import { listProcedures } from '../../client/console/procedure-list.ts';
import { startDataLeakDrill } from '../../client/drill-client.ts';
import { applySchedules, SCHEDULE_IDS } from '../../client/schedules.ts';
import { fileOpenClocks } from '../../client/open-filings.ts';
import { injectDrillScenario } from '../../sandbox/drill-scenarios.ts';
import { temporalCliPath } from '../../workers/local-temporal.ts';
import type { DrillScenario } from '../../workflows/domain/drill.ts';
import { DRILL } from '../../workflows/domain/search-attributes.ts';
import type { DrillReport } from '../../workflows/domain/drill-report.ts';
import { DRILL_REPORT_ATTEMPT_LIMIT, drillTrend } from '../../workflows/domain/drill-report.ts';
import { drillReportLines } from '../../client/cli/render-drill-report.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { assertOnlyStaffOrSink, exampleDirectory as directory } from '../support/drill-sink.ts';
import { useSandboxWorker } from '../support/sandbox-worker.ts';

const run = promisify(execFile);
const taskQueue = 'herald-drill-e2e';
const program = 'Physics';
const sink = directory.drillSink;
const stack = useSandboxWorker({
  taskQueue,
  port: 25110,
  sandbox: { seed: { count: 400, seed: 7 }, ports: { salesforce: 25111, sendgrid: 25112, twilio: 25113, chat: 25114 } },
});

/** Runs `check` every 200 ms until it stops throwing, for at most `timeoutMs`. */
async function eventually(check: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const met = (s: ProcedureStatus, id: string) => s.milestones.find((m) => m.id === id)?.state === 'met';

/** Staff practise: acknowledge the page, approve the notice, record the filings; the drill ends. */
async function runDrill(
  scenario: DrillScenario,
  at: Date,
  onAlert: (status: () => Promise<ProcedureStatus>) => Promise<void> = async () => {},
) {
  const { env, store } = stack();
  const { handle, workflowId } = await startDataLeakDrill(
    env.client,
    { scenario, startedBy: 'test', timeScale: 1 / 60, crmProgram: program, at },
    taskQueue,
  );
  await eventually(async () => assert.ok(met(await getStatus(handle), 'ops-alert'), 'ops alert met'), 60_000);
  await onAlert(() => getStatus(handle));
  await act(handle, 'acknowledge', { actor: { id: 'olga', role: 'responder' } });
  await eventually(async () => assert.ok((await getStatus(handle)).authorityNotice.draft), 60_000);
  const draft = (await getStatus(handle)).authorityNotice.draft;
  assert.ok(draft);
  await act(handle, 'approve', { actor: { id: 'lee', role: 'legal' }, version: draft.version, sha256: draft.sha256 });
  await eventually(async () => {
    const { legalClocks } = await getStatus(handle);
    assert.ok(legalClocks !== undefined, 'the legal clocks are known');
    await fileOpenClocks(
      legalClocks,
      (filing) => act(handle, 'recordSubmission', { actor: { id: 'cora', role: 'compliance' }, ...filing }),
      'Cora Compliance',
    );
  }, 60_000);
  const final = await handle.result();
  const id = final.incidentId;
  const stored = await store.documents.latest(id, 'drill-report');
  assert.ok(stored, 'the report is stored');
  return { workflowId, final, id, report: JSON.parse(stored.body) as DrillReport };
}

/** Nothing went to a student or to the authority: only staff and the drill sink. */
function assertNothingLeft(): { sinkEmails: string[]; staffSubjects: string[] } {
  const { sandbox } = stack();
  const { sinkEmails, staffEmails } = assertOnlyStaffOrSink(sandbox, {
    emails: [
      ...sandbox.students.map((s) => s.Email),
      ...directory.supervisoryAuthority.contacts.map((c) => c.email ?? null),
    ],
    phones: [
      ...sandbox.students.map((s) => s.MobilePhone),
      ...directory.supervisoryAuthority.contacts.map((c) => c.phone ?? null),
    ],
  });
  return { sinkEmails: sinkEmails.map((e) => e.to), staffSubjects: staffEmails.map((e) => e.subject) };
}

test('a data-leak drill runs to its report; every external notice goes to the drill sink', async () => {
  const { env, sandbox, store } = stack();
  sandbox.log.clear();
  const { workflowId, final, id, report } = await runDrill('none', new Date(Date.now() - 1000));
  assert.match(workflowId, /^drill:data-leak:drill-/);
  for (const m of final.milestones) assert.equal(m.state, 'met', `${m.id} met`);

  const { sinkEmails, staffSubjects } = assertNothingLeft();
  const inScope = sandbox.students.filter((s) => s.Program__c === program && s.Email);
  assert.ok(inScope.length > 20, 'the audience is not trivially small');
  const affected = sinkEmails.filter((to) => to !== `${sink?.email}`);
  assert.ok(
    affected.length >= 1 + Math.floor(inScope.length * 0.9),
    'the authority and the affected people, as the sink',
  );
  assert.equal(final.affectedPeople.total, final.affectedPeople.notified);
  assert.ok(staffSubjects.length > 0, 'staff were really paged');
  assert.ok(
    staffSubjects.some((s) => s.includes('[DRILL]')),
    `staff pages say [DRILL]: ${staffSubjects.slice(0, 3).join(' | ')}`,
  );

  assert.equal(report.drillId, id);
  assert.equal(report.scenario, 'none');
  assert.ok(report.timeToAcknowledgePolicyMinutes !== null && report.timeToAcknowledgePolicyMinutes > 0);
  assert.deepEqual(
    report.milestones.map((m) => m.id),
    final.milestones.map((m) => m.id),
  );
  for (const m of report.milestones) assert.ok(m.slackPolicyMinutes !== null && m.slackPolicyMinutes >= 0, m.id);
  assert.ok(report.answeredBy.some((a) => a.actor === 'olga' && a.action === 'acknowledge'));
  assert.ok(report.answeredBy.some((a) => a.actor === 'lee' && a.action === 'approve'));
  const audit = await store.audit.list(id);
  assert.ok(
    audit.some((e) => e.type === 'drill.report'),
    'the report is audited',
  );
  const verification = await store.audit.verify();
  assert.equal(verification.ok, true, verification.problem);

  const list = async (query: string) => {
    const { stdout } = await run(temporalCliPath(), [
      ...['workflow', 'list', '--address', env.address, '--query', query, '--output', 'json'],
    ]);
    return (JSON.parse(stdout || '[]') as { execution: { workflowId: string } }[]).map((w) => w.execution.workflowId);
  };
  await eventually(async () => assert.deepEqual(await list(`HeraldDrill = 'none'`), [workflowId]), 20_000);
  assert.deepEqual(await list(`HeraldDrill IS NULL AND WorkflowType = 'dataLeakNotification'`), [], 'not an incident');
  const listed = await listProcedures(env.client, {});
  assert.ok(!listed.some((row) => row.workflowId === workflowId), 'the console lists no drill among the incidents');
});

test('a drill with a provider down falls back, is reported so, and still sends nothing outside', async () => {
  const { sandbox, store } = stack();
  sandbox.log.clear();
  const injected = injectDrillScenario(sandbox, 'provider-down');
  const { report } = await runDrill('provider-down', new Date(Date.now() + 1000), async (status) => {
    // The outage lasts until the procedure has recorded that it holds email up.
    await eventually(async () => assert.ok((await status()).blocked?.some((b) => b.service === 'email')), 60_000);
    injected.lift();
  });
  assertNothingLeft();
  assert.equal(report.scenario, 'provider-down');
  assert.ok(
    report.blockedSteps.length + report.fallbacks.length > 0,
    `the outage shows in the report: ${JSON.stringify(report.findings)}`,
  );
  assert.ok(report.findings.length > 0, 'findings name what happened');

  const trend = drillTrend(
    (await store.documents.listKind('drill-report')).map((d) => JSON.parse(d.body) as DrillReport),
  );
  assert.deepEqual(
    trend.map((r) => r.scenario),
    ['none', 'provider-down'],
  );
  assert.equal(trend[0]?.ackChangePolicyMinutes, null, 'the first drill has nothing to compare with');
  assert.equal(typeof trend[1]?.ackChangePolicyMinutes, 'number', 'the second compares with the first');
});

test('the herald-drill Schedule starts a data-leak drill of its own', async () => {
  const { env, sandbox } = stack();
  sandbox.log.clear();
  await applySchedules(env.client, { taskQueue, drillCrmProgram: program });
  const schedule = env.client.schedule.getHandle(SCHEDULE_IDS.drill);
  try {
    await schedule.trigger();
    let drillId = '';
    await eventually(async () => {
      for await (const w of env.client.workflow.list({ query: `WorkflowType = 'scheduledDrill'` })) {
        const started: unknown = await env.client.workflow.getHandle(w.workflowId).result();
        drillId = String(started);
      }
      assert.match(drillId, /^drill:data-leak:drill-\d{8}T\d{6}Z$/);
    }, 30_000);
    const handle = env.client.workflow.getHandle(drillId);
    await eventually(async () => assert.ok(met(await getStatus(handle), 'ops-alert'), 'ops alert met'), 60_000);
    const described = await handle.describe();
    assert.equal(described.typedSearchAttributes.get(DRILL), 'none');
    const { staffSubjects } = assertNothingLeft();
    assert.ok(
      staffSubjects.some((s) => s.includes('[DRILL]')),
      'the scheduled drill paged staff as a drill',
    );
    await handle.terminate('the test saw the scheduled drill start');
  } finally {
    for (const id of Object.values(SCHEDULE_IDS)) await env.client.schedule.getHandle(id).delete();
  }
});

test("a drill whose affected people's SMS Twilio refuses lists each failed attempt in its report, by id only", async () => {
  const { sandbox } = stack();
  sandbox.log.clear();
  assert.ok(sink?.phone);
  // In a drill every affected person's number is the sink's: Twilio refuses it as unsubscribed.
  sandbox.refuseNumber(sink.phone, 21610);
  let run: Awaited<ReturnType<typeof runDrill>>;
  try {
    // Aware 3 s ago (the drills before ran minutes earlier: its own drill id), so every attempt is after it.
    run = await runDrill('none', new Date(Date.now() - 3000));
  } finally {
    sandbox.acceptRecipients();
  }
  assertNothingLeft();
  const { report, final } = run;
  const { store } = stack();
  const inScope = sandbox.students.filter((s) => s.Program__c === program);
  // The stored audience (the sink in each person's place): who had a phone, who an address.
  const audience = await store.recipients.page(final.incidentId, 0, 100_000);
  const texted = audience.filter((p) => p.phone);
  assert.ok(texted.length > 0, 'somebody was texted');
  const attempts = report.affectedPeopleAttempts;
  assert.ok(attempts, 'the report lists the attempts');
  assert.equal(attempts.total, texted.length, 'one refused attempt per person with a phone');
  assert.equal(attempts.listed.length, Math.min(texted.length, DRILL_REPORT_ATTEMPT_LIMIT));
  assert.equal(attempts.more, attempts.total - attempts.listed.length);
  const ids = new Set(texted.map((p) => p.id));
  for (const a of attempts.listed) {
    assert.ok(ids.has(a.recipientId), `a texted person's record id: ${a.recipientId}`);
    assert.deepEqual(
      [a.channel, a.provider, a.failureType, a.status, a.code],
      ['sms', 'Twilio', 'InvalidRecipient', 400, '21610'],
    );
    const at = Date.parse(a.at);
    assert.ok(at >= Date.parse(final.detectedAt) && at <= Date.parse(report.finishedAt), `the attempt time ${a.at}`);
    const person = audience.find((p) => p.id === a.recipientId);
    // The email page reached everyone with an address; nothing else could reach the others.
    assert.equal(a.deliveredBy, person?.email ? 'other-channel' : null, a.recipientId);
  }
  assert.ok(
    report.findings.some((f) => f.startsWith(`${texted.length} attempt(s) to notify affected people failed`)),
    JSON.stringify(report.findings),
  );
  const body = (await store.documents.latest(final.incidentId, 'drill-report'))?.body ?? '';
  assert.ok(!body.includes(sink.phone), 'no number in the report');
  for (const s of inScope) {
    assert.ok(!(s.Email && body.includes(s.Email)), 'no address in the report');
    assert.ok(!body.includes(`${s.FirstName} ${s.LastName}`), 'no name in the report');
  }
  const lines = drillReportLines(report);
  assert.ok(lines.includes(`  affected people's failed attempts: ${attempts.total}`), lines.join('\n'));
  const first = attempts.listed[0];
  assert.ok(first);
  assert.ok(lines.some((l) => l.includes(`${first.recipientId} sms Twilio InvalidRecipient 400 21610`)));
});
