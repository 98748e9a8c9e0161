/** Opens Herald's store: a driver, the schema applied, and every port over it. */
import type { AuditLog, DeliveryLedger, DocumentStore, RecipientStore } from '../ports.ts';
import { SqlAuditLog } from './audit-log.ts';
import { SqlDeliveryLedger } from './delivery-ledger.ts';
import { SqlDocumentStore } from './document-store.ts';
import { openPgliteDriver } from './pglite-driver.ts';
import { SqlRecipientStore } from './recipient-store.ts';
import { applySchema } from './schema.ts';
import type { SqlDriver } from './sql-driver.ts';

/** Everything the activities persist, over one database. */
export interface HeraldStore {
  driver: SqlDriver;
  ledger: DeliveryLedger;
  audit: AuditLog;
  documents: DocumentStore;
  recipients: RecipientStore;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** Directory for the embedded database; in memory when absent. */
  dataDir?: string;
}

/** Opens the embedded (PGlite) store and applies the schema. */
export async function openStore(options: OpenStoreOptions = {}): Promise<HeraldStore> {
  return storeOn(await openPgliteDriver(options.dataDir));
}

/**
 * Applies the schema on `driver` and builds the ports over it. Takes ownership: the driver is
 * closed with the store, or at once if the schema can't be applied.
 */
export async function storeOn(driver: SqlDriver): Promise<HeraldStore> {
  try {
    await applySchema(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return {
    driver,
    ledger: new SqlDeliveryLedger(driver),
    audit: new SqlAuditLog(driver),
    documents: new SqlDocumentStore(driver),
    recipients: new SqlRecipientStore(driver),
    close: () => driver.close(),
  };
}
