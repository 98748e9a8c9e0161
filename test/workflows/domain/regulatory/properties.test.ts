/**
 * Properties of the engine over generated incident facts: a due time is never before its start
 * event; adding a jurisdiction or raising counts never removes a clock; results are plain JSON,
 * sorted, with unique ids, and the same facts always give the same clocks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DATA_CATEGORIES,
  computeRegulatoryClocks,
  diffClocks,
  type IncidentFactsInput,
} from '../../../../workflows/domain/regulatory/index.ts';

const JURISDICTIONS = [
  'EU', 'DE', 'FR', 'UK', 'GB', 'US', 'US-CA', 'US-CO', 'US-FL', 'US-NY', 'US-TX', 'US-WA', 'US-VT', 'US-OH',
  'BR', 'IN', 'SG', 'AU', 'CA', 'JP',
]; // prettier-ignore

const HOUR = 3_600_000;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2034, 11, 31);

const iso = (ms: number) => new Date(ms).toISOString();
/** An optional instant from a few hours before to 90 days after awareness. */
const laterThan = (awareMs: number) =>
  fc.option(
    fc.integer({ min: -6 * HOUR, max: 90 * 24 * HOUR }).map((d) => iso(awareMs + d)),
    { nil: undefined },
  );

const countArb = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.integer({ min: 245, max: 255 }),
  fc.integer({ min: 495, max: 505 }),
  fc.integer({ min: 0, max: 5000 }),
);

const factsArb: fc.Arbitrary<IncidentFactsInput> = fc
  .integer({ min: FROM, max: TO })
  .chain((awareMs) =>
    fc.record({
      awareAt: fc.constant(iso(awareMs)),
      breachDeterminedAt: laterThan(awareMs),
      affected: fc.dictionary(fc.constantFrom(...JURISDICTIONS), countArb, { maxKeys: 8 }),
      dataCategories: fc.subarray([...DATA_CATEGORIES]),
      dataSecured: fc.boolean(),
      sector: fc.record({
        hipaa: fc.constantFrom(null, 'covered-entity' as const, 'business-associate' as const),
        doraFinancialEntity: fc.boolean(),
        nis2: fc.constantFrom(null, 'essential' as const, 'important' as const),
        glbaFinancialInstitution: fc.boolean(),
        titleIvInstitution: fc.boolean(),
        secRegistrant: fc.boolean(),
        brSmallProcessingAgent: fc.boolean(),
      }),
      determinations: fc.record({
        highRiskAssessedAt: laterThan(awareMs),
        secMaterialAt: laterThan(awareMs),
        doraMajorAt: laterThan(awareMs),
        nis2SignificantAt: laterThan(awareMs),
        sgNotifiableAt: laterThan(awareMs),
        auEligibleAt: laterThan(awareMs),
      }),
      ruledOut: fc.record({
        gdprRisk: fc.boolean(),
        ukGdprRisk: fc.boolean(),
        lgpdRelevantRisk: fc.boolean(),
        pipedaRealRiskOfSignificantHarm: fc.boolean(),
        sgSignificantHarm: fc.boolean(),
      }),
      submissions: fc.record({
        doraInitialNotificationAt: laterThan(awareMs),
        doraIntermediateReportAt: laterThan(awareMs),
        nis2IncidentNotificationAt: laterThan(awareMs),
        anpdCommunicationAt: laterThan(awareMs),
        individualsNotifiedAt: fc.dictionary(
          fc.constantFrom('US-CA', 'US-VT'),
          fc.integer({ min: 0, max: 60 * 24 * HOUR }).map((d) => iso(awareMs + d)),
        ),
      }),
      holidays: fc.record({
        US: fc.array(fc.integer({ min: 0, max: 120 }).map((d) => iso(awareMs + d * 24 * HOUR).slice(0, 10))),
        BR: fc.array(fc.integer({ min: 0, max: 60 }).map((d) => iso(awareMs + d * 24 * HOUR).slice(0, 10))),
      }),
    }),
  )
  .map((f) => JSON.parse(JSON.stringify(f)) as IncidentFactsInput); // drop undefined fields, as JSON would

const ids = (f: IncidentFactsInput) => computeRegulatoryClocks(f).map((c) => c.id);

describe('regulatory clock properties', () => {
  it('a due time is never before its start event', () => {
    fc.assert(
      fc.property(factsArb, (f) =>
        computeRegulatoryClocks(f).every((c) => c.dueAt === null || Date.parse(c.dueAt) >= Date.parse(c.startEvent.at)),
      ),
      { numRuns: 500 },
    );
  });

  it('adding a jurisdiction never removes a clock', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...JURISDICTIONS), fc.integer({ min: 1, max: 5000 }), (f, code, n) => {
        fc.pre(!(code in f.affected));
        const more = { ...f, affected: { ...f.affected, [code]: n } };
        const after = new Set(ids(more));
        return ids(f).every((id) => after.has(id));
      }),
      { numRuns: 500 },
    );
  });

  it('increasing counts never removes a clock', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 20, maxLength: 20 }),
        (f, deltas) => {
          const raised = Object.fromEntries(
            Object.entries(f.affected).map(([code, n], i) => [code, n + (deltas[i] ?? 0)]),
          );
          const after = new Set(ids({ ...f, affected: raised }));
          return (
            diffClocks(computeRegulatoryClocks(f), computeRegulatoryClocks({ ...f, affected: raised })).removed
              .length === 0 && ids(f).every((id) => after.has(id))
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a start event arriving later never removes a clock', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 30 * 24 * HOUR }), (f, d) => {
        const at = iso(Date.parse(f.awareAt) + d);
        const later = { ...f, determinations: { secMaterialAt: at, doraMajorAt: at, ...f.determinations } };
        return diffClocks(computeRegulatoryClocks(f), computeRegulatoryClocks(later)).removed.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic, sorted by due time, with unique ids and plain-JSON clocks', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const a = computeRegulatoryClocks(f);
        assert.deepEqual(computeRegulatoryClocks(structuredClone(f)), a);
        assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
        assert.equal(new Set(a.map((c) => c.id)).size, a.length);
        const dues = a.map((c) => c.dueAt);
        const firstOpen = dues.indexOf(null);
        const fixed = firstOpen === -1 ? dues : dues.slice(0, firstOpen);
        assert.ok(firstOpen === -1 || dues.slice(firstOpen).every((d) => d === null), 'open clocks last');
        assert.deepEqual([...fixed].sort(), fixed, 'fixed clocks by due time');
        for (const c of a) assert.equal(c.source.checkedOn, '2026-11-22');
      }),
      { numRuns: 300 },
    );
  });
});
