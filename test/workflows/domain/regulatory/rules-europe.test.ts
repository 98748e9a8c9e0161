/**
 * GDPR, UK GDPR, NIS2 and DORA clocks, case by case: weekends and year ends, late awareness,
 * thresholds, and start events that arrive mid-flight.
 */
import { describe, it } from 'node:test';
import { checkCase, facts, type ClockCase } from './fixtures.ts';

const GDPR33 = 'gdpr:art33:supervisory-authority';
const GDPR34 = 'gdpr:art34:individuals';
const NIS2_EW = 'nis2:art23:early-warning';
const NIS2_IN = 'nis2:art23:incident-notification';
const NIS2_FR = 'nis2:art23:final-report';
const DORA_I = 'dora:initial-notification';
const DORA_M = 'dora:intermediate-report';
const DORA_F = 'dora:final-report';

const nis2 = { nis2: 'essential' as const };
const dora = { doraFinancialEntity: true };

const cases: ClockCase[] = [
  {
    name: 'GDPR Art. 33(1): 72 hours from awareness on a Friday evening end on Monday evening (hours ignore weekends)',
    facts: facts({ affected: { EU: 1200 } }),
    expect: [{ id: GDPR33, dueAt: '2026-11-23T18:30:00.000Z', startName: 'awareness' }],
  },
  {
    name: 'GDPR Art. 33(1): awareness at 23:30 CET on 31 December runs across the year end, offset normalised to UTC',
    facts: facts({ awareAt: '2026-12-31T23:30:00+01:00', affected: { EU: 3 } }),
    expect: [{ id: GDPR33, startAt: '2026-12-31T22:30:00.000Z', dueAt: '2027-01-03T22:30:00.000Z' }],
  },
  {
    name: 'GDPR Art. 33(1): late awareness — the clock counts from awareness, whenever it is computed',
    facts: facts({ awareAt: '2026-10-01T07:00:00Z', affected: { EU: 1 } }),
    expect: [{ id: GDPR33, dueAt: '2026-10-04T07:00:00.000Z' }],
  },
  {
    name: 'GDPR Art. 33(1): EEA member-state counts (DE, NO) are EU residents',
    facts: facts({ affected: { DE: 2, NO: 1 } }),
    expect: [{ id: GDPR33, dueAt: '2026-11-23T18:30:00.000Z' }],
  },
  {
    name: 'GDPR Art. 33(1): nobody in the EU affected, no authority clock',
    facts: facts({ affected: { EU: 0, 'US-CA': 10 } }),
    expect: [{ id: GDPR33, absent: true }],
  },
  {
    name: 'GDPR Art. 33(1): risk to individuals ruled out by counsel, no authority clock',
    facts: facts({ affected: { EU: 50 }, ruledOut: { gdprRisk: true } }),
    expect: [{ id: GDPR33, absent: true }],
  },
  {
    name: 'GDPR Art. 34(1): no communication clock before high risk is assessed',
    facts: facts({ affected: { EU: 1200 } }),
    expect: [{ id: GDPR34, absent: true }],
  },
  {
    name: 'GDPR Art. 34(1): high risk assessed mid-flight — listed without a due time, starting at the assessment',
    facts: facts({ affected: { EU: 1200 }, determinations: { highRiskAssessedAt: '2026-11-22T09:15:00Z' } }),
    expect: [{ id: GDPR34, dueAt: null, startName: 'high-risk-assessed', startAt: '2026-11-22T09:15:00.000Z' }],
  },
  {
    name: 'UK GDPR Art. 33(1): 72 hours to the ICO; GB counts as UK',
    facts: facts({ affected: { GB: 40 } }),
    expect: [
      { id: 'uk-gdpr:art33:ico', dueAt: '2026-11-23T18:30:00.000Z' },
      { id: GDPR33, absent: true },
    ],
  },
  {
    name: 'UK GDPR Art. 34(1): data subjects, without undue delay after the high-risk assessment',
    facts: facts({ affected: { UK: 40 }, determinations: { highRiskAssessedAt: '2026-11-21T08:00:00Z' } }),
    expect: [{ id: 'uk-gdpr:art34:individuals', dueAt: null, startAt: '2026-11-21T08:00:00.000Z' }],
  },
  {
    name: 'NIS2 Art. 23(4)(a)–(b): early warning 24 h and notification 72 h from awareness of the significant incident (Saturday)',
    facts: facts({
      awareAt: '2026-11-21T10:00:00Z',
      sector: nis2,
      determinations: { nis2SignificantAt: '2026-11-21T22:00:00Z' },
    }),
    expect: [
      { id: NIS2_EW, dueAt: '2026-11-22T22:00:00.000Z', startName: 'significant-incident-aware' },
      { id: NIS2_IN, dueAt: '2026-11-24T22:00:00.000Z' },
      { id: NIS2_FR, absent: true },
    ],
  },
  {
    name: 'NIS2 Art. 23(4)(a): not an essential or important entity, no clocks',
    facts: facts({ determinations: { nis2SignificantAt: '2026-11-21T22:00:00Z' } }),
    expect: [
      { id: NIS2_EW, absent: true },
      { id: NIS2_IN, absent: true },
    ],
  },
  {
    name: 'NIS2 Art. 23(4)(d): final report one month after a notification on 31 January ends on 28 February (Reg. 1182/71 Art. 3(2)(c))',
    facts: facts({
      sector: nis2,
      determinations: { nis2SignificantAt: '2027-01-30T10:00:00Z' },
      submissions: { nis2IncidentNotificationAt: '2027-01-31T10:00:00Z' },
    }),
    expect: [{ id: NIS2_FR, dueAt: '2027-02-28T22:59:59.999Z', startName: 'incident-notification-submitted' }],
  },
  {
    name: 'DORA RTS 2025/301 Art. 5(1)(a): classified 2 h after awareness, initial notification 4 h after classification',
    facts: facts({
      awareAt: '2026-11-20T08:00:00Z',
      sector: dora,
      determinations: { doraMajorAt: '2026-11-20T10:00:00Z' },
    }),
    expect: [{ id: DORA_I, dueAt: '2026-11-20T14:00:00.000Z', startName: 'classified-major' }],
  },
  {
    name: 'DORA RTS 2025/301 Art. 5(1)(a): classified 22 h after awareness, bounded by 24 h from awareness',
    facts: facts({
      awareAt: '2026-11-20T08:00:00Z',
      sector: dora,
      determinations: { doraMajorAt: '2026-11-21T06:00:00Z' },
    }),
    expect: [{ id: DORA_I, dueAt: '2026-11-21T08:00:00.000Z', note: /24 hours from awareness/ }],
  },
  {
    name: 'DORA RTS 2025/301 Art. 5(2): classified 30 h after awareness, 4 h from classification',
    facts: facts({
      awareAt: '2026-11-20T08:00:00Z',
      sector: dora,
      determinations: { doraMajorAt: '2026-11-21T14:00:00Z' },
    }),
    expect: [{ id: DORA_I, dueAt: '2026-11-21T18:00:00.000Z', note: /lapsed/ }],
  },
  {
    name: 'DORA Art. 19(4): no initial-notification clock before classification as major (mid-flight start event)',
    facts: facts({ sector: dora }),
    expect: [
      { id: DORA_I, absent: true },
      { id: DORA_M, absent: true },
    ],
  },
  {
    name: 'DORA RTS 2025/301 Art. 5(1)(b): intermediate report 72 h after the initial notification was submitted, not after its deadline',
    facts: facts({
      awareAt: '2026-11-20T08:00:00Z',
      sector: dora,
      determinations: { doraMajorAt: '2026-11-20T10:00:00Z' },
      submissions: { doraInitialNotificationAt: '2026-11-20T12:30:00Z' },
    }),
    expect: [
      { id: DORA_I, dueAt: '2026-11-20T14:00:00.000Z' },
      { id: DORA_M, dueAt: '2026-11-23T12:30:00.000Z', startName: 'initial-notification-submitted' },
      { id: DORA_F, absent: true },
    ],
  },
  {
    name: 'DORA RTS 2025/301 Art. 5(1)(c): final report one month after the latest intermediate report, 31 March → 30 April (CEST)',
    facts: facts({
      sector: dora,
      determinations: { doraMajorAt: '2027-03-27T10:00:00Z' },
      submissions: {
        doraInitialNotificationAt: '2027-03-27T12:00:00Z',
        doraIntermediateReportAt: '2027-03-31T09:00:00Z',
      },
    }),
    expect: [{ id: DORA_F, dueAt: '2027-04-30T21:59:59.999Z' }],
  },
];

describe('European regulatory clocks', () => {
  for (const c of cases) it(c.name, () => checkCase(c));
});
