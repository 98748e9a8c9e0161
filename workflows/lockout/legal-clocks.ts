/**
 * The lockout's legal clocks from the regulatory engine: GDPR when EU customers' personal-data
 * processing is interrupted (loss of availability is a personal data breach, Art. 4(12)), NIS2
 * when the platform is an essential or important entity and the lockout a significant incident,
 * DORA when a financial entity classified it as major.
 */
import type { LockoutRegulatory, LockoutScope } from '../domain/lockout.ts';
import { computeRegulatoryClocks } from '../domain/regulatory/index.ts';
import type { LegalClock } from '../domain/status.ts';
import type { OrganisationProfile } from '../domain/organisation-profile.ts';
import { recordedFacts } from '../domain/regulatory-record.ts';
import type { RegulatoryRecord } from '../domain/regulatory-record.ts';
import { toLegalClock } from '../procedure/legal-clocks.ts';

/** What procedures that enforce their clocks add: the organisation's profile, operators' record. */
export interface LockoutClockExtras {
  profile?: OrganisationProfile;
  record?: RegulatoryRecord;
}

export function lockoutLegalClocks(
  detectedAt: string,
  scope: LockoutScope,
  regulatory: LockoutRegulatory,
  extras: LockoutClockExtras = {},
): LegalClock[] {
  const profileSector = extras.profile?.sector;
  const recorded = extras.record ? recordedFacts(extras.record) : {};
  return computeRegulatoryClocks({
    awareAt: detectedAt,
    // GDPR has no head-count threshold; the GDPR assessment child counts the people affected.
    affected: {
      ...(scope.euPersonalDataInterrupted ? { EU: 1 } : {}),
      ...(scope.ukPersonalDataInterrupted ? { UK: 1 } : {}),
    },
    // The trigger's facts about this platform win over the organisation's standing profile.
    sector: {
      ...profileSector,
      nis2: regulatory.nis2Entity ?? profileSector?.nis2 ?? null,
      doraFinancialEntity: regulatory.doraFinancialEntity ?? profileSector?.doraFinancialEntity ?? false,
    },
    ...(extras.profile ? { holidays: extras.profile.holidays } : {}),
    ...(recorded.breachDeterminedAt ? { breachDeterminedAt: recorded.breachDeterminedAt } : {}),
    determinations: {
      ...recorded.determinations,
      ...(regulatory.nis2SignificantAt ? { nis2SignificantAt: regulatory.nis2SignificantAt } : {}),
      ...(regulatory.doraMajorAt ? { doraMajorAt: regulatory.doraMajorAt } : {}),
    },
    submissions: {
      ...recorded.submissions,
      ...(regulatory.nis2IncidentNotificationAt
        ? { nis2IncidentNotificationAt: regulatory.nis2IncidentNotificationAt }
        : {}),
      ...(regulatory.doraInitialNotificationAt
        ? { doraInitialNotificationAt: regulatory.doraInitialNotificationAt }
        : {}),
      ...(regulatory.doraIntermediateReportAt ? { doraIntermediateReportAt: regulatory.doraIntermediateReportAt } : {}),
    },
  }).map(toLegalClock);
}

/** A recorded fact the change would alter (facts only grow), or null. */
export function regulatoryConflict(current: LockoutRegulatory, change: LockoutRegulatory): string | null {
  for (const [key, value] of Object.entries(change) as [keyof LockoutRegulatory, unknown][]) {
    const recorded = current[key];
    if (recorded !== undefined && value !== undefined && recorded !== value) {
      return `regulatory.${key} is already recorded as ${String(recorded)}; facts are not changed once recorded`;
    }
  }
  return null;
}
