/**
 * Builds SOQL for the Contacts in a CrmScope. The only way input reaches a query: field names come
 * from the CRM_FILTER_FIELDS whitelist, values are escaped string literals. Never raw SOQL.
 */
import { CRM_FILTER_FIELDS, crmScopeSchema } from '../../workflows/domain/incident.ts';
import type { CrmScope } from '../../workflows/domain/incident.ts';
import { countrySpellings } from './countries.ts';

/** Contact fields read for an AffectedPerson. */
export const CONTACT_FIELDS = [
  'Id',
  'FirstName',
  'LastName',
  'Email',
  'MobilePhone',
  'MailingCountry',
  'MailingState',
  'Preferred_Language__c',
] as const;

/**
 * Ids per query for a 'records' scope: 2000 ids would make a GET URL of ~45 kB, far over
 * Salesforce's ~16 kB URI limit, so a records scope is queried in chunks.
 */
export const IDS_PER_QUERY = 300;

export interface SoqlOptions {
  /** Expand a MailingCountry value to all its known spellings ("DE" → "Germany", "Deutschland"). */
  expandCountryNames: boolean;
  /** The Contact field holding a person's IANA time zone (e.g. Time_Zone__c); none read when absent. */
  timeZoneField?: string;
}

/** A Salesforce field API name (standard or custom): letters, digits, underscores, starting with a letter. */
export const FIELD_API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Escapes a value for a single-quoted SOQL string literal (backslash first, then quote). */
export function escapeSoqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

const literal = (v: string): string => `'${escapeSoqlString(v)}'`;

function condition(field: string, values: string[]): string {
  if (!(CRM_FILTER_FIELDS as readonly string[]).includes(field)) throw new Error(`field ${field} is not filterable`);
  return values.length === 1
    ? `${field} = ${literal(values[0] as string)}`
    : `${field} IN (${values.map(literal).join(', ')})`;
}

function select(where: string[], options: SoqlOptions): string {
  const extra = options.timeZoneField;
  if (extra !== undefined && !FIELD_API_NAME.test(extra)) throw new Error(`${extra} is not a field API name`);
  const fields =
    extra === undefined || (CONTACT_FIELDS as readonly string[]).includes(extra)
      ? CONTACT_FIELDS
      : [...CONTACT_FIELDS, extra];
  return `SELECT ${fields.join(', ')} FROM Contact WHERE ${where.join(' AND ')} ORDER BY Id`;
}

/** The WHERE conditions of a filter scope (country values expanded to every known spelling). */
function filterConditions(scope: Extract<CrmScope, { kind: 'filter' }>, options: SoqlOptions): string[] {
  return scope.conditions.map((c) => {
    const values = Array.isArray(c.value) ? c.value : [c.value];
    const expanded =
      c.field === 'MailingCountry' && options.expandCountryNames ? values.flatMap(countrySpellings) : values;
    return condition(c.field, [...new Set(expanded)]);
  });
}

/**
 * The queries covering `scope`, in order (several for a large records scope). Validates the scope
 * again (throws ZodError) so an unvalidated payload can never shape a query.
 */
export function buildContactQueries(scope: CrmScope, options: SoqlOptions): string[] {
  const checked = crmScopeSchema.parse(scope);
  if (checked.kind === 'records') {
    const ids = [...new Set(checked.recordIds)];
    const queries: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      queries.push(select([condition('Id', ids.slice(i, i + IDS_PER_QUERY))], options));
    }
    return queries;
  }
  return [select(filterConditions(checked, options), options)];
}

/**
 * `SELECT COUNT()` over a filter scope's Contacts: how large the snapshot will be, before choosing
 * REST or Bulk API 2.0. Undefined for a records scope, whose size is the number of its ids.
 */
export function buildContactCountQuery(scope: CrmScope, options: SoqlOptions): string | undefined {
  const checked = crmScopeSchema.parse(scope);
  if (checked.kind === 'records') return undefined;
  return `SELECT COUNT() FROM Contact WHERE ${filterConditions(checked, options).join(' AND ')}`;
}
