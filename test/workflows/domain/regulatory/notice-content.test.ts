/**
 * What each notice must contain (issue 19, item 3): every listed clock exists in the rule tables,
 * a checklist is filled from the facts held and leaves the rest to the operator, and the compliance
 * report shows it per clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderComplianceReport } from '../../../../activities/documents/compliance-report.ts';
import { NOTICE_CONTENT, noticeChecklist } from '../../../../workflows/domain/regulatory/notice-content.ts';
import { REGULATORY_RULES } from '../../../../workflows/domain/regulatory/rules.ts';
import type { LegalClock } from '../../../../workflows/domain/status.ts';
import { incident, reportStatus } from '../../../activities/documents/fixtures.ts';

describe('notice content', () => {
  it('lists only clocks the rule tables compute', () => {
    const clockIds = new Set(REGULATORY_RULES.map((r) => r.clockId));
    for (const id of Object.keys(NOTICE_CONTENT)) assert.ok(clockIds.has(id), `${id} is a clock of the tables`);
  });

  it('GDPR Art. 33(3): filled from the facts held, the rest for the operator; unlisted clocks have none', () => {
    const all = noticeChecklist('gdpr:art33:supervisory-authority', new Set());
    assert.equal(all?.length, 8);
    assert.ok(all?.every((i) => i.state === 'operator'));
    const some = noticeChecklist(
      'gdpr:art33:supervisory-authority',
      new Set(['description', 'data-categories', 'contact-point'] as const),
    );
    assert.deepEqual(
      some?.filter((i) => i.state === 'operator').map((i) => i.provision),
      ['Art. 33(3)(a)', 'Art. 33(3)(a)', 'Art. 33(3)(a)', 'Art. 33(3)(c)', 'Art. 33(3)(d)'],
    );
    assert.equal(noticeChecklist('hipaa:164.408:hhs', new Set()), undefined, 'HHS names a portal, not a list');
  });

  it('DORA, CERT-In, SEC, HIPAA business associates and the state notices have their lists', () => {
    for (const id of [
      'dora:initial-notification',
      'dora:intermediate-report',
      'dora:final-report',
      'cert-in:direction-ii:report',
      'sec:8-k-item-1.05:filing',
      'hipaa:164.410:covered-entity',
      'us-ca:individuals',
      'us-tx:attorney-general',
      'us-vt:attorney-general',
    ]) {
      assert.ok((noticeChecklist(id, new Set())?.length ?? 0) > 0, `${id} has elements`);
    }
    const texas = noticeChecklist('us-tx:attorney-general', new Set(['description', 'people-count'] as const));
    assert.deepEqual(
      texas?.filter((i) => i.state === 'filled').map((i) => i.provision),
      ['§ 521.053(i)(1)', '§ 521.053(i)(2)'],
    );
    const dora = noticeChecklist('dora:initial-notification', new Set(['controller-name'] as const));
    assert.equal(dora?.[0]?.state, 'filled', 'the financial entity named from the organisation');
    assert.ok(dora?.some((i) => i.provision === 'RTS Art. 2(d)' && i.state === 'operator'));
  });

  it('the compliance report shows each clock’s checklist, and says where Herald lists none', () => {
    const clock = (id: string, title: string): LegalClock => ({
      id,
      regime: 'x',
      jurisdiction: 'EU',
      title,
      recipient: 'authority',
      startEvent: 'awareness',
      dueAt: '2025-03-04T09:15:00Z',
      period: '72 hours',
      source: 'the provision, checked 2026-11-01',
      inForce: true,
    });
    const md = renderComplianceReport({
      status: {
        ...reportStatus,
        legalClocks: [
          clock('gdpr:art33:supervisory-authority', 'Notify the supervisory authority'),
          clock('hipaa:164.408:hhs', 'Notify the Secretary of HHS'),
        ],
      },
      incident,
      affectedByCountry: {},
      auditEntries: [],
      auditVerification: { ok: true, entries: 0 },
      generatedAt: '2025-03-01T12:45:00Z',
      noticeFacts: [
        'description',
        'data-categories',
        'people-count',
        'record-count',
        'contact-point',
        'measures-taken',
      ],
    });
    assert.match(
      md,
      /## What each notice must contain\n\n- \*\*Notify the supervisory authority\*\* \(`gdpr:art33:supervisory-authority`\): 6 of 8 elements from Herald's facts; the operator supplies: categories of data subjects \(Art\. 33\(3\)\(a\)\); likely consequences \(Art\. 33\(3\)\(c\)\)\n- \*\*Notify the Secretary of HHS\*\* \(`hipaa:164\.408:hhs`\): Herald lists no elements for this duty; see the provision/,
    );
  });
});
