/**
 * Herald's SQL schema, PostgreSQL dialect, shared by PGlite and PostgreSQL. Applied on every open:
 * each statement is idempotent, and a version row says which schema the database carries.
 */
import type { SqlDriver } from './sql-driver.ts';
import { toInt } from './sql-values.ts';

/**
 * The schema version this code writes and reads. 2: delivery_events (provider callbacks);
 * 3: triggers (incident-tool webhooks kept until applied); 4: delivery claims (held_* columns on
 * deliveries, delivery_fences), so a retried attempt never races the one before it; 5: the
 * recipients' time_zone (from the CRM); 6: message_templates and template_pins (the versioned template registry);
 * 7: delivery_attempt_failures (each failed provider attempt, for the drill report).
 */
export const SCHEMA_VERSION = 7;

/** Advisory lock key, so two workers opening one PostgreSQL at once don't race on DDL. */
const SCHEMA_LOCK_KEY = 0x4845_5241; // "HERA"

const STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS herald_schema (
     id smallint PRIMARY KEY CHECK (id = 1),
     version integer NOT NULL,
     applied_at timestamptz NOT NULL DEFAULT now()
   )`,

  `CREATE TABLE IF NOT EXISTS deliveries (
     incident_id text NOT NULL,
     milestone text NOT NULL,
     recipient_id text NOT NULL,
     channel text NOT NULL,
     state text NOT NULL CHECK (state IN ('reserved', 'sent', 'failed')),
     attempts integer NOT NULL CHECK (attempts >= 1),
     reserved_at timestamptz NOT NULL,
     provider_message_id text,
     accepted_at timestamptz,
     error text,
     updated_at timestamptz NOT NULL,
     held_by text,
     held_lineage text,
     held_attempt integer,
     held_until timestamptz,
     PRIMARY KEY (incident_id, milestone, recipient_id, channel)
   )`,
  // The highest attempt seen per activity (delivery-claims.ts): a claim by a lower one is refused.
  `CREATE TABLE IF NOT EXISTS delivery_fences (
     lineage text PRIMARY KEY,
     attempt integer NOT NULL CHECK (attempt >= 1),
     updated_at timestamptz NOT NULL
   )`,

  // `at` and `data` are text, hashed verbatim: a timestamptz or jsonb round trip could change
  // their spelling and break the chain on one driver but not the other.
  `CREATE TABLE IF NOT EXISTS audit_log (
     seq bigint PRIMARY KEY CHECK (seq >= 1),
     entry_id text NOT NULL UNIQUE,
     incident_id text NOT NULL,
     type text NOT NULL,
     actor text NOT NULL,
     at text NOT NULL,
     data text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS audit_log_incident ON audit_log (incident_id, seq)`,
  `CREATE OR REPLACE FUNCTION herald_audit_log_append_only() RETURNS trigger
     LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
   END
   $$`,
  // CREATE OR REPLACE TRIGGER needs PostgreSQL 14+.
  `CREATE OR REPLACE TRIGGER audit_log_append_only
     BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION herald_audit_log_append_only()`,
  `CREATE OR REPLACE TRIGGER audit_log_no_truncate
     BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION herald_audit_log_append_only()`,

  `CREATE TABLE IF NOT EXISTS documents (
     incident_id text NOT NULL,
     kind text NOT NULL,
     version integer NOT NULL,
     sha256 text NOT NULL,
     body text NOT NULL,
     created_at timestamptz NOT NULL,
     PRIMARY KEY (incident_id, kind, version)
   )`,

  // ordinal is global, so within one incident it only orders (gaps are harmless).
  `CREATE TABLE IF NOT EXISTS recipients (
     ordinal bigint GENERATED ALWAYS AS IDENTITY,
     incident_id text NOT NULL,
     recipient_id text NOT NULL,
     name text NOT NULL,
     role text,
     email text,
     phone text,
     locale text,
     country text,
     state text,
     time_zone text,
     PRIMARY KEY (incident_id, recipient_id)
   )`,
  // One person listed twice in the CRM (two ids, one email) is one recipient.
  `CREATE UNIQUE INDEX IF NOT EXISTS recipients_email
     ON recipients (incident_id, lower(email)) WHERE email IS NOT NULL`,
  `CREATE UNIQUE INDEX IF NOT EXISTS recipients_order ON recipients (incident_id, ordinal)`,

  // Provider delivery callbacks (delivery-status.ts), once per provider event id; only for keys the
  // ledger has. seq orders arrivals, so equal-ranked events keep the first.
  `CREATE TABLE IF NOT EXISTS delivery_events (
     seq bigint GENERATED ALWAYS AS IDENTITY,
     provider text NOT NULL,
     event_id text NOT NULL,
     incident_id text NOT NULL,
     milestone text NOT NULL,
     recipient_id text NOT NULL,
     channel text NOT NULL,
     state text NOT NULL CHECK (state IN ('accepted', 'deferred', 'delivered', 'bounced', 'undelivered')),
     provider_status text NOT NULL,
     provider_message_id text,
     detail text,
     occurred_at timestamptz NOT NULL,
     received_at timestamptz NOT NULL,
     PRIMARY KEY (provider, event_id),
     FOREIGN KEY (incident_id, milestone, recipient_id, channel) REFERENCES deliveries
   )`,
  `CREATE INDEX IF NOT EXISTS delivery_events_key
     ON delivery_events (incident_id, milestone, recipient_id, channel, seq)`,

  // Incident-tool webhooks (trigger-store.ts), once per tool delivery id, kept from receipt until
  // applied, ignored with a reason, or discarded by an operator: a trigger is never lost.
  `CREATE TABLE IF NOT EXISTS triggers (
     id text PRIMARY KEY,
     source text NOT NULL,
     delivery_id text NOT NULL,
     received_at timestamptz NOT NULL,
     summary text NOT NULL,
     body text NOT NULL,
     state text NOT NULL CHECK (state IN ('pending', 'applied', 'ignored', 'discarded')),
     outcome text,
     reason text,
     attempts integer NOT NULL CHECK (attempts >= 0),
     next_attempt_at timestamptz,
     last_error text,
     alerted_at timestamptz,
     decided_by text,
     updated_at timestamptz NOT NULL,
     UNIQUE (source, delivery_id)
   )`,
  `CREATE INDEX IF NOT EXISTS triggers_due ON triggers (next_attempt_at) WHERE state = 'pending'`,
  // One provider account's send schedule (provider-rates.ts), shared by every page of every
  // procedure on every worker: the next free slot and a rate limit's pause, in the database's clock.
  `CREATE TABLE IF NOT EXISTS provider_rates (
     account text PRIMARY KEY,
     next_slot_ms double precision NOT NULL,
     paused_until_ms double precision NOT NULL DEFAULT 0
   )`,
  `CREATE INDEX IF NOT EXISTS triggers_received ON triggers (received_at)`,
  // Message templates (template-registry.ts): every version of every locale kept; texts is the
  // canonical JSON whose SHA-256 is sha256, so a pin's hash can be checked against the row.
  `CREATE TABLE IF NOT EXISTS message_templates (
     template_id text NOT NULL,
     locale text NOT NULL,
     version integer NOT NULL CHECK (version >= 1),
     texts text NOT NULL,
     sha256 text NOT NULL,
     state text NOT NULL CHECK (state IN ('draft', 'in-review', 'approved', 'superseded')),
     author text NOT NULL,
     note text,
     validation text NOT NULL,
     review text,
     approver text,
     approver_role text,
     created_at timestamptz NOT NULL,
     submitted_at timestamptz,
     approved_at timestamptz,
     PRIMARY KEY (template_id, locale, version)
   )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS message_templates_approved
     ON message_templates (template_id, locale) WHERE state = 'approved'`,
  // The versions a procedure pinned at its start (template-registry.ts), written once per incident.
  `CREATE TABLE IF NOT EXISTS template_pins (
     incident_id text NOT NULL,
     template_id text NOT NULL,
     locale text NOT NULL,
     version integer NOT NULL,
     sha256 text NOT NULL,
     pinned_at timestamptz NOT NULL,
     PRIMARY KEY (incident_id, template_id, locale),
     FOREIGN KEY (template_id, locale, version) REFERENCES message_templates
   )`,
  // Each failed provider attempt per recipient (attempt-failures.ts): ids and failure classes only, no PII.
  `CREATE TABLE IF NOT EXISTS delivery_attempt_failures (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     incident_id text NOT NULL,
     milestone text NOT NULL,
     channel text NOT NULL,
     recipient_id text NOT NULL,
     provider text NOT NULL,
     failure_type text NOT NULL,
     status integer,
     code text,
     at timestamptz NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS delivery_attempt_failures_milestone
     ON delivery_attempt_failures (incident_id, milestone, at)`,
];

/**
 * Changes to tables an older version created, by the version that brings them: run once, on a
 * database recorded below that version (new databases get them from the CREATE statements).
 */
const MIGRATIONS: readonly { version: number; statements: readonly string[] }[] = [
  {
    version: 4,
    statements: ['held_by text', 'held_lineage text', 'held_attempt integer', 'held_until timestamptz'].map(
      (column) => `ALTER TABLE deliveries ADD COLUMN IF NOT EXISTS ${column}`,
    ),
  },
  // The time zone a recipient's CRM record states (activities/local-time).
  { version: 5, statements: ['ALTER TABLE recipients ADD COLUMN IF NOT EXISTS time_zone text'] },
];

/**
 * Creates or completes the schema and records {@link SCHEMA_VERSION}. Refuses a database whose
 * schema is newer than this code.
 */
export async function applySchema(driver: SqlDriver): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await tx.query(STATEMENTS[0]!);
    const [row] = await tx.query<{ version: unknown }>('SELECT version FROM herald_schema WHERE id = 1');
    const found = row === undefined ? undefined : toInt(row.version);
    if (found !== undefined && found > SCHEMA_VERSION) {
      throw new Error(`database schema version ${found} is newer than this Herald (${SCHEMA_VERSION})`);
    }
    for (const statement of STATEMENTS.slice(1)) await tx.query(statement);
    for (const migration of MIGRATIONS) {
      if (found === undefined || found >= migration.version) continue;
      for (const statement of migration.statements) await tx.query(statement);
    }
    await tx.query(
      `INSERT INTO herald_schema (id, version) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
       WHERE herald_schema.version < EXCLUDED.version`,
      [SCHEMA_VERSION],
    );
  });
}

/** The schema version recorded in the database, or null before {@link applySchema}. */
export async function schemaVersion(driver: SqlDriver): Promise<number | null> {
  const [exists] = await driver.query<{ t: string | null }>(`SELECT to_regclass('herald_schema')::text AS t`);
  if (!exists?.t) return null;
  const [row] = await driver.query<{ version: unknown }>('SELECT version FROM herald_schema WHERE id = 1');
  return row === undefined ? null : toInt(row.version);
}
