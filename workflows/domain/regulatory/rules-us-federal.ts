/**
 * US federal rules: the HIPAA Breach Notification Rule, Form 8-K Item 1.05, the FTC Safeguards
 * Rule, and the Federal Student Aid breach report of Title IV institutions. Day periods end at the
 * end of the day in US Eastern time, the earliest end of day of the contiguous states. HIPAA, the
 * Safeguards Rule and FSA count affected people wherever they live (`ANY`); HIPAA media notice counts
 * residents of each state.
 */
import { cite, type ClockRule, type Condition } from './rule-types.ts';

const HIPAA = 'HIPAA Breach Notification Rule, 45 CFR Part 164 Subpart D';
const FORM_8K = 'Form 8-K (17 CFR 249.308)';
const SAFEGUARDS = 'FTC Standards for Safeguarding Customer Information, 16 CFR Part 314 (GLBA)';

/** ISO 3166-2:US codes of the states, DC and the territories. */
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS',
  'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC',
  'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'PR', 'GU', 'VI', 'AS', 'MP',
].map((s) => `US-${s}`); // prettier-ignore

const phiBreach = (role: 'covered-entity' | 'business-associate'): Condition => ({
  kind: 'all',
  of: [
    { kind: 'sector', flag: 'hipaa', equals: role },
    { kind: 'data', anyOf: ['health'] },
    { kind: 'data-not-secured' },
    { kind: 'affected', jurisdiction: 'ANY', atLeast: 1 },
  ],
});

const hipaaMediaRules: ClockRule[] = US_STATE_CODES.map((state) => ({
  id: `hipaa-164.406:${state}`,
  clockId: `hipaa:164.406:media:${state}`,
  regime: 'HIPAA',
  jurisdiction: state,
  title: `Notify prominent media outlets serving ${state}`,
  recipient: { kind: 'media', name: `Prominent media outlets serving ${state}` },
  when: {
    kind: 'all',
    of: [phiBreach('covered-entity'), { kind: 'affected', jurisdiction: state, atLeast: 501 }],
  },
  trigger: `more than 500 residents of ${state} affected by a breach of unsecured PHI`,
  start: 'awareness',
  period: { kind: 'calendar-days', days: 60 },
  timeZone: 'America/New_York',
  source: cite(HIPAA, '§ 164.406(a)–(b)'),
}));

export const US_FEDERAL_RULES: readonly ClockRule[] = [
  {
    id: 'hipaa-164.404',
    clockId: 'hipaa:164.404:individuals',
    regime: 'HIPAA',
    jurisdiction: 'US',
    title: 'Notify affected individuals of the breach of unsecured PHI',
    recipient: { kind: 'individuals', name: 'Affected individuals (first-class mail or agreed e-mail)' },
    when: phiBreach('covered-entity'),
    trigger: 'covered entity; breach of unsecured protected health information',
    start: 'awareness',
    period: { kind: 'calendar-days', days: 60 },
    timeZone: 'America/New_York',
    source: cite(
      HIPAA,
      '§ 164.404(a)(2), (b)',
      'Without unreasonable delay and no later than 60 calendar days after discovery (the first day the breach is known, or would have been known with reasonable diligence).',
    ),
  },
  {
    id: 'hipaa-164.408-b',
    clockId: 'hipaa:164.408:hhs',
    regime: 'HIPAA',
    jurisdiction: 'US',
    title: 'Notify the Secretary of HHS (breach portal)',
    recipient: { kind: 'authority', name: 'HHS Secretary (Office for Civil Rights)' },
    when: { kind: 'all', of: [phiBreach('covered-entity'), { kind: 'affected', jurisdiction: 'ANY', atLeast: 500 }] },
    trigger: '500 or more individuals affected by a breach of unsecured PHI',
    start: 'awareness',
    period: { kind: 'calendar-days', days: 60 },
    timeZone: 'America/New_York',
    source: cite(
      HIPAA,
      '§ 164.408(b)',
      'Contemporaneously with the notice to individuals, hence by the same 60-day limit.',
    ),
  },
  {
    id: 'hipaa-164.408-c',
    clockId: 'hipaa:164.408:hhs',
    regime: 'HIPAA',
    jurisdiction: 'US',
    title: 'Notify the Secretary of HHS (annual log of small breaches)',
    recipient: { kind: 'authority', name: 'HHS Secretary (Office for Civil Rights)' },
    when: {
      kind: 'all',
      of: [phiBreach('covered-entity'), { kind: 'affected-below', jurisdiction: 'ANY', below: 500 }],
    },
    trigger: 'fewer than 500 individuals affected by a breach of unsecured PHI',
    start: 'awareness',
    period: { kind: 'days-after-year-end', days: 60 },
    timeZone: 'America/New_York',
    source: cite(
      HIPAA,
      '§ 164.408(c)',
      'For breaches discovered during the calendar year: 1 March, or 29 February in a leap year.',
    ),
  },
  ...hipaaMediaRules,
  {
    id: 'hipaa-164.410',
    clockId: 'hipaa:164.410:covered-entity',
    regime: 'HIPAA',
    jurisdiction: 'US',
    title: 'Notify the covered entity of the breach (business associate)',
    recipient: { kind: 'business-partner', name: 'Covered entity' },
    when: phiBreach('business-associate'),
    trigger: 'business associate; breach of unsecured protected health information',
    start: 'awareness',
    period: { kind: 'calendar-days', days: 60 },
    timeZone: 'America/New_York',
    source: cite(HIPAA, '§ 164.410(b)'),
  },
  {
    id: 'sec-8k-1.05-determination',
    clockId: 'sec:8-k-item-1.05:materiality-determination',
    regime: 'SEC',
    jurisdiction: 'US',
    title: 'Determine whether the cybersecurity incident is material',
    recipient: { kind: 'internal', name: 'Registrant (disclosure committee)' },
    when: { kind: 'sector', flag: 'secRegistrant' },
    trigger: 'SEC registrant experiencing a cybersecurity incident',
    start: 'awareness',
    period: { kind: 'open', wording: 'without unreasonable delay after discovery' },
    timeZone: 'America/New_York',
    source: cite(FORM_8K, 'Item 1.05, Instruction 1'),
  },
  {
    id: 'sec-8k-1.05',
    clockId: 'sec:8-k-item-1.05:filing',
    regime: 'SEC',
    jurisdiction: 'US',
    title: 'File Form 8-K Item 1.05 (material cybersecurity incident)',
    recipient: { kind: 'public-filing', name: 'SEC (EDGAR)' },
    when: {
      kind: 'all',
      of: [
        { kind: 'sector', flag: 'secRegistrant' },
        { kind: 'event-known', event: 'materiality-determined' },
      ],
    },
    trigger: 'cybersecurity incident determined to be material',
    start: 'materiality-determined',
    period: { kind: 'business-days', days: 4, calendar: 'US', cutoff: '17:30' },
    timeZone: 'America/New_York',
    source: cite(
      FORM_8K,
      'General Instruction B.1; Item 1.05(a); Regulation S-T Rule 13(a)(2) (17 CFR 232.13)',
      'Four business days after the determination; a determination on a weekend or holiday starts the count on the next business day. Filings begun after 17:30 Eastern are filed the next business day. The Attorney General delay of Item 1.05(c) is not modelled.',
    ),
  },
  {
    id: 'glba-314.4-j',
    clockId: 'glba:314.4(j):ftc',
    regime: 'GLBA',
    jurisdiction: 'US',
    title: 'Notify the FTC of the notification event',
    recipient: { kind: 'authority', name: 'Federal Trade Commission (online form)' },
    when: {
      kind: 'all',
      of: [
        {
          kind: 'any',
          of: [
            { kind: 'sector', flag: 'glbaFinancialInstitution' },
            { kind: 'sector', flag: 'titleIvInstitution' },
          ],
        },
        { kind: 'data-not-secured' },
        { kind: 'affected', jurisdiction: 'ANY', atLeast: 500 },
      ],
    },
    trigger: 'unencrypted customer information of 500 or more consumers acquired without authorisation',
    start: 'awareness',
    period: { kind: 'calendar-days', days: 30 },
    timeZone: 'America/New_York',
    inForceFrom: '2024-05-13',
    source: cite(
      SAFEGUARDS,
      '§ 314.4(j)(1); § 314.2(m)',
      'As soon as possible and no later than 30 days after discovery. Title IV institutions are held to the Safeguards Rule by their Program Participation Agreement; the threshold counts consumers wherever they live.',
    ),
  },
  {
    id: 'fsa-breach-report',
    clockId: 'fsa:title-iv:breach-report',
    regime: 'FSA',
    jurisdiction: 'US',
    title: 'Report the breach to Federal Student Aid',
    recipient: { kind: 'authority', name: 'US Department of Education, Federal Student Aid' },
    when: {
      kind: 'all',
      of: [
        { kind: 'sector', flag: 'titleIvInstitution' },
        { kind: 'affected', jurisdiction: 'ANY', atLeast: 1 },
      ],
    },
    trigger: 'Title IV institution with an actual or suspected breach of student data',
    start: 'awareness',
    period: { kind: 'calendar-days', days: 0 },
    timeZone: 'America/New_York',
    source: cite(
      'Student Aid Internet Gateway (SAIG) Enrollment Agreement and Program Participation Agreement; FSA cybersecurity guidance',
      'Breach reporting clause',
      'A contractual duty, not a statute: FSA expects the report on the day a breach is detected or suspected. Not read in the original; followed as reported in secondary sources.',
    ),
  },
];
