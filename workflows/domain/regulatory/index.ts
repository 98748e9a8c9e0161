/**
 * Regulatory clocks: from an incident's facts to the legal notification deadlines it triggers.
 * Pure and deterministic; safe to import from workflow code. See docs/regulatory-clocks.md.
 */
export {
  RECIPIENT_KINDS,
  REGIMES,
  RULES_CHECKED_ON,
  START_EVENTS,
  type LegalSource,
  type Recipient,
  type RecipientKind,
  type RegimeId,
  type RegulatoryClock,
  type StartEvent,
  type StartEventName,
} from './clock.ts';
export { diffClocks, type ClockChange, type ClockDiff, type ComparedField } from './diff.ts';
export { compareClocks, computeRegulatoryClocks } from './engine.ts';
export {
  DATA_CATEGORIES,
  affectedIn,
  jurisdictionCodeSchema,
  incidentFactsSchema,
  parseIncidentFacts,
  type DataCategory,
  type IncidentFacts,
  type IncidentFactsInput,
} from './facts.ts';
export { usFederalHolidays } from './holidays.ts';
export {
  BUSINESS_CALENDARS,
  addBusinessDays,
  type BusinessCalendarId,
  type CalendarUsed,
  type HolidayData,
  type Period,
} from './periods.ts';
export type { ClockRule, Condition } from './rule-types.ts';
export { REGULATORY_RULES } from './rules.ts';
export { TIME_ZONES, type TimeZoneId } from './time-zones.ts';
