/** The scheduled monitors' activities, merged into createActivities. */
import type { ActivityDeps } from '../deps.ts';
import type { CredentialWarningInput } from '../documents/credential-warning.ts';
import type { WatchedProvider } from '../ports.ts';
import { latestContactSnapshot, syncCustomerContacts } from './contact-snapshot.ts';
import type { SyncContactsInput } from './contact-snapshot.ts';
import {
  checkProviderCredential,
  checkTlsCertificate,
  listWatchTargets,
  openCredentialLockout,
  warnCredentialExpiry,
} from './credential-watch.ts';
import type { CredentialLockoutInput } from './credential-watch.ts';

export type { WatchTargets, ExpiryWarningResult, CredentialLockoutInput } from './credential-watch.ts';
export type { KnownExpiry, MonitorDeps } from './monitor-deps.ts';

export function createMonitorActivities(deps: ActivityDeps) {
  return {
    listWatchTargets: async () => listWatchTargets(deps),
    checkTlsCertificate: (input: { endpoint: string }) => checkTlsCertificate(deps, input),
    checkProviderCredential: (input: { provider: WatchedProvider }) => checkProviderCredential(deps, input),
    warnCredentialExpiry: (input: CredentialWarningInput) => warnCredentialExpiry(deps, input),
    openCredentialLockout: (input: CredentialLockoutInput) => openCredentialLockout(deps, input),
    syncCustomerContacts: (input: SyncContactsInput) => syncCustomerContacts(deps, input),
    latestContactSnapshot: () => latestContactSnapshot(deps),
  };
}
