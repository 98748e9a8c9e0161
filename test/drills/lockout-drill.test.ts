/**
 * Compliance-lockout drills on the time-skipping server with the real worker config and adapters
 * (jsforce, SendGrid, Twilio, chat webhook) against the sandbox, seeded with enterprise customers:
 * a drill runs to its stored, audited report, with and without an injected fault, and the
 * sandbox's own request log shows that no message went to a customer, a procurement contact or an
 * account owner — only to staff and to the directory's drill sink. A short SendGrid outage that the
 * retries ride out shows in the report as failed attempts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startLockoutDrill } from '../../client/drill-client.ts';
import { actOnLockout } from '../../client/lockout-client.ts';
import { isMessageSend } from '../../sandbox/chaos.ts';
import { injectDrillScenario } from '../../sandbox/drill-scenarios.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import type { DrillScenario } from '../../workflows/domain/drill.ts';
import type { DrillReport } from '../../workflows/domain/drill-report.ts';
import type { LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import { DRILL } from '../../workflows/domain/search-attributes.ts';
import type { complianceLockout, contactSnapshotSync, scheduledDrill } from '../../workflows/index.ts';
import { assertOnlyStaffOrSink } from '../support/drill-sink.ts';
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

interface DrillRun {
  workflowId: string;
  final: LockoutStatus;
  report: DrillReport;
  drillSearchAttribute: unknown;
}

/**
 * Runs a lockout drill: on-call acknowledges after 4 policy minutes, the lockout is resolved after
 * 2 policy hours; `beforeResolve` runs just before (lift a fault there, so blocked steps recover).
 */
async function runLockoutDrill(scenario: DrillScenario, beforeResolve: () => void = () => {}) {
  const real = await buildDeps(parseConfig(sandboxEnvironment(sandbox)), harness().store);
  let run: DrillRun | undefined;
  await runScenario(
    harness(),
    async ({ client, taskQueue, detectedAt }) => {
      const timeScale = 1 / 60; // 15 policy minutes in 15 s
      const { handle, workflowId } = await startLockoutDrill(
        client,
        { scenario, startedBy: 'test', timeScale, at: new Date(detectedAt) },
        taskQueue,
      );
      await harness().env.sleep(4_000); // 4 policy minutes
      await actOnLockout(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep(120_000); // 2 policy hours
      beforeResolve();
      await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Practice: token rotated.' });
      const final = await handle.result();
      const drillSearchAttribute = (await handle.describe()).typedSearchAttributes.get(DRILL);
      const stored = await harness().store.documents.latest(`drill:lockout:${final.lockoutId}`, 'drill-report');
      assert.ok(stored, 'the report is stored');
      run = { workflowId, final, report: JSON.parse(stored.body) as DrillReport, drillSearchAttribute };
    },
    () => real,
  );
  assert.ok(run);
  return run;
}

/** Nothing went to a customer contact or an account owner of the seed: only staff and the sink. */
function assertNothingLeft() {
  const outsiders = [...sandbox.customers.contacts, ...sandbox.customers.users];
  return assertOnlyStaffOrSink(sandbox, {
    emails: outsiders.map((c) => c.Email),
    phones: outsiders.map((c) => c.MobilePhone),
  });
}

test('a lockout drill runs to its report; customers and procurement are the drill sink, staff paged as [DRILL]', async () => {
  sandbox.log.clear();
  const { workflowId, final, report, drillSearchAttribute } = await runLockoutDrill('none');
  assert.match(workflowId, /^drill:lockout:drill-\d{8}T\d{6}Z$/);
  assert.equal(drillSearchAttribute, 'none');
  assert.equal(final.customers?.source, 'crm', 'the CRM is still read');

  const { sinkEmails, staffEmails } = assertNothingLeft();
  assert.ok(
    sinkEmails.some((e) => /^\[DRILL\] Service notice for /.test(e.subject)),
    'the customer notice went to the sink',
  );
  assert.ok(
    sinkEmails.some((e) => /Vendor assessment update/.test(e.subject)),
    'the procurement notice went to the sink',
  );
  assert.ok(staffEmails.length > 0, 'staff were really paged');
  for (const e of staffEmails) assert.match(e.subject, /^\[DRILL\] /, `staff subject says [DRILL]: ${e.subject}`);

  assert.equal(report.procedure, 'lockout');
  assert.equal(report.drillId, final.lockoutId);
  assert.equal(report.scenario, 'none');
  assert.equal(report.startedBy, 'test');
  const ack = report.timeToAcknowledgePolicyMinutes;
  assert.ok(ack !== null && ack >= 4 && ack < 5, `acknowledged after 4 policy minutes: ${ack}`);
  assert.deepEqual(
    report.milestones.map((m) => m.id),
    final.milestones.map((m) => m.id),
  );
  assert.ok(report.answeredBy.some((a) => a.actor === 'erin' && a.action === 'acknowledge'));
  assert.ok(report.answeredBy.some((a) => a.actor === 'erin' && a.action === 'resolve'));
  assert.deepEqual(report.blockedSteps, []);
  assert.deepEqual(report.failedAttempts, []);
  const audit = await harness().store.audit.list(`drill:lockout:${final.lockoutId}`);
  assert.ok(
    audit.some((e) => e.type === 'drill.report'),
    'the report is audited',
  );
  const verification = await harness().store.audit.verify();
  assert.equal(verification.ok, true, verification.problem);
});

test('a lockout drill with Twilio credentials revoked: SMS blocked and reported, still nothing outside', async () => {
  sandbox.log.clear();
  const injected = injectDrillScenario(sandbox, 'credentials-revoked');
  let smsWhileRevoked = -1;
  let final: LockoutStatus;
  let report: DrillReport;
  try {
    ({ final, report } = await runLockoutDrill('credentials-revoked', () => {
      smsWhileRevoked = sandbox.log.acceptedSms().length;
      injected.lift();
    }));
  } finally {
    injected.lift();
  }
  assertNothingLeft();
  assert.equal(smsWhileRevoked, 0, 'Twilio refused every SMS while the credentials were revoked');
  assert.equal(report.scenario, 'credentials-revoked');
  assert.ok(
    report.blockedSteps.some((b) => b.service === 'sms' && b.permanent),
    `SMS blocked in the report: ${JSON.stringify(report.blockedSteps)}`,
  );
  assert.ok(
    report.findings.some((f) => /^sms blocked/.test(f)),
    report.findings.join('; '),
  );
  assert.ok(
    final.milestones.some((m) => m.state === 'met'),
    'email carried the procedure',
  );
});

test('a short SendGrid outage that the retries ride out shows in the drill report', async () => {
  sandbox.log.clear();
  // Two sends refused with 503, then SendGrid answers again: the activities' retries carry on.
  sandbox.faults.inject(
    'sendgrid',
    { kind: 'status', status: 503 },
    { times: 2, match: (method, path) => isMessageSend('sendgrid', method, path) },
  );
  try {
    const { report } = await runLockoutDrill('provider-down');
    assertNothingLeft();
    const email = report.failedAttempts?.find((f) => f.channel === 'email');
    assert.ok(email, `failed email attempts reported: ${JSON.stringify(report.failedAttempts)}`);
    assert.equal(email.attempts, 2, 'each refused request once');
    assert.ok(email.laterSent >= 1 && email.laterSent <= email.sends, 'the retried sends went through');
    assert.ok(
      report.findings.some((f) => /email attempt\(s\) failed/.test(f)),
      report.findings.join('; '),
    );
  } finally {
    sandbox.faults.clear();
  }
});

test('a lockout drill with the CRM user frozen: customers from the snapshot, to the sink, the fallback reported', async () => {
  const real = await buildDeps(parseConfig(sandboxEnvironment(sandbox)), harness().store);
  await runScenario(
    harness(),
    async ({ client, taskQueue }) => {
      const sync = await client.workflow.execute<typeof contactSnapshotSync>('contactSnapshotSync', {
        taskQueue,
        workflowId: 'contact-sync-before-the-drill',
      });
      assert.ok(sync.ok, 'a snapshot taken while the CRM was up');
    },
    () => real,
  );
  sandbox.log.clear();
  const injected = injectDrillScenario(sandbox, 'crm-frozen');
  let run: Awaited<ReturnType<typeof runLockoutDrill>>;
  try {
    run = await runLockoutDrill('crm-frozen');
  } finally {
    injected.lift();
  }
  const { final, report } = run;
  assert.equal(final.cause, 'audit-log-lockout');
  assert.equal(final.customers?.source, 'snapshot', 'the frozen CRM shows');
  const { sinkEmails } = assertNothingLeft();
  assert.ok(
    sinkEmails.some((e) => /Service notice for /.test(e.subject)),
    'the customer notice, from the snapshot, went to the sink',
  );
  assert.ok(
    report.fallbacks.some((f) => f.from === 'crm' && f.to.startsWith('snapshot ')),
    JSON.stringify(report.fallbacks),
  );
  assert.ok(
    report.findings.some((f) => /^the CRM failed: customer contacts came from the snapshot /.test(f)),
    report.findings.join('; '),
  );
});

test('a lockout drill with EU processing interrupted runs its GDPR assessment as a data-leak drill', async () => {
  sandbox.log.clear();
  const real = await buildDeps(parseConfig(sandboxEnvironment(sandbox)), harness().store);
  await runScenario(
    harness(),
    async ({ client, taskQueue, detectedAt }) => {
      const { handle } = await startLockoutDrill(
        client,
        {
          scenario: 'none',
          startedBy: 'test',
          timeScale: 1 / 60,
          euPersonalDataInterrupted: true,
          at: new Date(detectedAt),
        },
        taskQueue,
      );
      await harness().env.sleep(4_000);
      const status = await handle.query<LockoutStatus>('status');
      const childId = status.gdprAssessment?.workflowId;
      assert.equal(childId, `drill:data-leak:${status.lockoutId}-gdpr`, 'the assessment is a drill too');
      const child = client.workflow.getHandle(childId);
      try {
        assert.equal((await child.describe()).typedSearchAttributes.get(DRILL), 'none');
        await actOnLockout(handle, 'close', { actor: { id: 'lee', role: 'legal' }, reason: 'practice over' });
        await handle.result();
      } finally {
        await child.terminate('the test saw the assessment start as a drill');
      }
      const { staffEmails } = assertNothingLeft();
      assert.ok(staffEmails.every((e) => e.subject.startsWith('[DRILL] ')));
    },
    () => real,
  );
});

test('the quarterly drill starter can run the lockout procedure as a drill of its own', async () => {
  sandbox.log.clear();
  const real = await buildDeps(parseConfig(sandboxEnvironment(sandbox)), harness().store);
  await runScenario(
    harness(),
    async ({ client, taskQueue }) => {
      const drillId = await client.workflow.execute<typeof scheduledDrill>('scheduledDrill', {
        taskQueue,
        workflowId: 'herald-drill-lockout-test',
        args: [{ procedure: 'lockout', scenario: 'none', timeScale: 1 / 60, crmProgram: 'unused' }],
      });
      assert.match(drillId, /^drill:lockout:drill-\d{8}T\d{6}Z$/);
      const handle = client.workflow.getHandle<typeof complianceLockout>(drillId);
      await harness().env.sleep(4_000);
      const described = await handle.describe();
      assert.equal(described.typedSearchAttributes.get(DRILL), 'none');
      await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Practice over.' });
      const final = await handle.result();
      assert.ok(final.lockoutId.startsWith('drill-'));
      const { staffEmails } = assertNothingLeft();
      assert.ok(staffEmails.length > 0 && staffEmails.every((e) => e.subject.startsWith('[DRILL] ')));
      const stored = await harness().store.documents.latest(`drill:lockout:${final.lockoutId}`, 'drill-report');
      assert.equal((JSON.parse(stored?.body ?? '{}') as DrillReport).startedBy, 'schedule');
    },
    () => real,
  );
});
