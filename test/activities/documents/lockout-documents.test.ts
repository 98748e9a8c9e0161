/** The lockout procedure's messages and reports: complete, short enough for SMS, deterministic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOCKOUT_TEMPLATES, renderLockoutMessage } from '../../../activities/documents/lockout-messages.ts';
import { renderLockoutReport } from '../../../activities/documents/lockout-report.ts';
import { sha256Hex } from '../../../activities/documents/hash.ts';
import { SMS_MAX_CHARS } from '../../../activities/documents/sms.ts';
import type { AuditEntry } from '../../../activities/ports.ts';
import type { LockoutStatus } from '../../../workflows/domain/lockout-status.ts';
import { lockout } from '../../support/lockout-fixture.ts';

const incident = lockout('LO-42', '2026-03-06T17:50:00Z', {
  title: 'A very long title '.repeat(20).trim(),
  surfaces: ['checkout', 'accounts', 'discovery', 'sync-jobs'],
});
const scope = {
  surfaces: incident.surfaces,
  regions: ['EU', 'US'] as LockoutStatus['scope']['regions'],
  euPersonalDataInterrupted: true,
};

describe('lockout messages', () => {
  for (const template of LOCKOUT_TEMPLATES) {
    it(`${template}: names the lockout first, SMS within ${SMS_MAX_CHARS} characters`, () => {
      const message = renderLockoutMessage({
        template,
        incident,
        scope,
        params: {
          level: '2',
          sequence: '3',
          rootCause: 'Token rotated.',
          milestone: 'stakeholder-notice',
          title: 'Stakeholder notice',
          dueAt: '2026-03-06T18:50:00Z',
        },
      });
      assert.match(message.subject, /LO-42/);
      assert.ok(message.sms.length <= SMS_MAX_CHARS, `${template}: ${message.sms.length} characters`);
      assert.match(message.sms, /^Herald LO-42/);
      assert.match(message.text, /LO-42/);
    });
  }

  it('the status update carries the approved text; the stakeholder notice the EU flag', () => {
    const update = renderLockoutMessage({
      template: 'lockout-status-update',
      incident,
      scope,
      params: { sequence: '2', approvedText: 'Orders are queued.' },
    });
    assert.match(update.text, /Orders are queued\./);
    const notice = renderLockoutMessage({
      template: 'lockout-stakeholder-notice',
      incident,
      scope,
      params: { cadence: 'hour' },
    });
    assert.match(notice.text, /EU personal-data processing interrupted: YES/);
    assert.match(notice.text, /every hour/);
  });
});

describe('lockout reports', () => {
  const status: LockoutStatus = {
    lockoutId: 'LO-42',
    severity: 'critical',
    cause: 'audit-log-lockout',
    detectedAt: incident.detectedAt,
    phase: 'completed',
    scope,
    milestones: [
      {
        id: 'technical-alert',
        title: 'Technical alert',
        dueAt: '2026-03-06T18:05:00Z',
        state: 'met',
        completedAt: '2026-03-06T17:51:00Z',
        source: 'plan',
      },
      {
        id: 'resolution-notice',
        title: 'Resolution notice',
        dueAt: null,
        state: 'met',
        completedAt: '2026-03-06T22:20:00Z',
        source: 'plan',
      },
    ],
    acknowledgement: { by: { id: 'erin', role: 'responder' }, at: '2026-03-06T17:55:00Z' },
    escalationLevel: 0,
    statusUpdates: { sent: 4, nextAt: null, approvedText: null },
    regulatory: {},
    legalClocks: [],
    customers: null,
    procurement: [],
    gdprAssessment: {
      workflowId: 'data-leak:LO-42-gdpr',
      startedAt: '2026-03-06T19:50:00Z',
      trigger: 'scope-change',
      state: 'running',
    },
    resolution: { rootCause: 'Audit-log retention job misconfigured.', by: 'erin', at: '2026-03-06T22:15:00Z' },
    deliveries: {
      email: { accepted: 30, failed: 1, duplicatesSkipped: 0 },
      sms: { accepted: 7, failed: 0, duplicatesSkipped: 0 },
    },
    nextDeadline: null,
  };
  const entries: AuditEntry[] = [
    {
      seq: 1,
      entryId: 'a',
      incidentId: 'lockout:LO-42',
      type: 'procedure.started',
      actor: 'herald',
      at: '2026-03-06T17:50:01Z',
      data: { secret: 'student@example.test' },
      prevHash: '0',
      hash: '1',
    },
  ];
  const facts = {
    kind: 'post-incident-report' as const,
    incident,
    status,
    auditEntries: entries,
    auditVerification: { ok: true, entries: 1 },
    generatedAt: '2026-03-06T22:30:00Z',
    version: 1,
  };

  it('states scope, phases, the GDPR assessment, the root cause and the audit check; no audit data', () => {
    const text = renderLockoutReport(facts);
    assert.match(text, /^Post-incident report — compliance lockout LO-42/);
    assert.match(text, /Technical alert \(technical-alert\): met/);
    assert.match(text, /GDPR assessment procedure data-leak:LO-42-gdpr started .* \(scope-change\); running/);
    assert.match(text, /Root cause: Audit-log retention job misconfigured\./);
    assert.match(text, /Status updates sent: 4/);
    assert.match(text, /Verified: 1 entries/);
    assert.doesNotMatch(text, /student@example\.test/, 'audit data (possibly PII) stays out of the report');
  });

  it('the same facts render the same text (stable hash)', () => {
    assert.equal(sha256Hex(renderLockoutReport(facts)), sha256Hex(renderLockoutReport(facts)));
  });
});
