/**
 * The chaos test's checks can fail: missed and duplicated messages are counted per recipient and
 * channel from a request log, and a milestone missed without its escalation is not accounted for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../../activities/ports.ts';
import { RequestLog } from '../../sandbox/request-log.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { chaosStudents } from './chaos-students.ts';
import { countDeliveries, requestTrails } from './delivery-counts.ts';
import { checkMilestones } from './milestone-check.ts';
import { lateMilestones } from './late-milestones.ts';

describe('chaos students', () => {
  it('each has a unique valid address and mobile number', () => {
    const students = chaosStudents(1_200, 3);
    assert.equal(students.length, 1_200);
    assert.equal(new Set(students.map((s) => s.Id)).size, 1_200);
    assert.equal(new Set(students.map((s) => s.Email?.toLowerCase())).size, 1_200);
    assert.equal(new Set(students.map((s) => s.MobilePhone)).size, 1_200);
    assert.ok(students.every((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.Email ?? '')));
    assert.ok(students.every((s) => /^\+[1-9]\d{7,14}$/.test(s.MobilePhone ?? '')));
    assert.deepEqual(chaosStudents(1_200, 3), students, 'deterministic');
  });
});

describe('delivery counts', () => {
  it('count missed and duplicated messages per recipient and channel, ignoring everyone else', () => {
    const [a, b, c] = chaosStudents(3, 1);
    assert.ok(a?.Email && b?.Email && c?.Email && a.MobilePhone && b.MobilePhone && c.MobilePhone);
    const log = new RequestLog();
    const email = (to: string) => ({
      to,
      subject: 's',
      text: 't',
      customArgs: {},
      attachments: [],
      messageId: 'm',
      at: '',
    });
    const sms = (to: string) => ({ to, from: '+1', body: 'b', sid: 'SM', at: '' });
    // a: email twice (once in another case), no SMS; b: both once; c: no email, SMS three times.
    log.recordEmails([email(a.Email), email(a.Email.toUpperCase()), email(b.Email), email('oncall@example.test')]);
    for (const to of [b.MobilePhone, c.MobilePhone, c.MobilePhone, c.MobilePhone, '+4930555000011'])
      log.recordSms(sms(to));
    const counts = countDeliveries([a, b, c], log);
    assert.deepEqual(
      { ...counts, examples: undefined },
      {
        recipients: 3,
        required: 6,
        accepted: 7,
        missed: 2,
        duplicates: 3,
        email: { required: 3, accepted: 3, delivered: 2, missed: 1, duplicates: 1 },
        sms: { required: 3, accepted: 4, delivered: 2, missed: 1, duplicates: 2 },
        examples: undefined,
      },
    );
    assert.deepEqual(counts.examples.missed, [c.Email, a.MobilePhone]);
    assert.deepEqual(counts.examples.duplicated, [`${a.Email} ×2`, `${c.MobilePhone} ×3`]);
  });
});

describe('request trails', () => {
  it('list every request about one recipient: Twilio creates and lists, SendGrid sends naming the address', () => {
    const base = { at: '2026-01-01T00:00:00.000Z', status: 201 } as const;
    const trails = requestTrails(
      [
        {
          ...base,
          provider: 'twilio',
          method: 'POST',
          path: '/2010-04-01/Accounts/AC1/Messages.json',
          body: { To: '+4915000000001' },
          fault: 'accept-then-timeout',
        },
        {
          ...base,
          provider: 'twilio',
          method: 'GET',
          path: '/2010-04-01/Accounts/AC1/Messages.json?To=%2B4915000000001&PageSize=50',
          body: undefined,
          status: 200,
        },
        {
          ...base,
          provider: 'twilio',
          method: 'POST',
          path: '/2010-04-01/Accounts/AC1/Messages.json',
          body: { To: '+4915000000002' },
        },
        {
          ...base,
          provider: 'sendgrid',
          method: 'POST',
          path: '/v3/mail/send',
          body: { personalizations: [{ to: [{ email: 'A@x.test' }] }] },
          status: 0,
        },
      ],
      ['+4915000000001', 'a@x.test'],
    );
    assert.deepEqual(trails, {
      '+4915000000001': [
        '2026-01-01T00:00:00.000Z twilio POST /2010-04-01/Accounts/AC1/Messages.json → 201 (accept-then-timeout)',
        '2026-01-01T00:00:00.000Z twilio GET /2010-04-01/Accounts/AC1/Messages.json → 200',
      ],
      'a@x.test': ['2026-01-01T00:00:00.000Z sendgrid POST /v3/mail/send → no answer'],
    });
  });
});

describe('milestone check', () => {
  const entry = (type: string, data: Record<string, unknown> = {}) => ({ type, data }) as AuditEntry;
  const status = (milestones: { id: string; state: string; completedAt?: string }[]) =>
    ({ milestones }) as unknown as ProcedureStatus;

  it('met needs its audit entry; missed needs the miss and the escalation (or the at-risk pair)', () => {
    const verdicts = checkMilestones(
      status([
        { id: 'ops-alert', state: 'met', completedAt: 'x' },
        { id: 'stakeholder-notice', state: 'missed', completedAt: 'x' },
        { id: 'compliance-report', state: 'missed', completedAt: 'x' },
        { id: 'affected-people', state: 'missed', completedAt: 'x' },
        { id: 'authority-notice', state: 'met', completedAt: 'x' },
      ]),
      [
        entry('milestone.ops-alert.sent'),
        entry('milestone.stakeholder-notice.sent'),
        entry('milestone.compliance-report.sent'),
        entry('milestone.missed', { milestone: 'compliance-report' }),
        entry('escalation.deadline-missed', { milestone: 'compliance-report' }),
        entry('milestone.at-risk', { milestone: 'affected-people' }),
        entry('escalation.deadline-at-risk', { milestone: 'affected-people' }),
      ],
    );
    assert.deepEqual(
      verdicts.map((v) => [v.id, v.ok]),
      [
        ['ops-alert', true],
        ['stakeholder-notice', false], // late, yet neither audited as missed nor escalated
        ['compliance-report', true],
        ['affected-people', true],
        ['authority-notice', false], // met without its entry
      ],
    );
  });
});

describe('late milestones', () => {
  it('time each missed milestone with a clock from detection; met ones and those without a clock are left out', () => {
    const at = (s: number) => new Date(Date.parse('2026-12-04T10:00:00Z') + s * 1000).toISOString();
    const milestone = (id: string, state: 'met' | 'missed', dueAt: string | null, completedAt?: string) => ({
      id,
      title: id,
      dueAt,
      state,
      source: 'policy',
      ...(completedAt ? { completedAt } : {}),
    });
    const late = lateMilestones(
      [
        milestone('ops-alert', 'missed', at(2.5), at(4.6)),
        milestone('stakeholder-notice', 'met', at(10), at(3)),
        milestone('affected-people', 'missed', null),
        milestone('authority-notice', 'missed', at(720)),
      ],
      at(0),
    );
    assert.deepEqual(late, [
      { id: 'ops-alert', dueAfterMs: 2_500, doneAfterMs: 4_600 },
      { id: 'authority-notice', dueAfterMs: 720_000, doneAfterMs: null },
    ]);
  });
});
