/**
 * Deterministic seed data for the e-commerce platform's enterprise customers in the Salesforce
 * sandbox: Accounts (some enterprise, some flagged at risk) and their Contacts with a crisis role
 * (procurement, security, business owner), plus contacts without one.
 */
import { prng, toId18 } from './seed.ts';

/** An Account as the sandbox stores it. */
export interface SeedAccount {
  Id: string;
  Name: string;
  Type: 'Enterprise' | 'Mid-Market' | 'Self-Serve';
  At_Risk__c: boolean;
  /** The account manager (a User). */
  OwnerId: string;
  /** The billing address: its contacts' zone and language when they state none. */
  BillingCountry?: string | null;
  BillingState?: string | null;
}

/** A Salesforce User: the platform's account managers. */
export interface SeedUser {
  Id: string;
  Name: string;
  Email: string | null;
  MobilePhone: string | null;
}

/** A customer Contact as the sandbox stores it; Salesforce answers null for empty fields. */
export interface SeedCustomerContact {
  Id: string;
  AccountId: string;
  FirstName: string;
  LastName: string;
  Title: string | null;
  Email: string | null;
  MobilePhone: string | null;
  Crisis_Role__c: 'Procurement' | 'Security' | 'Business Owner' | null;
  Preferred_Language__c?: string | null;
  Time_Zone__c?: string | null;
  MailingCountry?: string | null;
  MailingState?: string | null;
}

/** Customer accounts, their contacts and their owners served by the sandbox (edited in place by tests). */
export interface CustomerSeed {
  accounts: SeedAccount[];
  contacts: SeedCustomerContact[];
  users: SeedUser[];
}

export interface CustomerSeedOptions {
  /** Accounts generated; default 12 (two in three enterprise). */
  accounts?: number;
  /** PRNG seed; default 7. */
  seed?: number;
  /**
   * Give accounts billing addresses and contacts languages and zones ({@link PLACES}, in turn):
   * German, French and US customers, one contact stating a language Herald has no texts in. Off by
   * default: the other fields and the random draws are the same either way.
   */
  places?: boolean;
}

/** Where the accounts are (in turn) and what one of their contacts states, when `places` is on. */
const PLACES = [
  { BillingCountry: 'Germany', BillingState: null, contact: { Preferred_Language__c: 'de' } },
  {
    BillingCountry: 'France',
    BillingState: null,
    contact: { Preferred_Language__c: 'fr', Time_Zone__c: 'Indian/Reunion' },
  },
  { BillingCountry: 'United States', BillingState: 'CA', contact: { Preferred_Language__c: 'en-US' } },
  // A Swiss-German account whose contact reads Italian: no Italian texts, so English stands in.
  { BillingCountry: 'Switzerland', BillingState: null, contact: { Preferred_Language__c: 'it' } },
] as const;

const COMPANIES = [
  'Northwind Traders',
  'Contoso Retail',
  'Fabrikam Outfitters',
  'Adatum Home',
  'Tailspin Sports',
  'Wingtip Toys',
  'Litware Garden',
  'Proseware Kitchens',
  'Lamna Apparel',
  'Trey Grocers',
  'Woodgrove Pharmacy',
  'Alpine Ski House',
] as const;
const FIRST = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jun'] as const;
const LAST = ['Alvarez', 'Brandt', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Gupta', 'Horvat'] as const;

/** Crisis roles and the job titles the CRM shows for them. */
const ROLES = [
  { role: 'Procurement', title: 'Head of Procurement' },
  { role: 'Security', title: 'Chief Information Security Officer' },
  { role: 'Business Owner', title: 'VP E-commerce' },
] as const;

const sfId = (prefix: string, n: number): string => toId18(`${prefix}${String(n).padStart(10, '0')}`);

/** The account managers; accounts are shared out among them in turn. */
const ACCOUNT_MANAGERS = ['Morgan Reyes', 'Sasha Novak', 'Robin Okafor'] as const;

/** Builds the accounts and contacts, sorted by Id. Pure: same options, same result. */
export function seedCustomers(options: CustomerSeedOptions = {}): CustomerSeed {
  const count = options.accounts ?? 12;
  const rand = prng(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const users: SeedUser[] = ACCOUNT_MANAGERS.map((name, i) => ({
    Id: sfId('005Am', i + 1),
    Name: name,
    Email: `${name.toLowerCase().replace(' ', '.')}@platform.example`,
    MobilePhone: `+1415555${String(9001 + i)}`,
  }));
  const accounts: SeedAccount[] = [];
  const contacts: SeedCustomerContact[] = [];
  let contactSeq = 1;
  for (let i = 0; i < count; i++) {
    const enterprise = i % 3 !== 2;
    const account: SeedAccount = {
      Id: sfId('001Cu', i + 1),
      Name: `${COMPANIES[i % COMPANIES.length] as string}${i >= COMPANIES.length ? ` ${Math.floor(i / COMPANIES.length) + 1}` : ''}`,
      Type: enterprise ? 'Enterprise' : i % 2 === 0 ? 'Mid-Market' : 'Self-Serve',
      At_Risk__c: enterprise && i % 4 === 1,
      OwnerId: (users[i % users.length] as SeedUser).Id,
    };
    const place = options.places ? PLACES[i % PLACES.length] : undefined;
    if (place) Object.assign(account, { BillingCountry: place.BillingCountry, BillingState: place.BillingState });
    accounts.push(account);
    const domain = `${account.Name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
    const people = [...ROLES, { role: null, title: 'Accounts Payable Clerk' }];
    for (const { role, title } of people) {
      const first = pick(FIRST);
      const last = pick(LAST);
      contacts.push({
        Id: sfId('003Cu', contactSeq++),
        AccountId: account.Id,
        FirstName: first,
        LastName: last,
        Title: title,
        Email: `${first}.${last}@${domain}`.toLowerCase(),
        // About one in five has no mobile number on file.
        MobilePhone: rand() < 0.2 ? null : `+1415555${String(1000 + contactSeq).slice(-4)}`,
        Crisis_Role__c: role,
        // The account's address and language decide for every contact but the business owner, who states their own.
        ...(place && role === 'Business Owner' ? place.contact : {}),
      });
    }
  }
  return { accounts, contacts, users };
}
