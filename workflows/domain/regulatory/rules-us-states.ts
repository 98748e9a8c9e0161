/**
 * US state breach-notification laws with fixed deadlines, as one table: who is notified, the
 * threshold, the period and the event it counts from. A state law applies when residents of the
 * state are affected, its defined "personal information" is involved and the data was not secured
 * (encrypted, key not compromised). Risk-of-harm exceptions some states allow are for counsel and
 * not modelled: the clocks are listed.
 */
import type { StartEventName } from './clock.ts';
import type { DataCategory } from './facts.ts';
import type { Period } from './periods.ts';
import { cite, type ClockRule, type Condition, type DueCap } from './rule-types.ts';
import type { TimeZoneId } from './time-zones.ts';

/** One notice a state law requires. */
interface StateNotice {
  recipient: 'individuals' | 'attorney-general';
  /** Who receives it, by name. */
  name: string;
  /** Minimum affected residents of the state. */
  atLeast: number;
  thresholdWords: string;
  start: StartEventName;
  period: Period;
  cap?: DueCap;
  provision: string;
  note?: string;
  inForceFrom?: string;
}

/** One state's law. */
interface StateLaw {
  state: string;
  name: string;
  instrument: string;
  /** Zone of the state's easternmost part: its end of day comes first. */
  timeZone: TimeZoneId;
  /** Data categories within the law's definition of personal information (simplified). */
  personalInformation: readonly DataCategory[];
  notices: readonly StateNotice[];
}

const days = (n: number): Period => ({ kind: 'calendar-days', days: n });

/** The state-law table. */
export const STATE_LAWS: readonly StateLaw[] = [
  {
    state: 'US-CA',
    name: 'California',
    instrument: 'Cal. Civ. Code § 1798.82 (as amended by SB 446, 2025)',
    timeZone: 'America/Los_Angeles',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health', 'biometric', 'genetic'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected California residents',
        atLeast: 1,
        thresholdWords: 'California residents affected',
        start: 'awareness',
        period: days(30),
        provision: '§ 1798.82(a)',
        note: 'Within 30 calendar days of discovery or notification of the breach, save law-enforcement delay or time to determine scope and restore integrity.',
        inForceFrom: '2026-01-01',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General of California (sample notice)',
        atLeast: 501,
        thresholdWords: 'more than 500 California residents notified',
        start: 'individuals-notified',
        period: days(15),
        provision: '§ 1798.82(f)',
        note: 'Within 15 calendar days of notifying the residents; the clock starts when that notice is recorded.',
        inForceFrom: '2026-01-01',
      },
    ],
  },
  {
    state: 'US-CO',
    name: 'Colorado',
    instrument: 'Colo. Rev. Stat. § 6-1-716',
    timeZone: 'America/Denver',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health', 'biometric'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected Colorado residents',
        atLeast: 1,
        thresholdWords: 'Colorado residents affected',
        start: 'breach-determined',
        period: days(30),
        provision: '§ 6-1-716(2)(a)',
        note: 'Not later than 30 days after the determination that a security breach occurred.',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General of Colorado',
        atLeast: 500,
        thresholdWords: '500 or more Colorado residents affected',
        start: 'breach-determined',
        period: days(30),
        provision: '§ 6-1-716(2)(f)',
      },
    ],
  },
  {
    state: 'US-FL',
    name: 'Florida',
    instrument: 'Fla. Stat. § 501.171',
    timeZone: 'America/New_York',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected Florida residents',
        atLeast: 1,
        thresholdWords: 'Florida residents affected',
        start: 'breach-determined',
        period: days(30),
        provision: '§ 501.171(4)(a)',
        note: 'No later than 30 days after the determination of a breach or reason to believe a breach occurred.',
      },
      {
        recipient: 'attorney-general',
        name: 'Florida Department of Legal Affairs',
        atLeast: 500,
        thresholdWords: '500 or more Florida residents affected',
        start: 'breach-determined',
        period: days(30),
        provision: '§ 501.171(3)(a)',
        note: 'Up to 15 additional days for good cause given in writing within the 30 days (§ 501.171(3)(a)); not applied.',
      },
    ],
  },
  {
    state: 'US-NY',
    name: 'New York',
    instrument: 'N.Y. Gen. Bus. Law § 899-aa (as amended 2024)',
    timeZone: 'America/New_York',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health', 'biometric'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected New York residents',
        atLeast: 1,
        thresholdWords: 'New York residents affected',
        start: 'awareness',
        period: days(30),
        provision: '§ 899-aa(2)',
        note: 'Within 30 days after the breach has been discovered; only law-enforcement needs may delay it.',
        inForceFrom: '2024-12-21',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General, Department of State and Division of State Police of New York (and DFS for its covered entities)',
        atLeast: 1,
        thresholdWords: 'any New York resident to be notified',
        start: 'awareness',
        period: { kind: 'open', wording: 'when residents are notified (no fixed period)' },
        provision: '§ 899-aa(8)(a)',
      },
    ],
  },
  {
    state: 'US-TX',
    name: 'Texas',
    instrument: 'Tex. Bus. & Com. Code § 521.053',
    timeZone: 'America/Chicago',
    personalInformation: ['government-id', 'financial-account', 'health'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected Texas residents',
        atLeast: 1,
        thresholdWords: 'Texas residents affected',
        start: 'breach-determined',
        period: days(60),
        provision: '§ 521.053(b)',
        note: 'Not later than the 60th day after the date the person determines that the breach occurred.',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General of Texas (online form)',
        atLeast: 250,
        thresholdWords: '250 or more Texas residents affected',
        start: 'breach-determined',
        period: days(30),
        provision: '§ 521.053(i) (as amended by SB 768, 2023)',
        note: 'As soon as practicable and not later than the 30th day after the determination (60th before 1 September 2023).',
        inForceFrom: '2023-09-01',
      },
    ],
  },
  {
    state: 'US-WA',
    name: 'Washington',
    instrument: 'Rev. Code Wash. § 19.255.010',
    timeZone: 'America/Los_Angeles',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health', 'biometric', 'date-of-birth'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected Washington residents',
        atLeast: 1,
        thresholdWords: 'Washington residents affected',
        start: 'awareness',
        period: days(30),
        provision: '§ 19.255.010 (notice to residents)',
        note: 'No more than 30 calendar days after the breach was discovered.',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General of Washington (online form)',
        atLeast: 501,
        thresholdWords: 'more than 500 Washington residents affected',
        start: 'awareness',
        period: days(30),
        provision: '§ 19.255.010 (notice to the Attorney General)',
      },
    ],
  },
  {
    state: 'US-VT',
    name: 'Vermont',
    instrument: 'Vt. Stat. Ann. tit. 9, § 2435 (Security Breach Notice Act)',
    timeZone: 'America/New_York',
    personalInformation: ['government-id', 'financial-account', 'credentials', 'health', 'biometric', 'genetic'],
    notices: [
      {
        recipient: 'individuals',
        name: 'Affected Vermont residents',
        atLeast: 1,
        thresholdWords: 'Vermont residents affected',
        start: 'awareness',
        period: days(45),
        provision: '§ 2435(b)(1)',
        note: 'Not later than 45 days after discovery or notification.',
      },
      {
        recipient: 'attorney-general',
        name: 'Attorney General of Vermont (or Department of Financial Regulation for its licensees), preliminary notice',
        atLeast: 1,
        thresholdWords: 'Vermont residents affected',
        start: 'awareness',
        period: { kind: 'business-days', days: 14, calendar: 'US-VT' },
        cap: {
          event: 'individuals-notified',
          period: { kind: 'hours', hours: 0 },
          reason: 'or when consumers are notified, whichever is sooner (§ 2435(b)(3))',
        },
        provision: '§ 2435(b)(3)',
        note: 'Within 14 business days of discovery or when notice is given to consumers, whichever is sooner.',
      },
    ],
  },
];

function stateRule(law: StateLaw, notice: StateNotice): ClockRule {
  const when: Condition = {
    kind: 'all',
    of: [
      { kind: 'affected', jurisdiction: law.state, atLeast: notice.atLeast },
      { kind: 'data', anyOf: law.personalInformation },
      { kind: 'data-not-secured' },
      ...(notice.start === 'individuals-notified'
        ? [{ kind: 'event-known', event: 'individuals-notified' } as const]
        : []),
    ],
  };
  const code = law.state.toLowerCase();
  const rule: ClockRule = {
    id: `${code}-${notice.recipient}`,
    clockId: `${code}:${notice.recipient}`,
    regime: 'US-STATE',
    jurisdiction: law.state,
    title:
      notice.recipient === 'individuals'
        ? `Notify affected ${law.name} residents`
        : `Notify the ${law.name} state authority`,
    recipient: { kind: notice.recipient, name: notice.name },
    when,
    trigger: `${notice.thresholdWords}; personal information as defined by ${law.name} law; data not secured`,
    start: notice.start,
    period: notice.period,
    timeZone: law.timeZone,
    source: cite(law.instrument, notice.provision, notice.note),
  };
  if (notice.cap !== undefined) rule.cap = notice.cap;
  if (notice.inForceFrom !== undefined) rule.inForceFrom = notice.inForceFrom;
  return rule;
}

export const US_STATE_RULES: readonly ClockRule[] = STATE_LAWS.flatMap((law) =>
  law.notices.map((notice) => stateRule(law, notice)),
);
