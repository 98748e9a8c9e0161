/**
 * Scope updates mid-flight: recomputing from richer facts adds clocks, and diffClocks tells a
 * workflow exactly what to audit ("clock added", "due time changed").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REGULATORY_RULES,
  computeRegulatoryClocks,
  diffClocks,
  type IncidentFactsInput,
} from '../../../../workflows/domain/regulatory/index.ts';
import { facts, findClock } from './fixtures.ts';

const university: IncidentFactsInput = facts({
  affected: { EU: 1200, UK: 40, 'US-CA': 600, 'US-NY': 20, BR: 5, IN: 3, SG: 2, AU: 10, CA: 4 },
  dataCategories: ['contact', 'government-id', 'health'],
  sector: { titleIvInstitution: true, secRegistrant: true },
});

describe('scope updates', () => {
  it('lists a clock for every jurisdiction of the example incident, open-ended ones included', () => {
    const clocks = computeRegulatoryClocks(university);
    const jurisdictions = new Set(clocks.map((c) => c.jurisdiction));
    for (const j of ['EU', 'UK', 'US', 'US-CA', 'US-NY', 'BR', 'IN', 'SG', 'AU', 'CA']) {
      assert.ok(jurisdictions.has(j), `a clock for ${j}`);
    }
    assert.equal(findClock(clocks, 'pipeda:s10.1:opc')?.dueAt, null);
    assert.equal(findClock(clocks, 'gdpr:art33:supervisory-authority')?.dueAt, '2026-11-23T18:30:00.000Z');
  });

  it('Form 8-K Item 1.05: a materiality determination arriving later adds exactly the filing clock', () => {
    const before = computeRegulatoryClocks(university);
    const after = computeRegulatoryClocks({
      ...university,
      determinations: { secMaterialAt: '2026-11-24T20:00:00Z' },
    });
    const diff = diffClocks(before, after);
    assert.deepEqual(
      diff.added.map((c) => c.id),
      ['sec:8-k-item-1.05:filing'],
    );
    assert.equal(diff.added[0]?.dueAt, '2026-12-01T22:30:00.000Z');
    assert.deepEqual(diff.removed, []);
    assert.deepEqual(diff.changed, []);
  });

  it('a new jurisdiction adds its clocks and keeps every other clock unchanged', () => {
    const before = computeRegulatoryClocks(university);
    const after = computeRegulatoryClocks({ ...university, affected: { ...university.affected, 'US-TX': 300 } });
    const diff = diffClocks(before, after);
    assert.deepEqual(diff.added.map((c) => c.id).sort(), ['us-tx:attorney-general', 'us-tx:individuals']);
    assert.deepEqual(diff.removed, []);
    // Counts summed over all jurisdictions (FSA, Safeguards Rule) change their trigger text only.
    for (const change of diff.changed) assert.deepEqual(change.fields, ['trigger'], change.after.id);
  });

  it('45 CFR 164.408: crossing 500 affected changes the HHS clock (earlier due, other rule), never removes it', () => {
    const phi = (n: number) =>
      computeRegulatoryClocks(
        facts({ affected: { 'US-NY': n }, dataCategories: ['health'], sector: { hipaa: 'covered-entity' } }),
      );
    const diff = diffClocks(phi(499), phi(500));
    assert.deepEqual(diff.added, []);
    assert.deepEqual(diff.removed, []);
    const hhs = diff.changed.find((c) => c.after.id === 'hipaa:164.408:hhs');
    assert.ok(hhs);
    assert.deepEqual(hhs.fields, ['dueAt', 'trigger', 'ruleId']);
    assert.ok((hhs.after.dueAt ?? '') < (hhs.before.dueAt ?? ''));
  });

  it('a clock removed by a ruled-out risk test is reported as removed', () => {
    const before = computeRegulatoryClocks(university);
    const after = computeRegulatoryClocks({ ...university, ruledOut: { gdprRisk: true } });
    assert.deepEqual(
      diffClocks(before, after).removed.map((c) => c.id),
      ['gdpr:art33:supervisory-authority'],
    );
  });

  it('every rule carries a citation checked on 2026-11-22, and rule ids are unique', () => {
    assert.equal(new Set(REGULATORY_RULES.map((r) => r.id)).size, REGULATORY_RULES.length);
    for (const r of REGULATORY_RULES) {
      assert.ok(r.source.instrument.length > 0 && r.source.provision.length > 0, r.id);
      assert.equal(r.source.checkedOn, '2026-11-22', r.id);
    }
  });
});
