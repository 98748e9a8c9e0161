/** Reads and validates the worker's JSON files; a bad file stops the worker with the variable and field named. */
import { directorySchema } from '../activities/directory.ts';
import type { Directory } from '../activities/directory.ts';
import { vendorAssessmentSchema } from '../activities/documents/vendor-assessment.ts';
import type { VendorAssessment } from '../activities/documents/vendor-assessment.ts';
import { loadJsonFile } from './load-json-file.ts';
import { organisationProfileSchema } from '../workflows/domain/organisation-profile.ts';
import type { OrganisationProfile } from '../workflows/domain/organisation-profile.ts';

export function loadDirectory(path: string): Promise<Directory> {
  return loadJsonFile('HERALD_DIRECTORY_FILE', path, directorySchema);
}

export function loadOrganisationProfile(path: string): Promise<OrganisationProfile> {
  return loadJsonFile('HERALD_ORGANISATION_PROFILE_FILE', path, organisationProfileSchema);
}

export function loadVendorAssessment(path: string): Promise<VendorAssessment> {
  return loadJsonFile('HERALD_VENDOR_ASSESSMENT_FILE', path, vendorAssessmentSchema);
}
