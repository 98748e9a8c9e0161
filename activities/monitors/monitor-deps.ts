/** What the scheduled monitors (credential watch, customer contact snapshot) reach the world through. */
import type {
  ContactSnapshotStore,
  CredentialProbe,
  CustomerCrmPort,
  LockoutOpener,
  TlsProbe,
  WatchedProvider,
} from '../ports.ts';

/** An expiry Herald cannot read from the credential itself, e.g. a connected-app certificate. */
export interface KnownExpiry {
  /** Business-id characters only, e.g. "salesforce-connected-app-cert". */
  credential: string;
  /** ISO instant. */
  expiresAt: string;
}

export interface MonitorDeps {
  /** The adapters that can check their own credentials, by provider. */
  credentials: Partial<Record<WatchedProvider, CredentialProbe>>;
  tls: TlsProbe;
  /** `host:port` of each TLS endpoint whose certificate is watched. */
  tlsEndpoints: string[];
  knownExpiries: KnownExpiry[];
  /** Opens the compliance-lockout procedure when a check fails outright. */
  lockouts: LockoutOpener;
  /** Enterprise customers in the CRM, for the contact snapshot. */
  customers?: CustomerCrmPort;
  contactSnapshots?: ContactSnapshotStore;
}
