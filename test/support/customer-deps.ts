/**
 * Customer-contact dependencies for lockout tests: the real SalesforceCrm adapter (jsforce) against
 * a sandbox seeded with enterprise customers, the contact snapshot store on the test's store, and
 * the example vendor-assessment answers.
 */
import type { ActivityDeps } from '../../activities/index.ts';
import { TemporalLockoutOpener } from '../../activities/monitors/lockout-opener.ts';
import { NodeTlsProbe } from '../../activities/monitors/tls-probe.ts';
import type { SalesforceCrmOptions } from '../../activities/providers/salesforce.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openContactSnapshotStore } from '../../activities/store/contact-snapshot-store.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { loadVendorAssessment } from '../../workers/load-directory.ts';
import { sandboxCrm } from './sandbox-crm.ts';

export const EXAMPLE_VENDOR_ASSESSMENT = 'config/vendor-assessment.example.json';

/**
 * Adds the sandbox CRM's customers, the snapshot store and the vendor-assessment answers to `deps`;
 * `crm` configures the adapter (e.g. its time-zone field).
 */
export async function withCustomerContacts(
  sandbox: Sandbox,
  store: HeraldStore,
  crm: SalesforceCrmOptions = {},
): Promise<(deps: ActivityDeps) => ActivityDeps> {
  const customers = sandboxCrm(sandbox, crm);
  const contactSnapshots = await openContactSnapshotStore(store.driver);
  const vendorAssessment = await loadVendorAssessment(EXAMPLE_VENDOR_ASSESSMENT);
  return (deps) => ({
    ...deps,
    vendorAssessment,
    monitors: {
      credentials: {},
      tls: new NodeTlsProbe(),
      tlsEndpoints: [],
      knownExpiries: [],
      lockouts: new TemporalLockoutOpener(),
      customers,
      contactSnapshots,
    },
  });
}
