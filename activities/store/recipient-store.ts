/** The affected-audience snapshot in SQL, so recipients never travel through workflow history. */
import type { RecipientStore } from '../ports.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import { insertNewRows } from './insert-new-rows.ts';
import type { SqlDriver } from './sql-driver.ts';
import { StatisticsRefresh } from './statistics-refresh.ts';
import { toInt } from './sql-values.ts';

/** The countByCountry key for people without a country. */
export const UNKNOWN_COUNTRY = 'unknown';

const COLUMNS = [
  'incident_id',
  'recipient_id',
  'name',
  'role',
  'email',
  'phone',
  'locale',
  'country',
  'state',
  'time_zone',
];

interface RecipientRow {
  recipient_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  country: string | null;
  state: string | null;
  time_zone: string | null;
}

/**
 * {@link RecipientStore} over {@link SqlDriver}. A person is the same recipient when the id or the
 * email (case-insensitive) matches one already in the snapshot; the first one added wins. Pages
 * follow insertion order.
 */
export class SqlRecipientStore implements RecipientStore {
  readonly #driver: SqlDriver;
  /** A snapshot of thousands is planned as one row until analysed (statistics-refresh.ts). */
  readonly statistics: StatisticsRefresh;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
    this.statistics = new StatisticsRefresh(driver, 'recipients', 1000);
  }

  /** Adds people not yet in the snapshot and returns how many were new. */
  async addAll(incidentId: string, people: AffectedPerson[]): Promise<number> {
    if (people.length === 0) return 0;
    const added = await this.#driver.transaction(async (tx) => {
      // No conflict target: skips a clash on the id and on the email index alike.
      const rows = people.map((person) => [incidentId, ...personValues(person)]);
      return insertNewRows(tx, 'recipients', COLUMNS, rows);
    });
    await this.statistics.wrote(incidentId, added);
    return added;
  }

  async count(incidentId: string): Promise<number> {
    const [row] = await this.#driver.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM recipients WHERE incident_id = $1',
      [incidentId],
    );
    return toInt(row?.n ?? 0);
  }

  async page(incidentId: string, offset: number, limit: number): Promise<AffectedPerson[]> {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad offset: ${offset}`);
    if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`bad limit: ${limit}`);
    const rows = await this.#driver.query<RecipientRow>(
      `SELECT recipient_id, name, role, email, phone, locale, country, state, time_zone FROM recipients
       WHERE incident_id = $1 ORDER BY ordinal OFFSET $2 LIMIT $3`,
      [incidentId, offset, limit],
    );
    return rows.map(toPerson);
  }

  /** How many people in the snapshot have an email address, and how many a phone number. */
  async countChannels(incidentId: string): Promise<{ email: number; sms: number; smsOnly: number }> {
    const [row] = await this.#driver.query<{ email: unknown; sms: unknown; sms_only: unknown }>(
      `SELECT count(email) AS email, count(phone) AS sms, count(phone) FILTER (WHERE email IS NULL) AS sms_only
       FROM recipients WHERE incident_id = $1`,
      [incidentId],
    );
    return { email: toInt(row?.email ?? 0), sms: toInt(row?.sms ?? 0), smsOnly: toInt(row?.sms_only ?? 0) };
  }

  async byIds(incidentId: string, recipientIds: readonly string[]): Promise<AffectedPerson[]> {
    if (recipientIds.length === 0) return [];
    const rows = await this.#driver.query<RecipientRow>(
      `SELECT recipient_id, name, role, email, phone, locale, country, state, time_zone FROM recipients
       WHERE incident_id = $1 AND recipient_id = ANY($2::text[]) ORDER BY ordinal`,
      [incidentId, [...recipientIds]],
    );
    return rows.map(toPerson);
  }

  async countByCountry(incidentId: string): Promise<Record<string, number>> {
    const rows = await this.#driver.query<{ country: string; n: unknown }>(
      `SELECT coalesce(country, $2) AS country, count(*) AS n FROM recipients
       WHERE incident_id = $1 GROUP BY 1 ORDER BY 1`,
      [incidentId, UNKNOWN_COUNTRY],
    );
    return Object.fromEntries(rows.map((row) => [row.country, toInt(row.n)]));
  }

  /**
   * Counts by jurisdiction as the regulatory engine takes them: the country, and for the United
   * States the state of the mailing address as `US-XX` where it is a two-letter code.
   */
  async countByJurisdiction(incidentId: string): Promise<Record<string, number>> {
    const rows = await this.#driver.query<{ country: string; state: string | null; n: unknown }>(
      `SELECT coalesce(country, $2) AS country, upper(trim(state)) AS state, count(*) AS n FROM recipients
       WHERE incident_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [incidentId, UNKNOWN_COUNTRY],
    );
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const key = row.country === 'US' && row.state && /^[A-Z]{2}$/.test(row.state) ? `US-${row.state}` : row.country;
      counts[key] = (counts[key] ?? 0) + toInt(row.n);
    }
    return counts;
  }
}

/** Column values after `incident_id`; blank optional fields become NULL so '' never dedupes. */
function personValues(person: AffectedPerson): unknown[] {
  return [
    person.id,
    person.name ?? '',
    blankToNull(person.role),
    blankToNull(person.email),
    blankToNull(person.phone),
    blankToNull(person.locale),
    blankToNull(person.country),
    blankToNull(person.state),
    blankToNull(person.timeZone),
  ];
}

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toPerson(row: RecipientRow): AffectedPerson {
  const person: AffectedPerson = { id: row.recipient_id, name: row.name };
  if (row.role !== null) person.role = row.role;
  if (row.email !== null) person.email = row.email;
  if (row.phone !== null) person.phone = row.phone;
  if (row.locale !== null) person.locale = row.locale;
  if (row.country !== null) person.country = row.country;
  if (row.state !== null) person.state = row.state;
  if (row.time_zone !== null) person.timeZone = row.time_zone;
  return person;
}
