import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOT_YET_KNOWN, renderAuthorityNotice } from '../../../activities/documents/authority-notice.ts';
import { sha256Hex } from '../../../activities/documents/hash.ts';
import { incident, noticeFacts } from './fixtures.ts';

describe('renderAuthorityNotice', () => {
  it('contains each Art. 33(3) element', () => {
    const text = renderAuthorityNotice(noticeFacts());
    // (a) nature, categories, approximate numbers of data subjects and records
    assert.match(text, /Art\. 33\(3\)\(a\)/);
    assert.match(text, /Student records exported to a public bucket/);
    assert.match(text, /misconfigured export job/);
    for (const c of incident.dataCategories) assert.ok(text.includes(`  - ${c}`), c);
    assert.match(text, /Categories of data subjects concerned: students/);
    assert.match(text, /Approximate number of data subjects concerned: 1,523/);
    assert.match(text, /DE: 1,100/);
    assert.match(text, /Approximate number of personal data records concerned: 1,840/);
    // (b) DPO
    assert.match(text, /Art\. 33\(3\)\(b\)/);
    assert.match(text, /Dr\. Erika Muster/);
    assert.match(text, /dpo@uni\.example/);
    assert.match(text, /\+49 30 1234567/);
    // (c) consequences, (d) measures
    assert.match(text, /Art\. 33\(3\)\(c\)[\s\S]*Targeted phishing/);
    assert.match(text, /Art\. 33\(3\)\(d\)[\s\S]*Bucket made private/);
    assert.match(text, /To: Berliner Beauftragte/);
    assert.match(text, /Type of notification: complete/);
    assert.doesNotMatch(text, /Reasons for the delay/);
    assert.doesNotMatch(text, /\r/);
  });

  it('lists countries in a fixed order whatever the input order', () => {
    const text = renderAuthorityNotice(noticeFacts());
    assert.ok(text.indexOf('AT: 23') < text.indexOf('DE: 1,100'));
    assert.ok(text.indexOf('DE: 1,100') < text.indexOf('FR: 400'));
  });

  it('says "not yet known" for missing facts and announces phased information', () => {
    const rest = {
      ...incident,
      estimatedRecords: undefined,
      likelyConsequences: undefined,
      measuresTaken: undefined,
    };
    const text = renderAuthorityNotice(
      noticeFacts({
        incident: rest,
        dataSubjects: { total: null, byCountry: {} },
        dataSubjectCategories: [],
      }),
    );
    // subject categories, subjects, records, consequences, measures
    assert.equal(text.split(NOT_YET_KNOWN).length - 1, 5);
    assert.match(text, /initial, with information to follow in phases \(Art\. 33\(4\)\)/);
    // The Art. 33(3) checklist names what follows.
    assert.match(
      text,
      /\(Art\. 33\(4\)\):\n- categories of data subjects \(Art\. 33\(3\)\(a\)\)\n- approximate number of data subjects \(Art\. 33\(3\)\(a\)\)\n- approximate number of records \(Art\. 33\(3\)\(a\)\)\n- likely consequences \(Art\. 33\(3\)\(c\)\)\n- measures taken or proposed, including mitigation \(Art\. 33\(3\)\(d\)\)\n/,
    );
    assert.doesNotMatch(renderAuthorityNotice(noticeFacts()), /in phases/, 'a complete notice announces nothing');
  });

  it('throws for a late notice without reasons', () => {
    assert.throws(() => renderAuthorityNotice(noticeFacts({ late: true })), /reasons for the delay/);
    assert.throws(() => renderAuthorityNotice(noticeFacts({ late: true, delayReasons: ['  '] })), /late/);
  });

  it('includes the reasons in a late notice', () => {
    const text = renderAuthorityNotice(
      noticeFacts({
        late: true,
        draftedAt: '2025-03-05T12:00:00Z',
        delayReasons: ['Forensic scoping of the export took four days.', 'Key staff were unreachable.'],
      }),
    );
    assert.match(text, /Reasons for the delay \(Art\. 33\(1\)\)/);
    assert.match(text, /- Forensic scoping of the export took four days\./);
    assert.match(text, /- Key staff were unreachable\./);
    assert.match(text, /Submitted after the 72-hour deadline: yes/);
  });

  it('gives the same text and hash for the same facts, a different hash for a changed fact', () => {
    const a = renderAuthorityNotice(noticeFacts());
    const b = renderAuthorityNotice(
      noticeFacts({ dataSubjects: { total: 1523, byCountry: { AT: 23, DE: 1100, FR: 400 } } }),
    );
    assert.equal(a, b);
    assert.equal(sha256Hex(a), sha256Hex(b));
    const changed = renderAuthorityNotice(noticeFacts({ incident: { ...incident, estimatedRecords: 1841 } }));
    assert.notEqual(sha256Hex(changed), sha256Hex(a));
    const nextVersion = renderAuthorityNotice(noticeFacts({ version: 2 }));
    assert.notEqual(sha256Hex(nextVersion), sha256Hex(a));
  });

  it('refuses an invalid draft time or version', () => {
    assert.throws(() => renderAuthorityNotice(noticeFacts({ draftedAt: 'yesterday' })), /ISO instant/);
    assert.throws(() => renderAuthorityNotice(noticeFacts({ version: 0 })), /positive integer/);
  });
});
