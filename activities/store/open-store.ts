/** Opens Herald's store: a driver, the schema applied, and every port over it. */
import type { AuditLog, DeliveryLedger, DocumentStore, RecipientStore } from '../ports.ts';
import { AnchoredAuditLog } from './anchored-audit-log.ts';
import type { AnchorOptions } from './anchored-audit-log.ts';
import { SqlAuditLog } from './audit-log.ts';
import { SqlAttemptFailureLog } from './attempt-failures.ts';
import { SqlDeliveryLedger } from './delivery-ledger.ts';
import { SqlDeliveryStatus } from './delivery-status.ts';
import type { DeliveryStatus } from './delivery-status.ts';
import { SqlDocumentStore } from './document-store.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { openPostgresDriver } from './postgres-driver.ts';
import type { PostgresDriverOptions } from './postgres-driver.ts';
import { SqlRecipientStore } from './recipient-store.ts';
import { SqlProviderRates } from './provider-rates.ts';
import { SqlTriggerStore } from './trigger-store.ts';
import { SqlTemplateRegistry } from './template-registry.ts';
import { applySchema } from './schema.ts';
import type { SqlDriver } from './sql-driver.ts';

/** Everything the activities persist, over one database. */
export interface HeraldStore {
  driver: SqlDriver;
  ledger: DeliveryLedger;
  /** What the providers' delivery callbacks said about the ledger's sends. */
  deliveryStatus: DeliveryStatus;
  /** Each failed provider attempt per recipient (what the drill report lists). */
  attemptFailures: SqlAttemptFailureLog;
  audit: AuditLog;
  documents: DocumentStore;
  recipients: RecipientStore;
  /** Incident-tool webhooks kept until applied (the HTTP API's). */
  triggers: SqlTriggerStore;
  /** Each provider account's send schedule, shared by every page of every procedure. */
  rates: SqlProviderRates;
  /** Message templates: every version kept, Herald's shipped texts as the first approved ones. */
  templates: SqlTemplateRegistry;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** PostgreSQL server URL (`postgres://…`); when set, `dataDir` is ignored. */
  databaseUrl?: string;
  /** Directory for the embedded database; in memory when absent. */
  dataDir?: string;
  /** Anchor the audit chain's head outside the database (signed, in this directory). */
  anchors?: AnchorOptions;
  /** With `databaseUrl`: the pool's size and deadlines (defaults in {@link PostgresDriverOptions}). */
  postgres?: PostgresDriverOptions;
}

/**
 * Opens the store and applies the schema: on the PostgreSQL server at `databaseUrl` when it is
 * set, otherwise embedded (PGlite) in `dataDir`.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<HeraldStore> {
  const driver = options.databaseUrl
    ? await openPostgresDriver(options.databaseUrl, options.postgres)
    : await openPgliteDriver(options.dataDir);
  return storeOn(driver, options.anchors);
}

/**
 * Applies the schema on `driver` and builds the ports over it. Takes ownership: the driver is
 * closed with the store, or at once if the schema can't be applied.
 */
export async function storeOn(driver: SqlDriver, anchors?: AnchorOptions): Promise<HeraldStore> {
  const chain = new SqlAuditLog(driver);
  const anchored = anchors === undefined ? undefined : new AnchoredAuditLog(chain, anchors);
  try {
    await applySchema(driver);
    // The shipped texts are the first approved versions; a template changed since keeps its history.
    await new SqlTemplateRegistry(driver).seed(new Date().toISOString());
    // The chain so far is covered before anything new is appended.
    await anchored?.anchorHead();
  } catch (error) {
    await driver.close();
    throw error;
  }
  return {
    driver,
    ledger: new SqlDeliveryLedger(driver),
    deliveryStatus: new SqlDeliveryStatus(driver),
    attemptFailures: new SqlAttemptFailureLog(driver),
    audit: anchored ?? chain,
    documents: new SqlDocumentStore(driver),
    recipients: new SqlRecipientStore(driver),
    triggers: new SqlTriggerStore(driver),
    rates: new SqlProviderRates(driver),
    templates: new SqlTemplateRegistry(driver),
    close: () => driver.close(),
  };
}
