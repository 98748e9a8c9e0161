/**
 * What the regulatory clocks are computed from: the facts of an incident as they are known at one
 * moment. Plain JSON, ISO-8601 instants with an offset (as in the data-leak trigger). Facts only
 * grow during an incident (a new jurisdiction, a higher count, a determination made later, a report
 * filed); recomputing the clocks from the richer facts adds clocks and never loses one because of
 * that growth.
 */
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();

/**
 * Kinds of personal data involved. US breach laws and HIPAA turn on these (a state law applies only
 * when its defined "personal information" is involved); most other regimes do not.
 */
export const DATA_CATEGORIES = [
  /** Name, e-mail, postal address, phone number. */
  'contact',
  /** Social Security, driver's licence, passport, tax, military or other government id numbers. */
  'government-id',
  /** Financial account or payment card number (with any code needed to use it). */
  'financial-account',
  /** User name or e-mail with password or security answers. */
  'credentials',
  /** Medical or health-insurance information (protected health information at a HIPAA entity). */
  'health',
  'biometric',
  'genetic',
  'date-of-birth',
  /** Data about children or adolescents. */
  'children',
  'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * Affected people by jurisdiction: `EU` or an EEA member-state code (`DE`, `FR`, …), `UK` (or `GB`),
 * `US` (state unknown) or `US-XX` for a state, and ISO 3166-1 codes elsewhere (`BR`, `IN`, `SG`,
 * `AU`, `CA`). Codes no rule covers are accepted and ignored.
 */
export const jurisdictionCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166-1 alpha-2 code, EU, UK, or US-XX');

export const incidentFactsSchema = z.object({
  /** When the organisation became aware of (discovered) the incident. */
  awareAt: isoInstant,
  /**
   * When the organisation determined that a breach occurred (Colorado, Florida, Texas, PIPEDA count
   * from here). Until it is known the clocks count from awareness, the earliest it can be.
   */
  breachDeterminedAt: isoInstant.optional(),
  /** Affected people by jurisdiction; a count may be an estimate. */
  affected: z.record(jurisdictionCodeSchema, z.number().int().nonnegative()),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).default([]),
  /**
   * The data was encrypted or otherwise unusable and the key was not compromised: HIPAA (secured
   * PHI), the FTC Safeguards Rule and the US state laws then do not apply.
   */
  dataSecured: z.boolean().default(false),
  sector: z
    .object({
      /** HIPAA role for a breach of protected health information. */
      hipaa: z.enum(['covered-entity', 'business-associate']).nullable().default(null),
      /** Financial entity under DORA (Regulation (EU) 2022/2554, Art. 2). */
      doraFinancialEntity: z.boolean().default(false),
      /** NIS2 essential or important entity (Directive (EU) 2022/2555, Art. 3). */
      nis2: z.enum(['essential', 'important']).nullable().default(null),
      /** Financial institution under the FTC Safeguards Rule (16 CFR Part 314). */
      glbaFinancialInstitution: z.boolean().default(false),
      /** Institution participating in Title IV student-aid programmes (bound to the Safeguards Rule). */
      titleIvInstitution: z.boolean().default(false),
      /** SEC registrant filing Form 8-K. */
      secRegistrant: z.boolean().default(false),
      /** Small processing agent under Resolution CD/ANPD No. 2/2022 (doubled LGPD deadlines). */
      brSmallProcessingAgent: z.boolean().default(false),
    })
    .prefault({}),
  /** Determinations that start clocks, each with the time it was made. */
  determinations: z
    .object({
      /** A likely high risk to individuals' rights and freedoms was assessed (GDPR/UK GDPR Art. 34). */
      highRiskAssessedAt: isoInstant.optional(),
      /** The incident was determined material (Form 8-K Item 1.05). */
      secMaterialAt: isoInstant.optional(),
      /** The ICT-related incident was classified as major (DORA Art. 18). */
      doraMajorAt: isoInstant.optional(),
      /** The entity became aware of a significant incident (NIS2 Art. 23(3)). */
      nis2SignificantAt: isoInstant.optional(),
      /** The breach was assessed notifiable (Singapore PDPA s. 26C). */
      sgNotifiableAt: isoInstant.optional(),
      /** Reasonable grounds to believe an eligible data breach occurred (Australia, s. 26WK). */
      auEligibleAt: isoInstant.optional(),
    })
    .prefault({}),
  /**
   * Legal tests counsel has assessed as not met, so the duty they gate does not arise. Until then
   * the clock is listed: GDPR/UK GDPR Art. 33 (risk to individuals), LGPD (relevant risk or damage),
   * PIPEDA (real risk of significant harm), PDPA s. 26D(2) (significant harm to individuals).
   */
  ruledOut: z
    .object({
      gdprRisk: z.boolean().default(false),
      ukGdprRisk: z.boolean().default(false),
      lgpdRelevantRisk: z.boolean().default(false),
      pipedaRealRiskOfSignificantHarm: z.boolean().default(false),
      sgSignificantHarm: z.boolean().default(false),
    })
    .prefault({}),
  /** Reports already made whose submission starts a later clock. */
  submissions: z
    .object({
      doraInitialNotificationAt: isoInstant.optional(),
      /** The latest (updated) intermediate report. */
      doraIntermediateReportAt: isoInstant.optional(),
      nis2IncidentNotificationAt: isoInstant.optional(),
      anpdCommunicationAt: isoInstant.optional(),
      /** When affected residents of a jurisdiction were notified (California, Vermont). */
      individualsNotifiedAt: z.record(jurisdictionCodeSchema, isoInstant).default({}),
    })
    .prefault({}),
  /**
   * Public holidays by business-day calendar (`US` federal closures beyond the computed federal
   * holidays, `BR`, `US-VT`): `YYYY-MM-DD` local dates.
   */
  holidays: z.record(z.string(), z.array(localDate)).default({}),
});

/** Incident facts as a caller writes them (defaults may be omitted). */
export type IncidentFactsInput = z.input<typeof incidentFactsSchema>;
/** Incident facts with defaults filled in. */
export type IncidentFacts = z.output<typeof incidentFactsSchema>;

/** Validates incident facts; throws a ZodError naming the bad field. */
export function parseIncidentFacts(input: unknown): IncidentFacts {
  return incidentFactsSchema.parse(input);
}

/** EU member states and the EEA EFTA states, whose residents count as `EU`. */
export const EEA_CODES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT',
  'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
] as const; // prettier-ignore

/**
 * Affected people in a jurisdiction as the rules see it: `EU` sums `EU` and EEA member states, `UK`
 * sums `UK` and `GB`, `US` sums `US` and every `US-XX`, `ANY` sums everything; any other code is its
 * own count.
 */
export function affectedIn(facts: Pick<IncidentFacts, 'affected'>, jurisdiction: string): number {
  const entries = Object.entries(facts.affected);
  const sum = (match: (code: string) => boolean) =>
    entries.reduce((total, [code, n]) => (match(code) ? total + n : total), 0);
  switch (jurisdiction) {
    case 'EU':
      return sum((c) => c === 'EU' || (EEA_CODES as readonly string[]).includes(c));
    case 'UK':
      return sum((c) => c === 'UK' || c === 'GB');
    case 'US':
      return sum((c) => c === 'US' || c.startsWith('US-'));
    case 'ANY':
      return sum(() => true);
    default:
      return facts.affected[jurisdiction] ?? 0;
  }
}
