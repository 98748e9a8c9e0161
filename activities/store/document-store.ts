/** Stored documents in SQL: authority-notice drafts and compliance reports, one row per version. */
import type { DocumentStore, StoredDocument } from '../ports.ts';
import type { SqlDriver } from './sql-driver.ts';
import { toInt, toIso } from './sql-values.ts';

const COLUMNS = 'incident_id, kind, version, sha256, body, created_at';

interface DocumentRow {
  incident_id: string;
  kind: StoredDocument['kind'];
  version: unknown;
  sha256: string;
  body: string;
  created_at: unknown;
}

/**
 * {@link DocumentStore} over {@link SqlDriver}. A version, once stored, never changes: putting it
 * again returns what was stored first, even if the new body differs (a retried activity that
 * re-rendered must carry on with the stored text, not fail forever).
 */
export class SqlDocumentStore implements DocumentStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async put(doc: StoredDocument): Promise<StoredDocument> {
    const [inserted] = await this.#driver.query<DocumentRow>(
      `INSERT INTO documents (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (incident_id, kind, version) DO NOTHING RETURNING ${COLUMNS}`,
      [doc.incidentId, doc.kind, doc.version, doc.sha256, doc.body, doc.createdAt],
    );
    if (inserted !== undefined) return toDocument(inserted);
    const stored = await this.get(doc.incidentId, doc.kind, doc.version);
    if (stored === null) throw new Error('document vanished during put');
    return stored;
  }

  async get(incidentId: string, kind: StoredDocument['kind'], version: number): Promise<StoredDocument | null> {
    const [row] = await this.#driver.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM documents WHERE incident_id = $1 AND kind = $2 AND version = $3`,
      [incidentId, kind, version],
    );
    return row === undefined ? null : toDocument(row);
  }

  async latest(incidentId: string, kind: StoredDocument['kind']): Promise<StoredDocument | null> {
    const [row] = await this.#driver.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM documents WHERE incident_id = $1 AND kind = $2 ORDER BY version DESC LIMIT 1`,
      [incidentId, kind],
    );
    return row === undefined ? null : toDocument(row);
  }

  async listKind(kind: StoredDocument['kind']): Promise<StoredDocument[]> {
    const rows = await this.#driver.query<DocumentRow>(
      `SELECT ${COLUMNS} FROM documents d WHERE kind = $1
         AND version = (SELECT max(version) FROM documents WHERE incident_id = d.incident_id AND kind = $1)
       ORDER BY created_at, incident_id`,
      [kind],
    );
    return rows.map(toDocument);
  }
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    incidentId: row.incident_id,
    kind: row.kind,
    version: toInt(row.version),
    sha256: row.sha256,
    body: row.body,
    createdAt: toIso(row.created_at),
  };
}
