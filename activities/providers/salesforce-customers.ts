/**
 * SOQL for enterprise customers and their crisis contacts (the contact snapshot the lockout
 * procedure falls back to). Fixed queries: the only values from configuration, the account type
 * (escaped) and the time-zone field (checked to be a field API name), come in as given.
 */
import type { CustomerContactRole } from '../ports.ts';
import { escapeSoqlString, FIELD_API_NAME } from './salesforce-soql.ts';

/** How the CRM spells each crisis role in the Contact's `Crisis_Role__c` picklist. */
export const CRISIS_ROLE_VALUES: Record<CustomerContactRole, string> = {
  procurement: 'Procurement',
  security: 'Security',
  'business-owner': 'Business Owner',
};

/** Enterprise customer accounts, with their at-risk flag. */
export function enterpriseAccountsQuery(accountType: string): string {
  return `SELECT Id, Name, At_Risk__c, OwnerId, BillingCountry, BillingState FROM Account WHERE Type = '${escapeSoqlString(accountType)}' ORDER BY Id`;
}

/** The users with these ids (Salesforce Ids: letters and digits only, checked before they are quoted). */
export function usersQuery(ids: readonly string[]): string {
  const bad = ids.find((id) => !/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id));
  if (bad !== undefined) throw new TypeError(`not a Salesforce Id: ${JSON.stringify(bad)}`);
  return `SELECT Id, Name, Email, MobilePhone FROM User WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
}

/** The Contact fields read for a crisis contact, before any configured time-zone field. */
const ROLE_CONTACT_FIELDS = [
  'Id',
  'AccountId',
  'FirstName',
  'LastName',
  'Title',
  'Email',
  'MobilePhone',
  'Crisis_Role__c',
  'MailingCountry',
  'MailingState',
  'Preferred_Language__c',
];

/**
 * Contacts holding any crisis role, with the account they belong to, their language, address and,
 * when configured, the field holding their time zone (the same field the affected people's is read from).
 */
export function roleContactsQuery(timeZoneField?: string): string {
  if (timeZoneField !== undefined && !FIELD_API_NAME.test(timeZoneField)) {
    throw new TypeError(`time-zone field ${JSON.stringify(timeZoneField)} is not a Salesforce field API name`);
  }
  const values = Object.values(CRISIS_ROLE_VALUES)
    .map((v) => `'${escapeSoqlString(v)}'`)
    .join(', ');
  const fields =
    timeZoneField === undefined || ROLE_CONTACT_FIELDS.includes(timeZoneField)
      ? ROLE_CONTACT_FIELDS
      : [...ROLE_CONTACT_FIELDS, timeZoneField];
  return `SELECT ${fields.join(', ')} FROM Contact WHERE Crisis_Role__c IN (${values}) ORDER BY Id`;
}

/** The role a picklist value stands for (case-insensitive), or undefined. */
export function customerRoleOf(value: string | null | undefined): CustomerContactRole | undefined {
  const wanted = value?.trim().toLowerCase();
  if (!wanted) return undefined;
  for (const [role, spelled] of Object.entries(CRISIS_ROLE_VALUES)) {
    if (spelled.toLowerCase() === wanted) return role as CustomerContactRole;
  }
  return undefined;
}
