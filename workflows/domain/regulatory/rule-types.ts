/**
 * The shape of a rule in the regulatory tables: when a duty applies, what starts its clock, how long
 * it runs and where it comes from. Conditions are data too, so the tables can be read (and
 * documented) without running them.
 */
import type { LegalSource, Recipient, RegimeId, StartEventName } from './clock.ts';
import { RULES_CHECKED_ON } from './clock.ts';
import type { DataCategory } from './facts.ts';
import type { Period } from './periods.ts';
import type { TimeZoneId } from './time-zones.ts';

/** Sector flags a condition can test. */
export type SectorTest =
  | { flag: 'hipaa'; equals: 'covered-entity' | 'business-associate' }
  | { flag: 'nis2' }
  | {
      flag:
        | 'doraFinancialEntity'
        | 'glbaFinancialInstitution'
        | 'titleIvInstitution'
        | 'secRegistrant'
        | 'brSmallProcessingAgent';
    };

/** Risk tests counsel can rule out (see `ruledOut` in the facts). */
export type RiskTest =
  'gdprRisk' | 'ukGdprRisk' | 'lgpdRelevantRisk' | 'pipedaRealRiskOfSignificantHarm' | 'sgSignificantHarm';

/** When a rule applies, as data. */
export type Condition =
  /** At least `atLeast` affected people in a jurisdiction (grouped: EU, UK, US; or a single code). */
  | { kind: 'affected'; jurisdiction: string; atLeast: number }
  /** Fewer than `below` affected people in a jurisdiction (used only beside its `atLeast` twin). */
  | { kind: 'affected-below'; jurisdiction: string; below: number }
  | ({ kind: 'sector' } & SectorTest)
  | { kind: 'not-sector'; flag: 'brSmallProcessingAgent' }
  | { kind: 'data'; anyOf: readonly DataCategory[] }
  | { kind: 'data-not-secured' }
  /** The start event has happened (its time is in the facts). */
  | { kind: 'event-known'; event: StartEventName }
  | { kind: 'not-ruled-out'; test: RiskTest }
  | { kind: 'all'; of: readonly Condition[] }
  | { kind: 'any'; of: readonly Condition[] };

/** An outer limit on a due time from another event ("… but no later than 24 hours from awareness"). */
export interface DueCap {
  event: StartEventName;
  period: Period;
  /** The limit no longer applies once the clock's own start event is after it (DORA RTS Art. 5(2)). */
  lapsesWhenStartIsLater?: boolean;
  /** Why the limit exists, reported in the clock's notes when it binds. */
  reason: string;
}

/** One row of the regulatory tables. */
export interface ClockRule {
  /** Unique rule id. */
  id: string;
  /** Clock id; alternative rules for the same duty share it. */
  clockId: string;
  regime: RegimeId;
  jurisdiction: string;
  title: string;
  recipient: Recipient;
  when: Condition;
  /** The threshold in words, for the clock's `trigger`. */
  trigger: string;
  start: StartEventName;
  period: Period;
  /** Zone of the local calendar for day-based periods (business days use their calendar's zone). */
  timeZone: TimeZoneId;
  cap?: DueCap;
  source: LegalSource;
  /** First day (`YYYY-MM-DD`) the provision applies; clocks starting earlier are marked not in force. */
  inForceFrom?: string;
}

/** A legal source checked on {@link RULES_CHECKED_ON}. */
export function cite(instrument: string, provision: string, note?: string): LegalSource {
  return note === undefined
    ? { instrument, provision, checkedOn: RULES_CHECKED_ON }
    : { instrument, provision, checkedOn: RULES_CHECKED_ON, note };
}
