/**
 * The organisation's standing regulatory facts (issue 19): which sector regimes it falls under,
 * whether it processes UK residents' data, its own public holidays beyond the computed ones. Read
 * by the worker from a validated file (HERALD_ORGANISATION_PROFILE_FILE) and fetched by each
 * procedure through an activity, so every clock counts from the same facts. Plain JSON.
 */
import { z } from 'zod';
import { incidentFactsSchema } from './regulatory/facts.ts';

export const organisationProfileSchema = z
  .object({
    /** As the notices name the controller. */
    name: z.string().min(1).max(200).optional(),
    /** Title IV, HIPAA role, NIS2 class, DORA, GLBA, SEC registrant, small processing agent. */
    sector: incidentFactsSchema.shape.sector,
    /** Holidays per business-day calendar the computed ones miss (`BR`, `US-VT`…): YYYY-MM-DD. */
    holidays: incidentFactsSchema.shape.holidays,
  })
  .strict();

export type OrganisationProfileInput = z.input<typeof organisationProfileSchema>;
export type OrganisationProfile = z.output<typeof organisationProfileSchema>;

/** No file: no sector regime applies; only the clocks the affected people's jurisdictions start. */
export const EMPTY_PROFILE: OrganisationProfile = organisationProfileSchema.parse({});

/** One line per standing fact, for `herald config` and the reports. */
export function profileLines(profile: OrganisationProfile): string[] {
  const s = profile.sector;
  const flags = [
    s.titleIvInstitution && 'Title IV institution (FTC Safeguards Rule, FSA)',
    s.hipaa && `HIPAA ${s.hipaa}`,
    s.nis2 && `NIS2 ${s.nis2} entity`,
    s.doraFinancialEntity && 'DORA financial entity',
    s.glbaFinancialInstitution && 'GLBA financial institution',
    s.secRegistrant && 'SEC registrant',
    s.brSmallProcessingAgent && 'small processing agent (LGPD)',
  ].filter((x): x is string => typeof x === 'string');
  const holidays = Object.entries(profile.holidays).map(([cal, days]) => `${cal}: ${days.length} extra holidays`);
  return [
    `Organisation: ${profile.name ?? '(unnamed)'}`,
    `Sector regimes: ${flags.join('; ') || 'none'}`,
    ...(holidays.length > 0 ? [`Holidays: ${holidays.join('; ')}`] : []),
  ];
}
