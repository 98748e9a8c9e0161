/**
 * The fault matrix's verdicts can fail: each check on evidence that must pass and on evidence
 * that must not, and the report's table and docs/fault-matrix.md section from a made-up run.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../../activities/ports.ts';
import type { AcceptedEmail, AcceptedSms } from '../../sandbox/index.ts';
import type { MilestoneStatus } from '../../workflows/domain/status.ts';
import { CELLS, NPM_TEST_CELLS, PENDING_WORKFLOW_FIX, cellById, MATRIX_FAULTS, MATRIX_PROVIDERS } from './cells.ts';
import { auditVerifies, milestones, noDuplicates, notFailed, onCallReached } from './checks.ts';
import type { Deliveries, Person } from './checks.ts';
import { MATRIX_END, MATRIX_PAGE, MATRIX_START, matrixMarkdown, matrixReport, replaceMatrixSection } from './report.ts';
import type { CellResult } from './run-cell.ts';
import { runsAgainAlone } from './run-matrix.ts';

const onCall: Person = { label: 'on-call L0', name: 'Olga Oncall', email: 'oncall@uni.test', phone: '+4930555000011' };
const backup: Person = { label: 'on-call L1', name: 'Otto Backup', email: 'oncall2@uni.test', phone: '+4930555000012' };

const email = (to: string, key?: string, subject = 'Alert'): AcceptedEmail => ({
  to,
  subject,
  text: 'text',
  customArgs: key === undefined ? {} : { herald_delivery_key: key },
  attachments: [],
  messageId: 'm',
  at: '2026-01-01T00:00:00Z',
});
const sms = (to: string, body: string): AcceptedSms => ({
  to,
  from: '+1500',
  body,
  sid: 'SM1',
  at: '2026-01-01T00:00:00Z',
});
const none: Deliveries = { emails: [], sms: [], chat: [] };

const milestone = (id: string, state: MilestoneStatus['state'], completedAt?: string): MilestoneStatus<string> => ({
  id,
  title: id,
  dueAt: '2026-01-01T00:15:00Z',
  state,
  source: 'test',
  ...(completedAt ? { completedAt } : {}),
});
const entry = (type: string, data: Record<string, unknown> = {}): AuditEntry =>
  ({
    type,
    data,
    incidentId: 'I',
    entryId: type,
    actor: 'herald',
    at: '2026-01-01T00:00:00Z',
  }) as unknown as AuditEntry;

describe('fault-matrix checks', () => {
  it('not failed: running or completed only', () => {
    assert.equal(notFailed('RUNNING').ok, true);
    assert.equal(notFailed('COMPLETED').ok, true);
    for (const state of ['FAILED', 'TERMINATED', 'TIMED_OUT']) {
      const check = notFailed(state, 'boom');
      assert.equal(check.ok, false);
      assert.match(check.detail, /boom/);
    }
  });

  it('milestones: met with its audit entry, or missed with milestone.missed and an escalation', () => {
    const met = milestone('ops-alert', 'met', '2026-01-01T00:05:00Z');
    assert.equal(milestones([met], [entry('milestone.ops-alert.sent')]).ok, true);
    assert.equal(milestones([met], []).ok, false, 'met without an audit entry');
    const missed = milestone('ops-alert', 'missed');
    const missedAudit = [entry('milestone.missed', { milestone: 'ops-alert' })];
    assert.equal(milestones([missed], missedAudit).ok, false, 'missed without an escalation');
    assert.equal(
      milestones([missed], [...missedAudit, entry('escalation.deadline-missed', { milestone: 'ops-alert' })]).ok,
      true,
    );
    const pending = milestones([milestone('authority-notice', 'pending')], []);
    assert.equal(pending.ok, false);
    assert.match(pending.detail, /authority-notice pending \(no audit entry\)/);
    assert.equal(milestones([], []).ok, false, 'no milestones at all is no evidence');
  });

  it('on-call reached on any channel; otherwise the fallbacks paged are named', () => {
    assert.equal(onCallReached(onCall, [backup], { ...none, sms: [sms(onCall.phone ?? '', 'x')] }).ok, true);
    assert.equal(onCallReached(onCall, [backup], { ...none, chat: [{ text: 'for: Olga Oncall', at: '' }] }).ok, true);
    const missed = onCallReached(onCall, [backup], { ...none, emails: [email('OncALL2@uni.test')] });
    assert.equal(missed.ok, false);
    assert.match(missed.detail, /paged instead: on-call L1 by email/);
    assert.match(onCallReached(onCall, [backup], none).detail, /no fallback paged either/);
  });

  it('duplicates: the same delivery key, SMS body or chat text twice', () => {
    const once: Deliveries = {
      emails: [email('a@uni.test', 'k/1'), email('a@uni.test', 'k/2')],
      sms: [sms('+491', 'one'), sms('+491', 'two')],
      chat: [{ text: 'x', at: '' }],
    };
    assert.equal(noDuplicates(once).ok, true);
    const twice = noDuplicates({ ...once, emails: [...once.emails, email('A@uni.test', 'k/1')] });
    assert.equal(twice.ok, false);
    assert.match(twice.detail, /a@uni\.test k\/1 ×2/);
    assert.equal(noDuplicates({ ...once, sms: [...once.sms, sms('+491', 'one')] }).ok, false);
    assert.equal(noDuplicates({ ...once, chat: [...once.chat, { text: 'x', at: '' }] }).ok, false);
  });

  it('audit chain', () => {
    assert.equal(auditVerifies({ ok: true, entries: 3 }).ok, true);
    assert.deepEqual(auditVerifies({ ok: false, entries: 3, problem: 'seq 2 altered' }), {
      name: 'audit-verifies',
      ok: false,
      detail: 'seq 2 altered',
    });
  });
});

/** A cell's result as the matrix records it (failing on on-call, still running unless passed). */
const result = (id: string, outcome: CellResult['outcome'], reason: string): CellResult => {
  const cell = cellById(id);
  return {
    id,
    procedure: cell.procedure,
    provider: cell.provider,
    fault: cell.fault,
    outcome,
    reason,
    checks: outcome === 'fail' ? [{ name: 'on-call-reached', ok: false, detail: reason }] : [],
    blocked: 'no blocked list',
    blockedAtEnd: [],
    retry: 'not needed',
    recovered: outcome === 'pass',
    state: 'RUNNING',
    audited: {},
    leakedLocks: 0,
    seconds: 1,
  };
};

describe('fault-matrix cells and report', () => {
  it('covers providers × faults × both procedures; npm test runs every fault kind and provider', () => {
    assert.equal(CELLS.length, MATRIX_PROVIDERS.length * MATRIX_FAULTS.length * 2);
    const subset = NPM_TEST_CELLS.map(cellById);
    assert.ok(
      subset.every((c) => c.notApplicable === undefined),
      'no n/a cell in the subset',
    );
    for (const fault of MATRIX_FAULTS)
      assert.ok(
        subset.some((c) => c.fault === fault),
        `a ${fault} cell`,
      );
    for (const provider of MATRIX_PROVIDERS)
      assert.ok(
        subset.some((c) => c.provider === provider),
        provider,
      );
    for (const procedure of ['data-leak', 'lockout']) assert.ok(subset.some((c) => c.procedure === procedure));
    for (const id of Object.keys(PENDING_WORKFLOW_FIX)) cellById(id);
  });

  it('renders the table with reasons and replaces only the generated section of docs/fault-matrix.md', () => {
    const report = matrixReport(
      [
        result('data-leak/sendgrid/server-errors', 'pass', ''),
        result('lockout/sendgrid/server-errors', 'fail', 'on-call L0 not | reached'),
        result('lockout/chat/recipient-refused', 'n/a', 'a webhook post has no recipient'),
        { ...result('lockout/twilio/timeout', 'pass', ''), firstRun: 'skipping 60 min: no answer within 180 s' },
      ],
      { seconds: 10, lanes: 2, machine: 'test', at: new Date('2026-12-02T00:00:00Z') },
    );
    const markdown = matrixMarkdown(report);
    assert.match(
      markdown,
      /\| sendgrid \| server-errors \| pass \| \*\*FAIL\*\* \(on-call-reached, no completion\) \|/,
    );
    assert.match(markdown, /- `lockout\/sendgrid\/server-errors` \(\): on-call L0 not \/ reached/);
    assert.match(markdown, /- chat × recipient-refused: a webhook post has no recipient/);
    assert.match(
      markdown,
      /run again alone at the end:\n\n- `lockout\/twilio\/timeout`: pass when run again alone; first run: skipping 60 min: no answer within 180 s/,
    );
    const page = `# R\n\n${MATRIX_START}\nold\n${MATRIX_END}\n\n## After\n`;
    const updated = replaceMatrixSection(page, markdown);
    assert.ok(updated.startsWith(`# R\n\n${MATRIX_START}\n\n2 pass, 1 fail`));
    assert.ok(updated.endsWith(`${MATRIX_END}\n\n## After\n`));
    assert.throws(() => replaceMatrixSection('# R\n', markdown), /lacks the markers/);
  });

  it('finds the markers in the page a whole run writes', async () => {
    const page = await readFile(new URL(`../../${MATRIX_PAGE}`, import.meta.url), 'utf8');
    const start = page.indexOf(MATRIX_START);
    assert.ok(start >= 0 && page.indexOf(MATRIX_END) > start, `${MATRIX_PAGE} holds both markers, in order`);
  });
  it('runs again alone: a cell that could not run, or whose procedure was still running at its end; no other', () => {
    assert.equal(runsAgainAlone(result('lockout/twilio/timeout', 'error', 'skipping 60 min: no answer')), true);
    const stuck = result('data-leak/sendgrid/credentials-revoked', 'fail', 'did not complete');
    assert.equal(runsAgainAlone(stuck), true, 'still running after the lift');
    assert.equal(runsAgainAlone({ ...stuck, state: 'FAILED' }), false, 'a failed procedure is a finding');
    assert.equal(runsAgainAlone({ ...stuck, state: 'COMPLETED', recovered: true }), false, 'completed, a check failed');
    assert.equal(runsAgainAlone(result('lockout/sendgrid/server-errors', 'pass', '')), false);
    assert.equal(runsAgainAlone(undefined), false);
  });
});
