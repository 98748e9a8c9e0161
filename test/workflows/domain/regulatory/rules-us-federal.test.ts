/**
 * HIPAA, Form 8-K Item 1.05, FTC Safeguards Rule and FSA clocks: the 500 thresholds, Eastern-time
 * day ends, year ends, US federal holidays and materiality determined mid-flight.
 */
import { describe, it } from 'node:test';
import { checkCase, facts, type ClockCase } from './fixtures.ts';

const IND = 'hipaa:164.404:individuals';
const HHS = 'hipaa:164.408:hhs';
const MEDIA_CA = 'hipaa:164.406:media:US-CA';
const SEC = 'sec:8-k-item-1.05:filing';
const SEC_DET = 'sec:8-k-item-1.05:materiality-determination';
const FTC = 'glba:314.4(j):ftc';
const FSA = 'fsa:title-iv:breach-report';

const phi = (affected: Record<string, number>, over: Partial<Parameters<typeof facts>[0]> = {}) =>
  facts({ affected, dataCategories: ['health'], sector: { hipaa: 'covered-entity' }, ...over });
const sec = (secMaterialAt: string | undefined, holidays: Record<string, string[]> = {}) =>
  facts({
    sector: { secRegistrant: true },
    determinations: secMaterialAt === undefined ? {} : { secMaterialAt },
    holidays,
  });

const cases: ClockCase[] = [
  {
    name: '45 CFR 164.404(b): individuals within 60 calendar days; discovered 31 December → end of 1 March (Eastern)',
    facts: phi({ 'US-NY': 20 }, { awareAt: '2026-12-31T15:00:00Z' }),
    expect: [{ id: IND, dueAt: '2027-03-02T04:59:59.999Z' }],
  },
  {
    name: '45 CFR 164.408(b): 500 affected, HHS contemporaneously with individuals (60 days)',
    facts: phi({ 'US-CA': 300, 'US-NY': 200 }),
    expect: [
      { id: HHS, dueAt: '2027-01-20T04:59:59.999Z' },
      { id: IND, dueAt: '2027-01-20T04:59:59.999Z' },
    ],
  },
  {
    name: '45 CFR 164.408(c): 499 affected, HHS within 60 days after the year end — 29 February in a leap year',
    facts: phi({ 'US-CA': 499 }, { awareAt: '2027-06-10T14:00:00Z' }),
    expect: [{ id: HHS, dueAt: '2028-03-01T04:59:59.999Z' }],
  },
  {
    name: '45 CFR 164.408(c): discovered 22:00 Eastern on 31 December (already 1 January UTC) counts in that calendar year',
    facts: phi({ 'US-NY': 10 }, { awareAt: '2027-01-01T03:00:00Z' }),
    expect: [{ id: HHS, dueAt: '2027-03-02T04:59:59.999Z' }],
  },
  {
    name: '45 CFR 164.406(a): 500 residents of California, no media notice',
    facts: phi({ 'US-CA': 500 }),
    expect: [{ id: MEDIA_CA, absent: true }],
  },
  {
    name: '45 CFR 164.406(a): 501 residents of California, media notice within 60 days',
    facts: phi({ 'US-CA': 501 }),
    expect: [
      { id: MEDIA_CA, dueAt: '2027-01-20T04:59:59.999Z' },
      { id: 'hipaa:164.406:media:US-NY', absent: true },
    ],
  },
  {
    name: '45 CFR 164.402 (unsecured PHI): data secured, or no health data, no HIPAA clocks',
    facts: phi({ 'US-CA': 900 }, { dataSecured: true }),
    expect: [
      { id: IND, absent: true },
      { id: HHS, absent: true },
    ],
  },
  {
    name: '45 CFR 164.404: not health information, no HIPAA clocks',
    facts: phi({ 'US-CA': 900 }, { dataCategories: ['contact'] }),
    expect: [{ id: IND, absent: true }],
  },
  {
    name: '45 CFR 164.410(b): a business associate notifies the covered entity within 60 days',
    facts: phi({ 'US-TX': 10 }, { sector: { hipaa: 'business-associate' } }),
    expect: [
      { id: 'hipaa:164.410:covered-entity', dueAt: '2027-01-20T04:59:59.999Z' },
      { id: IND, absent: true },
    ],
  },
  {
    name: 'Form 8-K Item 1.05, Instruction 1: materiality determination listed (without unreasonable delay); no filing clock yet',
    facts: sec(undefined),
    expect: [
      { id: SEC_DET, dueAt: null, startName: 'awareness' },
      { id: SEC, absent: true },
    ],
  },
  {
    name: 'Form 8-K General Instruction B.1: determined Friday 18:00 ET → Thursday 17:30 ET',
    facts: sec('2026-11-13T23:00:00Z'),
    expect: [{ id: SEC, dueAt: '2026-11-19T22:30:00.000Z', startName: 'materiality-determined' }],
  },
  {
    name: 'Form 8-K General Instruction B.1: determined on a Saturday, the period begins Monday → Thursday',
    facts: sec('2026-11-14T15:00:00Z'),
    expect: [{ id: SEC, dueAt: '2026-11-19T22:30:00.000Z' }],
  },
  {
    name: 'Form 8-K Item 1.05: Thanksgiving (5 U.S.C. 6103) is skipped — Wednesday → next Wednesday',
    facts: sec('2026-11-25T15:00:00Z'),
    expect: [{ id: SEC, dueAt: '2026-12-02T22:30:00.000Z' }],
  },
  {
    name: 'Form 8-K Item 1.05: New Year 2028 falls on Saturday, observed Friday 31 December 2027 — Tuesday → Tuesday 4 January',
    facts: sec('2027-12-28T16:00:00Z'),
    expect: [{ id: SEC, dueAt: '2028-01-04T22:30:00.000Z' }],
  },
  {
    name: 'Form 8-K Item 1.05: a supplied federal closure (24 December) is skipped too',
    facts: sec('2026-12-21T16:00:00Z', { US: ['2026-12-24'] }),
    expect: [{ id: SEC, dueAt: '2026-12-29T22:30:00.000Z' }],
  },
  {
    name: 'Form 8-K Item 1.05: without the supplied closure the same determination is due Monday 28 December',
    facts: sec('2026-12-21T16:00:00Z'),
    expect: [{ id: SEC, dueAt: '2026-12-28T22:30:00.000Z' }],
  },
  {
    name: 'Form 8-K Item 1.05 / Reg. S-T Rule 13(a)(2): the 17:30 cut-off is Eastern daylight time in summer',
    facts: sec('2026-07-06T14:00:00Z'),
    expect: [{ id: SEC, dueAt: '2026-07-10T21:30:00.000Z' }],
  },
  {
    name: '16 CFR 314.4(j)(1): 499 consumers, no FTC notice',
    facts: facts({ affected: { 'US-CA': 499 }, sector: { glbaFinancialInstitution: true } }),
    expect: [{ id: FTC, absent: true }],
  },
  {
    name: '16 CFR 314.4(j)(1): 500 consumers, FTC within 30 days after discovery',
    facts: facts({ affected: { 'US-CA': 499, EU: 1 }, sector: { glbaFinancialInstitution: true } }),
    expect: [{ id: FTC, dueAt: '2026-12-21T04:59:59.999Z', inForce: true }],
  },
  {
    name: '16 CFR 314.4(j)(1): a discovery before 13 May 2024 is listed but not in force',
    facts: facts({
      awareAt: '2024-05-01T12:00:00Z',
      affected: { US: 800 },
      sector: { glbaFinancialInstitution: true },
    }),
    expect: [{ id: FTC, inForce: false }],
  },
  {
    name: '16 CFR 314.2(m): encrypted data with the key safe is no notification event',
    facts: facts({ affected: { US: 800 }, dataSecured: true, sector: { glbaFinancialInstitution: true } }),
    expect: [{ id: FTC, absent: true }],
  },
  {
    name: 'FSA (SAIG Agreement): a Title IV institution reports the same day, Eastern — 23:30 ET counts as that day',
    facts: facts({ awareAt: '2026-11-21T04:30:00Z', affected: { 'US-NY': 20 }, sector: { titleIvInstitution: true } }),
    expect: [
      { id: FSA, dueAt: '2026-11-21T04:59:59.999Z' },
      { id: FTC, absent: true },
    ],
  },
  {
    name: '16 CFR 314.4(j) via the Program Participation Agreement: a Title IV institution with 500 students affected notifies the FTC',
    facts: facts({ affected: { 'US-NY': 500 }, sector: { titleIvInstitution: true } }),
    expect: [{ id: FTC, dueAt: '2026-12-21T04:59:59.999Z' }],
  },
];

describe('US federal regulatory clocks', () => {
  for (const c of cases) it(c.name, () => checkCase(c));
});
