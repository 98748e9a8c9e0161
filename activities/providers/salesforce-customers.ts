/**
 * SOQL for enterprise customers and their crisis contacts (the contact snapshot the lockout
 * procedure falls back to). Fixed queries: the only value, the account type, comes from
 * configuration and is escaped.
 */
import type { CustomerContactRole } from '../ports.ts';
import { escapeSoqlString } from './salesforce-soql.ts';

/** How the CRM spells each crisis role in the Contact's `Crisis_Role__c` picklist. */
export const CRISIS_ROLE_VALUES: Record<CustomerContactRole, string> = {
  procurement: 'Procurement',
  security: 'Security',
  'business-owner': 'Business Owner',
};

/** Enterprise customer accounts, with their at-risk flag. */
export function enterpriseAccountsQuery(accountType: string): string {
  return `SELECT Id, Name, At_Risk__c, OwnerId FROM Account WHERE Type = '${escapeSoqlString(accountType)}' ORDER BY Id`;
}

/** The users with these ids (Salesforce Ids: letters and digits only, checked before they are quoted). */
export function usersQuery(ids: readonly string[]): string {
  const bad = ids.find((id) => !/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id));
  if (bad !== undefined) throw new TypeError(`not a Salesforce Id: ${JSON.stringify(bad)}`);
  return `SELECT Id, Name, Email, MobilePhone FROM User WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
}

/** Contacts holding any crisis role, with the account they belong to. */
export function roleContactsQuery(): string {
  const values = Object.values(CRISIS_ROLE_VALUES)
    .map((v) => `'${escapeSoqlString(v)}'`)
    .join(', ');
  return `SELECT Id, AccountId, FirstName, LastName, Title, Email, MobilePhone, Crisis_Role__c FROM Contact WHERE Crisis_Role__c IN (${values}) ORDER BY Id`;
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
