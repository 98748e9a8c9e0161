/**
 * The data-leak procedure's legal clocks, from the regulatory engine: the incident's facts as the
 * engine takes them (awareness, affected people per country from the CRM snapshot, data
 * categories), and the clocks as the status, Temporal UI and the report show them.
 */
import type { DataLeakIncident } from '../domain/incident.ts';
import { EMPTY_PROFILE } from '../domain/organisation-profile.ts';
import { computeRegulatoryClocks, jurisdictionCodeSchema } from '../domain/regulatory/index.ts';
import type { DataCategory } from '../domain/regulatory/index.ts';
import { emptyRecord, recordedFacts } from '../domain/regulatory-record.ts';
import type { LegalClock } from '../domain/status.ts';
import { mergeClocks, scaleClock } from '../procedure/legal-clock-state.ts';
import { toLegalClock } from '../procedure/legal-clocks.ts';
import type { DataLeakState } from './state.ts';

/** Words in an incident's free-text data categories → the engine's categories. */
const CATEGORY_WORDS: [RegExp, DataCategory][] = [
  [/name|e-?mail|phone|address|contact/i, 'contact'],
  [/passport|social security|ssn|national id|tax id|driver/i, 'government-id'],
  [/bank|iban|card|account number|financial/i, 'financial-account'],
  [/password|credential|security answer/i, 'credentials'],
  [/health|medical|insurance|disab/i, 'health'],
  [/biometric|fingerprint/i, 'biometric'],
  [/genetic/i, 'genetic'],
  [/birth/i, 'date-of-birth'],
  [/child|minor/i, 'children'],
];

export function engineCategories(categories: readonly string[]): DataCategory[] {
  const found = new Set<DataCategory>();
  for (const text of categories) {
    const match = CATEGORY_WORDS.find(([words]) => words.test(text));
    found.add(match ? match[1] : 'other');
  }
  return [...found];
}

/** The clocks for the incident with the affected people counted per country (ISO alpha-2). */
export function legalClocksFor(incident: DataLeakIncident, byCountry: Record<string, number>): LegalClock[] {
  const affected = Object.fromEntries(Object.entries(byCountry).filter(([country]) => /^[A-Z]{2}$/.test(country)));
  return computeRegulatoryClocks({
    awareAt: incident.detectedAt,
    affected,
    dataCategories: engineCategories(incident.dataCategories),
  }).map(toLegalClock);
}

/**
 * Procedures that enforce their clocks: the clocks from every fact known — the affected people per
 * country and US state, the organisation's standing facts, operators' determinations and filings —
 * merged into the status (clocks are only ever added). Returns the ids added.
 */
export function refreshLegalClocks(state: DataLeakState): string[] {
  const profile = state.profile ?? EMPTY_PROFILE;
  const affected = Object.fromEntries(
    Object.entries(state.affectedByJurisdiction ?? {}).filter(
      ([code]) => jurisdictionCodeSchema.safeParse(code).success,
    ),
  );
  const computed = computeRegulatoryClocks({
    awareAt: state.incident.detectedAt,
    affected,
    dataCategories: engineCategories(state.incident.dataCategories),
    sector: profile.sector,
    holidays: profile.holidays,
    ...recordedFacts(state.regulatory ?? emptyRecord()),
  })
    .map(toLegalClock)
    .map((clock) => scaleClock(clock, state.timeScale ?? 1));
  return mergeClocks((state.status.legalClocks ??= []), computed);
}
