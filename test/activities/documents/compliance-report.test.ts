import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeAuditData } from '../../../activities/documents/audit-summary.ts';
import { renderComplianceReport } from '../../../activities/documents/compliance-report.ts';
import type { ComplianceReportInput } from '../../../activities/documents/compliance-report.ts';
import type { AuditEntry } from '../../../activities/ports.ts';
import type { ProcedureStatus } from '../../../workflows/domain/status.ts';
import { incident, reportStatus as status } from './fixtures.ts';

function entry(seq: number, type: string, data: Record<string, unknown>): AuditEntry {
  return {
    entryId: `e${seq}`,
    incidentId: incident.incidentId,
    type,
    actor: 'herald',
    at: `2025-03-01T09:${String(15 + seq).padStart(2, '0')}:30Z`,
    data,
    seq,
    prevHash: String(seq - 1),
    hash: `h${seq}`,
  };
}

const auditEntries: AuditEntry[] = [
  entry(3, 'delivery.sent', {
    milestone: 'ops-alert',
    channel: 'sms',
    to: '+491701234567',
    recipient: { id: 'c1', email: 'student@uni.example', phone: '+33 6 12 34 56 78', name: 'Jean Dupont' },
  }),
  entry(1, 'procedure.started', { severity: 'high', reporterEmail: 'ops@uni.example' }),
  entry(2, 'milestone.met', { milestone: 'ops-alert', note: 'sent to carol@uni.example and +49 30 9876543' }),
];

function input(overrides: Partial<ComplianceReportInput> = {}): ComplianceReportInput {
  return {
    status,
    incident,
    affectedByCountry: { FR: 400, DE: 1100, AT: 23 },
    auditEntries,
    auditVerification: { ok: true, entries: 57 },
    generatedAt: '2025-03-01T12:45:00Z',
    ...overrides,
  };
}

describe('renderComplianceReport', () => {
  it('has the header, scope and ISO 27001 references', () => {
    const md = renderComplianceReport(input());
    assert.match(md, /^# Compliance status report: incident INC-2025-0042/);
    assert.match(md, /A\.5\.25/);
    assert.match(md, /A\.5\.26/);
    assert.match(md, /\*\*Severity:\*\* high/);
    assert.match(md, /\*\*Generated at:\*\* 2025-03-01 12:45 UTC/);
    assert.match(md, /\*\*Awareness time \(legal clocks start\):\*\* 2025-03-01 09:15 UTC/);
    assert.match(md, /\*\*Affected people:\*\* 1,523/);
    assert.match(md, / {2}- DE: 1,100/);
    assert.match(md, /CRM contacts where Campus__c in \("Berlin", "Lyon"\)/);
    assert.match(md, /\*\*Pending approvals:\*\*\n {2}- legal approval of draft v2/);
    assert.match(md, /\| email \| 12 \| 1 \| 3 \|/);
  });

  it('lists every milestone with its state', () => {
    const md = renderComplianceReport(input());
    for (const m of status.milestones) {
      const row = md.split('\n').find((line) => line.includes(`(\`${m.id}\`)`));
      assert.ok(row, `row for ${m.id}`);
      assert.ok(row.includes(`| ${m.state} |`), `${m.id} is ${m.state}: ${row}`);
    }
    assert.match(md, /without undue delay \| skipped/);
    assert.match(md, /mail relay \\\| down/); // a pipe in a note does not break the table
  });

  it('lists the timeline in sequence order without emails or phone numbers', () => {
    const md = renderComplianceReport(input());
    const i1 = md.indexOf('procedure.started');
    const i2 = md.indexOf('milestone.met');
    const i3 = md.indexOf('delivery.sent');
    assert.ok(i1 > 0 && i1 < i2 && i2 < i3);
    for (const pii of [
      'student@uni.example',
      'ops@uni.example',
      'carol@uni.example',
      '+491701234567',
      '+33 6 12 34 56 78',
      '+49 30 9876543',
      'Jean Dupont',
    ]) {
      assert.ok(!md.includes(pii), `report leaks ${pii}`);
    }
    assert.match(md, /channel=sms/);
    assert.match(md, /milestone=ops-alert/);
  });

  it('ends with the audit chain state', () => {
    assert.match(
      renderComplianceReport(input()),
      /audit chain verified: 57 entries; this incident: 3 entries, latest #3/,
    );
    const broken = renderComplianceReport(
      input({ auditVerification: { ok: false, entries: 12, problem: 'hash mismatch at seq 12' } }),
    );
    assert.match(broken, /AUDIT CHAIN VERIFICATION FAILED after 12 entries: hash mismatch at seq 12/);
  });

  it('is deterministic', () => {
    assert.equal(
      renderComplianceReport(input()),
      renderComplianceReport(input({ auditEntries: [...auditEntries].reverse() })),
    );
  });
});

describe('renderComplianceReport when providers fail', () => {
  it('says the approved notice has not reached the authority, and which services hold steps up', () => {
    const failing: ProcedureStatus = {
      ...status,
      authorityNotice: {
        ...status.authorityNotice,
        delivery: { version: 2, state: 'refused', problem: 'email: refused (HTTP 400)', resends: 1 },
      },
      blocked: [
        {
          service: 'email',
          permanent: true,
          failureType: 'ProviderAuth',
          cause: 'SendGrid refused the API key (HTTP 401)',
          since: '2025-03-01T10:00:00Z',
          steps: ['stakeholder-notice/email'],
          rechecks: 3,
        },
      ],
    };
    const md = renderComplianceReport(input({ status: failing }));
    assert.match(
      md,
      /\*\*Delivery of v2:\*\* NOT DELIVERED: refused \(email: refused \(HTTP 400\)\); legal and the DPO were told, 1 resends/,
    );
    assert.match(
      md,
      /\| email \| blocked \| .* \| ProviderAuth: SendGrid refused the API key \(HTTP 401\) \| stakeholder-notice\/email \|/,
    );
    assert.match(renderComplianceReport(input()), /None: every service answered\./);
  });
});

describe('summarizeAuditData', () => {
  it('keeps non-personal fields such as totals', () => {
    assert.equal(summarizeAuditData({ total: 5, milestoneName: 'x' }), 'milestoneName=x, total=5');
  });
  it('redacts personal keys and counts object lists', () => {
    const s = summarizeAuditData({ toName: 'Ann', email: 'a@b.example', recipients: [{ id: 1 }, { id: 2 }] });
    assert.equal(s, 'email=[redacted], recipients=[2 items], toName=[redacted]');
  });
});
