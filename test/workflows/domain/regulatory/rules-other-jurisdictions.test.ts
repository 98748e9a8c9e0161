/**
 * Brazil, Singapore, India, Australia and Canada: business days with supplied holidays, "after the
 * day of" counting, commencement dates, and open-ended clocks that must still be listed.
 */
import { describe, it } from 'node:test';
import { checkCase, facts, type ClockCase } from './fixtures.ts';

const ANPD = 'lgpd:anpd';
const TITULARES = 'lgpd:data-subjects';
const PDPC = 'pdpa-sg:s26d:pdpc';

const cases: ClockCase[] = [
  {
    name: 'Res. CD/ANPD 15/2024 Art. 6: 3 business days; awareness Friday 19:00 BRT → end of Wednesday',
    facts: facts({ awareAt: '2026-11-20T22:00:00Z', affected: { BR: 5 } }),
    expect: [
      { id: ANPD, dueAt: '2026-11-26T02:59:59.999Z' },
      { id: TITULARES, dueAt: '2026-11-26T02:59:59.999Z' },
    ],
  },
  {
    name: 'Res. CD/ANPD 15/2024 Art. 6: awareness Friday 23:30 BRT (already Saturday UTC) still counts from Friday',
    facts: facts({ awareAt: '2026-11-21T02:30:00Z', affected: { BR: 5 } }),
    expect: [{ id: ANPD, dueAt: '2026-11-26T02:59:59.999Z' }],
  },
  {
    name: 'Res. CD/ANPD 15/2024 Art. 6: at the year end, supplied holidays (25 December, 1 January) are skipped',
    facts: facts({
      awareAt: '2026-12-23T15:00:00Z',
      affected: { BR: 5 },
      holidays: { BR: ['2026-12-25', '2027-01-01'] },
    }),
    expect: [{ id: ANPD, dueAt: '2026-12-30T02:59:59.999Z' }],
  },
  {
    name: 'Res. CD/ANPD 15/2024 Art. 6: without holiday data only weekends are skipped (earlier, never later)',
    facts: facts({ awareAt: '2026-12-23T15:00:00Z', affected: { BR: 5 } }),
    expect: [{ id: ANPD, dueAt: '2026-12-29T02:59:59.999Z' }],
  },
  {
    name: 'Res. CD/ANPD 2/2022 Art. 14: a small processing agent has 6 business days (same clock id)',
    facts: facts({ awareAt: '2026-11-20T15:00:00Z', affected: { BR: 5 }, sector: { brSmallProcessingAgent: true } }),
    expect: [
      { id: ANPD, dueAt: '2026-12-01T02:59:59.999Z' },
      { id: TITULARES, dueAt: '2026-12-01T02:59:59.999Z' },
    ],
  },
  {
    name: 'Res. CD/ANPD 15/2024 Art. 5: relevant risk ruled out, no LGPD clocks',
    facts: facts({ affected: { BR: 5 }, ruledOut: { lgpdRelevantRisk: true } }),
    expect: [
      { id: ANPD, absent: true },
      { id: TITULARES, absent: true },
    ],
  },
  {
    name: 'Res. CD/ANPD 15/2024 Art. 6: complementary information 20 business days after the communication (mid-flight)',
    facts: facts({ affected: { BR: 5 }, submissions: { anpdCommunicationAt: '2026-11-24T13:00:00Z' } }),
    expect: [{ id: 'lgpd:anpd-complement', dueAt: '2026-12-23T02:59:59.999Z' }],
  },
  {
    name: 'PDPA s. 26C: the assessment clock runs 30 days from awareness; no PDPC clock before the assessment',
    facts: facts({ affected: { SG: 2 } }),
    expect: [
      { id: 'pdpa-sg:s26c:assessment', dueAt: '2026-12-21T15:59:59.999Z' },
      { id: PDPC, absent: true },
    ],
  },
  {
    name: 'PDPA s. 26D(1): assessed notifiable at 23:30 SGT on 31 December → 3 calendar days after that day, 3 January',
    facts: facts({ affected: { SG: 600 }, determinations: { sgNotifiableAt: '2026-12-31T15:30:00Z' } }),
    expect: [{ id: PDPC, dueAt: '2027-01-03T15:59:59.999Z', startName: 'notifiable-assessed' }],
  },
  {
    name: 'PDPA s. 26D(1): assessed at 00:30 SGT on 1 January (still 31 December UTC) → 4 January',
    facts: facts({ affected: { SG: 600 }, determinations: { sgNotifiableAt: '2026-12-31T16:30:00Z' } }),
    expect: [{ id: PDPC, dueAt: '2027-01-04T15:59:59.999Z' }],
  },
  {
    name: 'PDPA s. 26D(2): individuals listed without a due time unless significant harm is ruled out',
    facts: facts({ affected: { SG: 600 }, determinations: { sgNotifiableAt: '2026-12-31T16:30:00Z' } }),
    expect: [{ id: 'pdpa-sg:s26d:individuals', dueAt: null }],
  },
  {
    name: 'PDPA s. 26D(2): significant harm ruled out (notifiable by scale only), no individuals clock',
    facts: facts({
      affected: { SG: 600 },
      determinations: { sgNotifiableAt: '2026-12-31T16:30:00Z' },
      ruledOut: { sgSignificantHarm: true },
    }),
    expect: [
      { id: 'pdpa-sg:s26d:individuals', absent: true },
      { id: PDPC, dueAt: '2027-01-04T15:59:59.999Z' },
    ],
  },
  {
    name: 'CERT-In Directions 2022, Direction (ii): 6 hours from noticing',
    facts: facts({ affected: { IN: 3 } }),
    expect: [{ id: 'cert-in:direction-ii:report', dueAt: '2026-11-21T00:30:00.000Z' }],
  },
  {
    name: 'DPDP Rules 2025 Rule 7(2): before 13 May 2027 (IST) listed but not in force; Board intimation has no due time',
    facts: facts({ awareAt: '2027-05-12T18:00:00Z', affected: { IN: 3 } }),
    expect: [
      { id: 'dpdp:rule7:board-report', dueAt: '2027-05-15T18:00:00.000Z', inForce: false },
      { id: 'dpdp:rule7:board-intimation', dueAt: null, inForce: false },
      { id: 'dpdp:rule7:data-principals', dueAt: null, inForce: false },
    ],
  },
  {
    name: 'DPDP Rules 2025 Rule 7(2)(b): from 13 May 2027 (IST) in force, detailed report within 72 hours',
    facts: facts({ awareAt: '2027-05-13T00:00:00Z', affected: { IN: 3 } }),
    expect: [{ id: 'dpdp:rule7:board-report', dueAt: '2027-05-16T00:00:00.000Z', inForce: true }],
  },
  {
    name: 'Privacy Act 1988 s. 26WH(2): assessment within 30 days, Sydney daylight time',
    facts: facts({ affected: { AU: 10 } }),
    expect: [
      { id: 'ndb:s26wh:assessment', dueAt: '2026-12-21T12:59:59.999Z' },
      { id: 'ndb:s26wk:oaic', absent: true },
    ],
  },
  {
    name: 'Privacy Act 1988 s. 26WK(2), 26WL(3): once an eligible breach is believed, OAIC and individuals as soon as practicable',
    facts: facts({ affected: { AU: 10 }, determinations: { auEligibleAt: '2026-11-25T01:00:00Z' } }),
    expect: [
      { id: 'ndb:s26wk:oaic', dueAt: null, startAt: '2026-11-25T01:00:00.000Z' },
      { id: 'ndb:s26wl:individuals', dueAt: null },
    ],
  },
  {
    name: 'PIPEDA s. 10.1(1)–(3): Commissioner and individuals "as soon as feasible" — listed with no due time',
    facts: facts({ affected: { CA: 4 } }),
    expect: [
      { id: 'pipeda:s10.1:opc', dueAt: null, startName: 'breach-determined', startAt: '2026-11-20T18:30:00.000Z' },
      { id: 'pipeda:s10.1:individuals', dueAt: null },
    ],
  },
  {
    name: 'PIPEDA s. 10.1(1): real risk of significant harm ruled out, no clocks',
    facts: facts({ affected: { CA: 4 }, ruledOut: { pipedaRealRiskOfSignificantHarm: true } }),
    expect: [{ id: 'pipeda:s10.1:opc', absent: true }],
  },
];

describe('Regulatory clocks in Brazil, Singapore, India, Australia and Canada', () => {
  for (const c of cases) it(c.name, () => checkCase(c));
});
