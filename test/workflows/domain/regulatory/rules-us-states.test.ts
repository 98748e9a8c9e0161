/**
 * US state breach laws: attorney-general thresholds at their edges, the event each period counts
 * from, state time zones, Vermont business days, and the personal-information and encryption gates.
 */
import { describe, it } from 'node:test';
import { checkCase, facts, type ClockCase } from './fixtures.ts';

const cases: ClockCase[] = [
  {
    name: 'Cal. Civ. Code § 1798.82(a): 30 calendar days from discovery at 23:30 PST on 30 December → end of 29 January (Pacific)',
    facts: facts({ awareAt: '2026-12-31T07:30:00Z', affected: { 'US-CA': 10 } }),
    expect: [{ id: 'us-ca:individuals', dueAt: '2027-01-30T07:59:59.999Z', inForce: true }],
  },
  {
    name: 'Cal. Civ. Code § 1798.82(a) (SB 446): a discovery in 2025 is listed but not in force',
    facts: facts({ awareAt: '2025-12-01T18:00:00Z', affected: { 'US-CA': 10 } }),
    expect: [{ id: 'us-ca:individuals', inForce: false }],
  },
  {
    name: 'Cal. Civ. Code § 1798.82(f): 500 Californians notified, no Attorney General clock',
    facts: facts({
      affected: { 'US-CA': 500 },
      submissions: { individualsNotifiedAt: { 'US-CA': '2026-12-01T17:00:00Z' } },
    }),
    expect: [{ id: 'us-ca:attorney-general', absent: true }],
  },
  {
    name: 'Cal. Civ. Code § 1798.82(f): 501 Californians — the AG clock starts when the residents are notified (mid-flight), 15 days',
    facts: facts({
      affected: { 'US-CA': 501 },
      submissions: { individualsNotifiedAt: { 'US-CA': '2026-12-01T17:00:00Z' } },
    }),
    expect: [
      {
        id: 'us-ca:attorney-general',
        startName: 'individuals-notified',
        startAt: '2026-12-01T17:00:00.000Z',
        dueAt: '2026-12-17T07:59:59.999Z',
      },
    ],
  },
  {
    name: 'Cal. Civ. Code § 1798.82(f): 501 Californians but not yet notified, no AG clock yet',
    facts: facts({ affected: { 'US-CA': 501 } }),
    expect: [{ id: 'us-ca:attorney-general', absent: true }],
  },
  {
    name: 'C.R.S. § 6-1-716(2)(f): 499 Coloradans, no Attorney General clock',
    facts: facts({ affected: { 'US-CO': 499 } }),
    expect: [
      { id: 'us-co:attorney-general', absent: true },
      { id: 'us-co:individuals', dueAt: '2026-12-21T06:59:59.999Z' },
    ],
  },
  {
    name: 'C.R.S. § 6-1-716(2)(a),(f): 500 Coloradans; until the breach is determined the 30 days count from awareness',
    facts: facts({ affected: { 'US-CO': 500 } }),
    expect: [{ id: 'us-co:attorney-general', dueAt: '2026-12-21T06:59:59.999Z', startName: 'breach-determined' }],
  },
  {
    name: 'C.R.S. § 6-1-716(2)(a): the determination that a breach occurred, made later, moves the start',
    facts: facts({ affected: { 'US-CO': 500 }, breachDeterminedAt: '2026-11-27T16:00:00Z' }),
    expect: [
      { id: 'us-co:individuals', startAt: '2026-11-27T16:00:00.000Z', dueAt: '2026-12-28T06:59:59.999Z' },
      { id: 'us-co:attorney-general', dueAt: '2026-12-28T06:59:59.999Z' },
    ],
  },
  {
    name: 'Fla. Stat. § 501.171(3)(a): 499 Floridians, no Department of Legal Affairs clock',
    facts: facts({ affected: { 'US-FL': 499 } }),
    expect: [{ id: 'us-fl:attorney-general', absent: true }],
  },
  {
    name: 'Fla. Stat. § 501.171(3)(a),(4)(a): 500 Floridians, both notices 30 days after determination (Eastern)',
    facts: facts({ affected: { 'US-FL': 500 } }),
    expect: [
      { id: 'us-fl:attorney-general', dueAt: '2026-12-21T04:59:59.999Z' },
      { id: 'us-fl:individuals', dueAt: '2026-12-21T04:59:59.999Z' },
    ],
  },
  {
    name: 'Tex. Bus. & Com. Code § 521.053(i): 249 Texans, no Attorney General clock',
    facts: facts({ affected: { 'US-TX': 249 } }),
    expect: [{ id: 'us-tx:attorney-general', absent: true }],
  },
  {
    name: 'Tex. Bus. & Com. Code § 521.053(b),(i): 250 Texans — AG 30 days, residents 60 days after determination (Central)',
    facts: facts({ affected: { 'US-TX': 250 }, breachDeterminedAt: '2026-11-20T18:30:00Z' }),
    expect: [
      { id: 'us-tx:attorney-general', dueAt: '2026-12-21T05:59:59.999Z', inForce: true },
      { id: 'us-tx:individuals', dueAt: '2027-01-20T05:59:59.999Z' },
    ],
  },
  {
    name: 'RCW 19.255.010: 500 Washingtonians, no Attorney General clock',
    facts: facts({ affected: { 'US-WA': 500 } }),
    expect: [
      { id: 'us-wa:attorney-general', absent: true },
      { id: 'us-wa:individuals', dueAt: '2026-12-21T07:59:59.999Z' },
    ],
  },
  {
    name: 'RCW 19.255.010: 501 Washingtonians, Attorney General within 30 days of discovery',
    facts: facts({ affected: { 'US-WA': 501 } }),
    expect: [{ id: 'us-wa:attorney-general', dueAt: '2026-12-21T07:59:59.999Z' }],
  },
  {
    name: 'N.Y. Gen. Bus. Law § 899-aa(2),(8)(a): residents within 30 days; state agencies listed without a fixed period',
    facts: facts({ affected: { 'US-NY': 20 } }),
    expect: [
      { id: 'us-ny:individuals', dueAt: '2026-12-21T04:59:59.999Z', inForce: true },
      { id: 'us-ny:attorney-general', dueAt: null },
    ],
  },
  {
    name: '9 V.S.A. § 2435(b)(3): preliminary AG notice 14 Vermont business days after a Friday discovery (weekends only)',
    facts: facts({ awareAt: '2026-11-20T15:00:00Z', affected: { 'US-VT': 3 } }),
    expect: [
      { id: 'us-vt:attorney-general', dueAt: '2026-12-11T04:59:59.999Z' },
      { id: 'us-vt:individuals', dueAt: '2027-01-05T04:59:59.999Z' },
    ],
  },
  {
    name: '9 V.S.A. § 2435(b)(3): a supplied Vermont holiday (Thanksgiving) pushes the preliminary notice one business day',
    facts: facts({ awareAt: '2026-11-20T15:00:00Z', affected: { 'US-VT': 3 }, holidays: { 'US-VT': ['2026-11-26'] } }),
    expect: [{ id: 'us-vt:attorney-general', dueAt: '2026-12-12T04:59:59.999Z' }],
  },
  {
    name: '9 V.S.A. § 2435(b)(3): consumers notified first — the preliminary notice is due then ("whichever is sooner")',
    facts: facts({
      awareAt: '2026-11-20T15:00:00Z',
      affected: { 'US-VT': 3 },
      submissions: { individualsNotifiedAt: { 'US-VT': '2026-12-01T15:00:00Z' } },
    }),
    expect: [{ id: 'us-vt:attorney-general', dueAt: '2026-12-01T15:00:00.000Z', note: /whichever is sooner/ }],
  },
  {
    name: 'State laws (personal-information definitions): contact data only triggers no state clock',
    facts: facts({ affected: { 'US-CA': 900, 'US-TX': 900 }, dataCategories: ['contact'] }),
    expect: [
      { id: 'us-ca:individuals', absent: true },
      { id: 'us-tx:attorney-general', absent: true },
    ],
  },
  {
    name: 'State laws (encryption safe harbour): secured data triggers no state clock',
    facts: facts({ affected: { 'US-CA': 900 }, dataSecured: true }),
    expect: [{ id: 'us-ca:individuals', absent: true }],
  },
];

describe('US state regulatory clocks', () => {
  for (const c of cases) it(c.name, () => checkCase(c));
});
