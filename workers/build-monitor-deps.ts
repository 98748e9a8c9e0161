/** The scheduled monitors' dependencies from configuration: probes, TLS endpoints, snapshot store. */
import { readFile } from 'node:fs/promises';
import type { MonitorDeps } from '../activities/monitors/index.ts';
import { TemporalLockoutOpener } from '../activities/monitors/lockout-opener.ts';
import { NodeTlsProbe } from '../activities/monitors/tls-probe.ts';
import type { CredentialProbe, CustomerCrmPort } from '../activities/ports.ts';
import { openContactSnapshotStore } from '../activities/store/contact-snapshot-store.ts';
import type { SqlDriver } from '../activities/store/sql-driver.ts';
import type { HeraldConfig } from './config.ts';

/** The adapters the worker already built: each checks its own credentials. */
export interface MonitorAdapters {
  crm: CredentialProbe & CustomerCrmPort;
  email: CredentialProbe;
  sms: CredentialProbe;
}

export async function buildMonitorDeps(
  config: HeraldConfig,
  driver: SqlDriver,
  adapters: MonitorAdapters,
): Promise<MonitorDeps> {
  let ca: string | undefined;
  if (config.HERALD_WATCH_TLS_CA_FILE) {
    try {
      ca = await readFile(config.HERALD_WATCH_TLS_CA_FILE, 'utf8');
    } catch (err) {
      throw new Error(`HERALD_WATCH_TLS_CA_FILE ${config.HERALD_WATCH_TLS_CA_FILE}: ${(err as Error).message}`);
    }
  }
  return {
    credentials: { salesforce: adapters.crm, sendgrid: adapters.email, twilio: adapters.sms },
    tls: new NodeTlsProbe(ca === undefined ? {} : { ca }),
    tlsEndpoints: config.HERALD_WATCH_TLS_ENDPOINTS,
    knownExpiries: config.HERALD_WATCH_KNOWN_EXPIRIES.map((pair) => {
      const at = pair.indexOf('=');
      return { credential: pair.slice(0, at), expiresAt: new Date(pair.slice(at + 1)).toISOString() };
    }),
    lockouts: new TemporalLockoutOpener(),
    customers: adapters.crm,
    contactSnapshots: await openContactSnapshotStore(driver),
  };
}
