/**
 * Last-known-good snapshots of enterprise customer contacts in SQL (PostgreSQL dialect, PGlite and
 * PostgreSQL alike). A snapshot is written while the CRM is read and counts only once completed:
 * a read that fails half-way never replaces the last good snapshot. Completing one drops all but
 * the newest {@link KEEP_COMPLETE} complete snapshots and every older unfinished one.
 */
import type {
  ContactSnapshotFilter,
  ContactSnapshotStore,
  ContactSnapshotSummary,
  SnapshotContact,
  SnapshotRole,
} from '../ports.ts';
import { insertNewRows } from './insert-new-rows.ts';
import type { SqlDriver } from './sql-driver.ts';
import { toInt, toIso } from './sql-values.ts';

/** Complete snapshots kept: the newest and the one before it. */
export const KEEP_COMPLETE = 2;

/** Advisory lock key for this DDL ("HERC"), so workers opening one PostgreSQL at once don't race. */
const DDL_LOCK_KEY = 0x4845_5243;

/** The snapshot tables; every statement is idempotent. */
export const CONTACT_SNAPSHOT_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS contact_snapshots (
     snapshot_id text PRIMARY KEY,
     started_at timestamptz NOT NULL,
     taken_at timestamptz,
     accounts integer,
     contacts integer
   )`,
  `CREATE TABLE IF NOT EXISTS contact_snapshot_rows (
     snapshot_id text NOT NULL REFERENCES contact_snapshots (snapshot_id) ON DELETE CASCADE,
     contact_id text NOT NULL,
     account_id text NOT NULL,
     account_name text NOT NULL,
     account_at_risk boolean NOT NULL,
     role text NOT NULL,
     name text NOT NULL,
     title text,
     email text,
     phone text,
     PRIMARY KEY (snapshot_id, contact_id)
   )`,
  `CREATE INDEX IF NOT EXISTS contact_snapshots_taken ON contact_snapshots (taken_at DESC) WHERE taken_at IS NOT NULL`,
  // Each contact's language, stated zone and place (added after the first release: a table an
  // older Herald created gains them, its rows read as English in the organisation's zone).
  ...['locale', 'time_zone', 'country', 'state'].map(
    (column) => `ALTER TABLE contact_snapshot_rows ADD COLUMN IF NOT EXISTS ${column} text`,
  ),
];

/** Creates the snapshot tables if missing (inside a transaction, under an advisory lock). */
export async function applyContactSnapshotSchema(driver: SqlDriver): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK_KEY]);
    for (const statement of CONTACT_SNAPSHOT_STATEMENTS) await tx.query(statement);
  });
}

/** Applies the tables and returns the store over `driver` (which stays owned by the caller). */
export async function openContactSnapshotStore(driver: SqlDriver): Promise<SqlContactSnapshotStore> {
  await applyContactSnapshotSchema(driver);
  return new SqlContactSnapshotStore(driver);
}

const COLUMNS = [
  'snapshot_id',
  'contact_id',
  'account_id',
  'account_name',
  'account_at_risk',
  'role',
  'name',
  'title',
  'email',
  'phone',
  'locale',
  'time_zone',
  'country',
  'state',
];

interface SnapshotRow {
  snapshot_id: string;
  started_at: unknown;
  taken_at: unknown;
  accounts: unknown;
  contacts: unknown;
}

interface ContactRow {
  contact_id: string;
  account_id: string;
  account_name: string;
  account_at_risk: boolean;
  role: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  time_zone: string | null;
  country: string | null;
  state: string | null;
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export class SqlContactSnapshotStore implements ContactSnapshotStore {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async begin(snapshotId: string, startedAt: string): Promise<void> {
    await this.#driver.query(
      `INSERT INTO contact_snapshots (snapshot_id, started_at) VALUES ($1, $2) ON CONFLICT (snapshot_id) DO NOTHING`,
      [snapshotId, startedAt],
    );
  }

  async add(snapshotId: string, contacts: SnapshotContact[]): Promise<number> {
    if (contacts.length === 0) return 0;
    return this.#driver.transaction(async (tx) => {
      const [open] = await tx.query<{ taken_at: unknown }>(
        'SELECT taken_at FROM contact_snapshots WHERE snapshot_id = $1',
        [snapshotId],
      );
      if (open === undefined) throw new Error(`no contact snapshot ${snapshotId}: begin it first`);
      if (open.taken_at !== null) return 0; // complete: a late retry adds nothing
      const rows = contacts.map((c) => [
        snapshotId,
        c.id,
        c.accountId,
        c.accountName,
        c.accountAtRisk,
        c.role,
        c.name,
        blankToNull(c.title),
        blankToNull(c.email),
        blankToNull(c.phone),
        blankToNull(c.locale),
        blankToNull(c.timeZone),
        blankToNull(c.country),
        blankToNull(c.state),
      ]);
      return insertNewRows(tx, 'contact_snapshot_rows', COLUMNS, rows);
    });
  }

  async complete(snapshotId: string, takenAt: string, accounts: number): Promise<ContactSnapshotSummary> {
    return this.#driver.transaction(async (tx) => {
      const [row] = await tx.query<SnapshotRow>(
        `UPDATE contact_snapshots
           SET taken_at = coalesce(taken_at, $2),
               accounts = coalesce(accounts, $3),
               contacts = coalesce(contacts, (SELECT count(*) FROM contact_snapshot_rows WHERE snapshot_id = $1))
         WHERE snapshot_id = $1
         RETURNING snapshot_id, started_at, taken_at, accounts, contacts`,
        [snapshotId, takenAt, accounts],
      );
      if (row === undefined) throw new Error(`no contact snapshot ${snapshotId}: begin it first`);
      // Older unfinished reads, and complete snapshots beyond the newest KEEP_COMPLETE.
      await tx.query(
        `DELETE FROM contact_snapshots
          WHERE (taken_at IS NULL AND started_at < $1)
             OR (taken_at IS NOT NULL AND snapshot_id NOT IN (
                  SELECT snapshot_id FROM contact_snapshots WHERE taken_at IS NOT NULL
                  ORDER BY taken_at DESC, snapshot_id DESC LIMIT $2))`,
        [toIso(row.started_at), KEEP_COMPLETE],
      );
      return toSummary(row);
    });
  }

  async latest(): Promise<ContactSnapshotSummary | null> {
    const [row] = await this.#driver.query<SnapshotRow>(
      `SELECT snapshot_id, started_at, taken_at, accounts, contacts FROM contact_snapshots
        WHERE taken_at IS NOT NULL ORDER BY taken_at DESC, snapshot_id DESC LIMIT 1`,
    );
    return row === undefined ? null : toSummary(row);
  }

  async contacts(filter: ContactSnapshotFilter = {}): Promise<SnapshotContact[]> {
    const latest = await this.latest();
    if (latest === null) return [];
    const params: unknown[] = [latest.snapshotId];
    const where = ['snapshot_id = $1'];
    if (filter.roles !== undefined) {
      if (filter.roles.length === 0) return [];
      where.push(`role = ANY($${params.push(filter.roles)}::text[])`);
    }
    if (filter.accountIds !== undefined) {
      if (filter.accountIds.length === 0) return [];
      where.push(`account_id = ANY($${params.push(filter.accountIds)}::text[])`);
    }
    if (filter.atRiskOnly === true) where.push('account_at_risk');
    const rows = await this.#driver.query<ContactRow>(
      `SELECT contact_id, account_id, account_name, account_at_risk, role, name, title, email, phone,
              locale, time_zone, country, state
         FROM contact_snapshot_rows WHERE ${where.join(' AND ')}
        ORDER BY account_at_risk DESC, account_id, contact_id`,
      params,
    );
    return rows.map(toContact);
  }
}

function toSummary(row: SnapshotRow): ContactSnapshotSummary {
  return {
    snapshotId: row.snapshot_id,
    startedAt: toIso(row.started_at),
    takenAt: toIso(row.taken_at),
    accounts: toInt(row.accounts ?? 0),
    contacts: toInt(row.contacts ?? 0),
  };
}

function toContact(row: ContactRow): SnapshotContact {
  const contact: SnapshotContact = {
    id: row.contact_id,
    accountId: row.account_id,
    accountName: row.account_name,
    accountAtRisk: row.account_at_risk,
    role: row.role as SnapshotRole,
    name: row.name,
  };
  if (row.title !== null) contact.title = row.title;
  if (row.email !== null) contact.email = row.email;
  if (row.phone !== null) contact.phone = row.phone;
  if (row.locale !== null) contact.locale = row.locale;
  if (row.time_zone !== null) contact.timeZone = row.time_zone;
  if (row.country !== null) contact.country = row.country;
  if (row.state !== null) contact.state = row.state;
  return contact;
}
