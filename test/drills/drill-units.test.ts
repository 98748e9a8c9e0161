/** The pure parts of drills: recipients replaced by the sink, the guard, ids, the report and its trend. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { directorySchema } from '../../activities/directory.ts';
import { assertDrillRecipients, drillSinkOf, externalRecipients } from '../../activities/drills/drill-recipients.ts';
import { timeScaleArg } from '../../client/cli/drill-commands.ts';
import { dataLeakStartSchema } from '../../workflows/data-leak/start-input.ts';
import { claimProcedureOf } from '../../workflows/domain/actor-claim.ts';
import { asDrill, drillIdAt, isDrillId } from '../../workflows/domain/drill.ts';
import { buildDrillReport, DRILL_REPORT_ATTEMPT_LIMIT, drillTrend } from '../../workflows/domain/drill-report.ts';
import type { DrillAuditEntry, DrillFailedAttempt } from '../../workflows/domain/drill-report.ts';
import { drillReportLines } from '../../client/cli/render-drill-report.ts';
import { dataLeakWorkflowId } from '../../workflows/domain/incident.ts';
import { lockoutWorkflowId } from '../../workflows/domain/lockout.ts';
import { lockoutDrillIncident } from '../../workflows/domain/drill.ts';
import { lockoutStartSchema } from '../../workflows/lockout/start-input.ts';
import { drillLabelled } from '../../activities/drills/drill-label.ts';

const directory = directorySchema.parse(
  JSON.parse(readFileSync(new URL('../../config/directory.example.json', import.meta.url), 'utf8')),
);
const student = {
  id: '003A00000000001AAA',
  name: 'Ada Student',
  email: 'ada@uni.test',
  phone: '+4915100000001',
  country: 'DE',
  locale: 'de',
};
const configurationError = (err: unknown) => err instanceof ApplicationFailure && err.type === 'ConfigurationError';

test('in a drill, external recipients become the sink (plus-addressed), keeping id, locale and country', () => {
  const [standIn] = externalRecipients(directory, 'drill-1', [student]);
  assert.deepEqual(standIn, {
    id: student.id,
    name: `${directory.drillSink?.name} (for ${student.id})`,
    email: `drills+${student.id.toLowerCase()}@example-university.test`,
    phone: directory.drillSink?.phone,
    locale: 'de',
    country: 'DE',
  });
  assert.deepEqual(externalRecipients(directory, 'INC-1', [student]), [student], 'a real incident is untouched');
});

test('the guard refuses, in a drill, any address that is neither staff nor the sink; outside drills it checks nothing', () => {
  assert.throws(() => assertDrillRecipients(directory, 'drill-1', [student]), configurationError);
  assert.throws(
    () => assertDrillRecipients(directory, 'drill-1', [{ id: 'a', name: 'A', email: 'breach@authority.example.test' }]),
    configurationError,
  );
  assert.throws(
    () => assertDrillRecipients(directory, 'DRILL-1', [{ id: 'a', name: 'A', email: 'drills+x@elsewhere.test' }]),
    configurationError,
  );
  assertDrillRecipients(directory, 'drill-1', externalRecipients(directory, 'drill-1', [student]));
  assertDrillRecipients(directory, 'drill-1', directory.onCall.flat());
  assertDrillRecipients(directory, 'INC-1', [student]);
  const withoutSink = { ...directory, drillSink: undefined };
  assert.throws(() => drillSinkOf(withoutSink), configurationError);
  assert.throws(() => externalRecipients(withoutSink, 'drill-1', [student]), configurationError);
});

test('drill ids: reserved prefix, drill: workflow ids, claims still find the procedure', () => {
  const id = drillIdAt(new Date('2026-12-03T06:15:00.123Z'));
  assert.equal(id, 'drill-20261203T061500Z');
  assert.ok(isDrillId(id) && isDrillId('DRILL-x') && !isDrillId('INC-drill-1'));
  assert.equal(dataLeakWorkflowId(id), `drill:data-leak:${id}`);
  assert.equal(dataLeakWorkflowId('INC-1'), 'data-leak:INC-1');
  assert.equal(claimProcedureOf(`drill:data-leak:${id}`), 'data-leak');
  assert.equal(claimProcedureOf('drill:other:x'), null);
  assert.equal(asDrill({ incident: { title: 'T' } }).incident.title, '[DRILL] T');
  assert.equal(asDrill({ incident: { title: '[DRILL] T' } }).incident.title, '[DRILL] T');
});

test('a drill section exactly when the id is a drill id, each refusal naming the field', () => {
  const incident = {
    incidentId: 'INC-1',
    detectedAt: '2026-12-03T06:00:00Z',
    severity: 'high',
    title: 'T',
    description: 'D',
    dataCategories: ['name'],
    jurisdictions: ['DE'],
    crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: 'Physics' }] },
    reporter: { name: 'r' },
  };
  const drill = { scenario: 'none', startedBy: 'olga' };
  assert.ok(dataLeakStartSchema.safeParse({ incident }).success);
  assert.ok(dataLeakStartSchema.safeParse({ incident: { ...incident, incidentId: 'drill-1' }, drill }).success);
  const a = dataLeakStartSchema.safeParse({ incident: { ...incident, incidentId: 'drill-1' } });
  assert.ok(
    !a.success &&
      /reserved for drills/.test(a.error.message) &&
      a.error.issues[0]?.path.join('.') === 'incident.incidentId',
  );
  const b = dataLeakStartSchema.safeParse({ incident, drill });
  assert.ok(!b.success && /must start with 'drill-'/.test(b.error.message));
  const c = dataLeakStartSchema.safeParse({
    incident: { ...incident, incidentId: 'drill-1' },
    drill: { ...drill, scenario: 'meteor' },
  });
  assert.ok(!c.success && c.error.issues.some((i) => i.path.join('.') === 'drill.scenario'));
});

test('the report: time to acknowledge and slack in policy minutes, escalations, who answered, blocked, findings', () => {
  const at = (policyMinutes: number) =>
    new Date(Date.parse('2026-12-03T06:00:00Z') + (policyMinutes * 60_000) / 60).toISOString();
  const entries: DrillAuditEntry[] = [
    { type: 'escalation.raised', actor: 'herald', at: at(5), data: { level: 1 } },
    {
      type: 'service.blocked',
      actor: 'herald',
      at: at(6),
      data: { service: 'email', step: 'ops-alert:email', failureType: 'ProviderAuth' },
    },
    { type: 'operator.acknowledge', actor: 'olga', at: at(20), data: {} },
    { type: 'operator.action-refused', actor: 'mallory', at: at(21), data: {} },
    { type: 'delivery.fallback', actor: 'herald', at: at(22), data: { from: 'email', to: 'sms' } },
  ];
  const report = buildDrillReport({
    drillId: 'drill-1',
    procedure: 'data-leak',
    drill: { scenario: 'provider-down', startedBy: 'olga' },
    timeScale: 1 / 60,
    outcome: {
      detectedAt: at(0),
      phase: 'completed',
      acknowledgement: { by: { id: 'olga' }, at: at(20) },
      milestones: [
        { id: 'ops-alert', state: 'missed', dueAt: at(15), completedAt: at(20) },
        { id: 'stakeholder-notice', state: 'met', dueAt: at(60), completedAt: at(30) },
        { id: 'affected-people', state: 'met', dueAt: null, completedAt: at(90) },
      ],
    },
    entries,
    finishedAt: at(100),
  });
  assert.equal(report.timeToAcknowledgePolicyMinutes, 20);
  assert.deepEqual(
    report.milestones.map((m) => m.slackPolicyMinutes),
    [-5, 30, null],
  );
  assert.equal(report.escalations.length, 1);
  assert.deepEqual(
    report.answeredBy,
    [{ actor: 'olga', action: 'acknowledge', at: at(20) }],
    'refusals are not answers',
  );
  assert.deepEqual(report.fallbacks, [{ at: at(22), from: 'email', to: 'sms' }]);
  assert.equal(report.blockedSteps[0]?.permanent, true);
  assert.deepEqual(report.findings, [
    'acknowledged after 20 policy minutes, beyond the 15-minute alert',
    'milestone ops-alert was missed',
    '1 escalation(s) were raised',
    'email blocked (ProviderAuth) held up ops-alert:email',
    '1 send(s) fell back to another channel',
  ]);
  const later = { ...report, drillId: 'drill-2', startedAt: at(1000), timeToAcknowledgePolicyMinutes: 12 };
  const trend = drillTrend([later, report]);
  assert.deepEqual(
    trend.map((r) => [r.drillId, r.ackChangePolicyMinutes]),
    [
      ['drill-1', null],
      ['drill-2', -8],
    ],
  );
});

test('lockout drills: drill: workflow ids whose sends count as a drill, a drill section exactly for drill ids', () => {
  const id = drillIdAt(new Date('2026-12-03T06:15:00Z'));
  assert.equal(lockoutWorkflowId(id), `drill:lockout:${id}`);
  assert.equal(lockoutWorkflowId('LO-1'), 'lockout:LO-1');
  assert.ok(isDrillId(lockoutWorkflowId(id)) && !isDrillId(lockoutWorkflowId('LO-1')));
  assert.equal(claimProcedureOf(lockoutWorkflowId(id)), 'lockout');
  const [standIn] = externalRecipients(directory, lockoutWorkflowId(id), [student]);
  assert.equal(standIn?.email, `drills+${student.id.toLowerCase()}@example-university.test`);
  assert.throws(() => assertDrillRecipients(directory, lockoutWorkflowId(id), [student]), configurationError);

  const incident = lockoutDrillIncident(
    { scenario: 'crm-frozen', startedBy: 'olga' },
    new Date('2026-12-03T06:15:00Z'),
  );
  assert.equal(incident.lockoutId, id);
  assert.equal(incident.cause, 'audit-log-lockout', 'a frozen CRM user is the audit-log lockout');
  assert.equal(incident.euPersonalDataInterrupted, false);
  const drill = { scenario: 'crm-frozen', startedBy: 'olga' };
  assert.ok(lockoutStartSchema.safeParse({ incident, drill }).success);
  const a = lockoutStartSchema.safeParse({ incident });
  assert.ok(
    !a.success &&
      /reserved for drills/.test(a.error.message) &&
      a.error.issues[0]?.path.join('.') === 'incident.lockoutId',
  );
  const b = lockoutStartSchema.safeParse({ incident: { ...incident, lockoutId: 'LO-1' }, drill });
  assert.ok(!b.success && /must start with 'drill-'/.test(b.error.message));
});

test('[DRILL] on every drill message (subject and SMS), left off for the unlabelled groups, none outside drills', () => {
  const message = { subject: 'Ops alert: [DRILL] T', text: 'Incident [DRILL] T', sms: 'Herald: [DRILL] T' };
  const oncall = directory.onCall[1]?.[0];
  const stakeholder = directory.stakeholders[0];
  assert.ok(oncall && stakeholder);
  const labelled = drillLabelled(directory, 'drill-1', stakeholder, message);
  assert.equal(labelled.subject, '[DRILL] Ops alert: [DRILL] T');
  assert.equal(labelled.sms, '[DRILL] Herald: [DRILL] T');
  assert.equal(drillLabelled(directory, 'drill-1', stakeholder, labelled).subject, labelled.subject, 'once');
  assert.equal(
    drillLabelled(directory, 'drill-1', stakeholder, { ...message, sms: 'x'.repeat(320) }).sms.length,
    320,
    'the SMS stays within its budget',
  );
  const practising = { ...directory, drillUnlabelledGroups: ['on-call' as const] };
  assert.deepEqual(drillLabelled(practising, 'drill-1', oncall, message), {
    subject: 'Ops alert: T',
    text: 'Incident T',
    sms: 'Herald: T',
  });
  assert.equal(drillLabelled(practising, 'drill-1', stakeholder, message).subject, labelled.subject);
  assert.deepEqual(drillLabelled(directory, 'INC-1', stakeholder, message), message, 'a real incident is untouched');
  assert.ok(
    !directorySchema.safeParse({ ...directory, drillUnlabelledGroups: ['supervisory-authority'] }).success,
    'only staff groups can go unlabelled',
  );
});

test('the report counts failed provider attempts per channel, and which sends went through later', () => {
  const failed = (recipientId: string, attempt: number): DrillAuditEntry => ({
    type: 'delivery.attempt-failed',
    actor: 'herald',
    at: '2026-12-03T06:01:00Z',
    data: { milestone: 'technical-alert:L0', recipientId, channel: 'email', attempt, failureType: 'ResponseError' },
  });
  const sent = (recipientId: string): DrillAuditEntry => ({
    type: 'delivery.sent',
    actor: 'herald',
    at: '2026-12-03T06:02:00Z',
    data: { milestone: 'technical-alert:L0', recipientId, channel: 'email' },
  });
  const report = buildDrillReport({
    drillId: 'drill-1',
    procedure: 'lockout',
    drill: { scenario: 'provider-down', startedBy: 'olga' },
    timeScale: 1,
    outcome: { detectedAt: '2026-12-03T06:00:00Z', phase: 'completed', acknowledgement: null, milestones: [] },
    entries: [failed('a', 1), failed('a', 2), failed('b', 1), sent('a'), sent('c')],
    finishedAt: '2026-12-03T07:00:00Z',
  });
  assert.deepEqual(report.failedAttempts, [{ channel: 'email', attempts: 3, sends: 2, laterSent: 1 }]);
  assert.ok(report.findings.includes('3 email attempt(s) failed for 2 send(s) and were retried; 1 went through later'));
});

test("the report lists the affected people's failed attempts one by one, at most the limit, and says how many more", () => {
  const attempt = (i: number): DrillFailedAttempt => ({
    recipientId: `STU-${String(i).padStart(4, '0')}`,
    channel: 'sms',
    provider: 'Twilio',
    failureType: 'InvalidRecipient',
    status: 400,
    code: '21610',
    at: new Date(Date.parse('2026-12-03T06:10:00Z') + i * 1000).toISOString(),
    deliveredBy: i % 3 === 0 ? null : i % 3 === 1 ? 'other-channel' : 'later-attempt',
  });
  const total = DRILL_REPORT_ATTEMPT_LIMIT + 70;
  const report = buildDrillReport({
    drillId: 'drill-1',
    procedure: 'data-leak',
    drill: { scenario: 'none', startedBy: 'olga' },
    timeScale: 1,
    outcome: { detectedAt: '2026-12-03T06:00:00Z', phase: 'completed', acknowledgement: null, milestones: [] },
    entries: [],
    finishedAt: '2026-12-03T07:00:00Z',
    affectedPeopleAttempts: { total, rows: Array.from({ length: total }, (_, i) => attempt(i)) },
  });
  const listed = report.affectedPeopleAttempts;
  assert.ok(listed);
  assert.equal(listed.total, total);
  assert.equal(listed.listed.length, DRILL_REPORT_ATTEMPT_LIMIT);
  assert.equal(listed.more, 70);
  assert.deepEqual(listed.listed[1], attempt(1));
  const unreached = listed.listed.filter((a) => a.deliveredBy === null).length;
  assert.ok(
    report.findings.includes(
      `${total} attempt(s) to notify affected people failed (the first ${DRILL_REPORT_ATTEMPT_LIMIT} listed; for ${unreached} of those listed nothing reached the person afterwards)`,
    ),
    JSON.stringify(report.findings),
  );
  const lines = drillReportLines(report);
  assert.ok(lines.includes(`  affected people's failed attempts: ${total}`), lines.join('\n'));
  assert.ok(
    lines.includes('    2026-12-03T06:10:00.000Z STU-0000 sms Twilio InvalidRecipient 400 21610: not delivered'),
  );
  assert.ok(
    lines.includes(
      '    2026-12-03T06:10:01.000Z STU-0001 sms Twilio InvalidRecipient 400 21610: reached on the other channel',
    ),
  );
  assert.ok(
    lines.includes(
      '    2026-12-03T06:10:02.000Z STU-0002 sms Twilio InvalidRecipient 400 21610: delivered by a later attempt',
    ),
  );
  assert.ok(!lines.some((l) => l.includes(`STU-${String(DRILL_REPORT_ATTEMPT_LIMIT).padStart(4, '0')}`)), 'bounded');
  assert.ok(lines.includes('    … and 70 more'));
});

test('--time-scale takes a fraction in (0, 1] and refuses anything else', () => {
  assert.equal(timeScaleArg('1/720'), 1 / 720);
  assert.equal(timeScaleArg('0.5'), 0.5);
  for (const bad of ['0', '2', 'abc', '1/0', '-1/2']) assert.throws(() => timeScaleArg(bad), /fraction/);
});
