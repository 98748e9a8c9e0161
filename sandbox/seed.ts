/**
 * Deterministic seed data for the Salesforce sandbox: a university's students as Contacts, with the
 * untidiness of a real CRM (country names and codes mixed, missing phones, bad emails, duplicates).
 */

/** A Contact as the sandbox stores it; Salesforce answers null for empty fields. */
export interface SeedContact {
  Id: string;
  FirstName: string;
  LastName: string;
  Email: string | null;
  MobilePhone: string | null;
  MailingCountry: string | null;
  MailingState: string | null;
  Preferred_Language__c: string | null;
  /** IANA time zone (custom field); the seed leaves it empty, so Herald derives it from the address. */
  Time_Zone__c: string | null;
  Program__c: string;
  Campus__c: string;
  Enrollment_Status__c: 'Enrolled' | 'Alumni' | 'Withdrawn';
}

export interface SeedOptions {
  /** Number of distinct students; duplicates come on top. Default 3000. */
  count?: number;
  /** PRNG seed; the same seed yields the same data. Default 42. */
  seed?: number;
}

/** Per country: how the CRM spells it, names, phone shape, language. */
interface CountryProfile {
  code: string;
  spellings: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Country calling code and a national mobile prefix; 8 random digits follow (US: 7). */
  phonePrefix: string;
  language: string;
  weight: number;
}

const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'DE',
    spellings: ['DE', 'Germany', 'Deutschland'],
    firstNames: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Marie'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber'],
    phonePrefix: '+4915',
    language: 'de',
    weight: 20,
  },
  {
    code: 'FR',
    spellings: ['FR', 'France'],
    firstNames: ['Louis', 'Chloé', 'Hugo', 'Léa', 'Jules'],
    lastNames: ['Martin', 'Bernard', 'Dubois', "D'Arcy", 'Lefèvre'],
    phonePrefix: '+336',
    language: 'fr',
    weight: 12,
  },
  {
    code: 'IE',
    spellings: ['IE', 'Ireland'],
    firstNames: ['Seán', 'Aoife', 'Conor', 'Niamh', 'Cian'],
    lastNames: ["O'Brien", "O'Connor", 'Murphy', 'Kelly', 'Byrne'],
    phonePrefix: '+35387',
    language: 'en',
    weight: 14,
  },
  {
    code: 'NL',
    spellings: ['NL', 'Netherlands', 'The Netherlands'],
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Finn'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker'],
    phonePrefix: '+316',
    language: 'nl',
    weight: 8,
  },
  {
    code: 'ES',
    spellings: ['ES', 'Spain', 'España'],
    firstNames: ['Hugo', 'Lucía', 'Martín', 'Sofía', 'Mateo'],
    lastNames: ['García', 'Fernández', 'López', 'Martínez'],
    phonePrefix: '+346',
    language: 'es',
    weight: 8,
  },
  {
    code: 'IT',
    spellings: ['IT', 'Italy', 'Italia'],
    firstNames: ['Leonardo', 'Giulia', 'Francesco', 'Aurora'],
    lastNames: ['Rossi', 'Russo', 'Ferrari', 'Esposito'],
    phonePrefix: '+393',
    language: 'it',
    weight: 8,
  },
  {
    code: 'GB',
    spellings: ['GB', 'United Kingdom', 'UK'],
    firstNames: ['Oliver', 'Olivia', 'George', 'Amelia', 'Harry'],
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', "O'Neill"],
    phonePrefix: '+447',
    language: 'en',
    weight: 14,
  },
  {
    code: 'US',
    spellings: ['US', 'United States', 'USA'],
    firstNames: ['Liam', 'Emma', 'Noah', 'Ava', 'Ethan'],
    lastNames: ['Johnson', 'Williams', 'Miller', 'Davis'],
    phonePrefix: '+1',
    language: 'en',
    weight: 12,
  },
  {
    code: 'PL',
    spellings: ['PL', 'Poland'],
    firstNames: ['Jakub', 'Zuzanna', 'Antoni', 'Julia'],
    lastNames: ['Nowak', 'Kowalski', 'Wiśniewski'],
    phonePrefix: '+485',
    language: 'pl',
    weight: 4,
  },
];

const US_STATES = ['CA', 'NY', 'MA', 'TX', 'IL', 'WA'] as const;
const US_AREA_CODES = ['415', '212', '617', '512', '312', '206'] as const;
const PROGRAMS = [
  'Computer Science',
  'Law',
  'Medicine',
  'Business',
  'Physics',
  'History',
  "Children's Nursing",
] as const;
const CAMPUSES = ['Dublin', 'Berlin', 'Paris', 'Online'] as const;
const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Small fast seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Appends Salesforce's 3-character case-safe suffix to a 15-character id. */
export function toId18(id15: string): string {
  const map = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += map.charAt(bits);
  }
  return id15 + suffix;
}

/** Sequential Contact ids in Salesforce's shape ("003" key prefix); sorted order = creation order. */
function contactId(n: number): string {
  let body = '';
  for (let i = 0; i < 10; i++) {
    body = ID_ALPHABET.charAt(n % 62) + body;
    n = Math.floor(n / 62);
  }
  return toId18(`003Hd${body}`);
}

function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Builds the student Contacts, sorted by Id. Pure: same options, same result. */
export function seedStudents(options: SeedOptions = {}): SeedContact[] {
  const count = options.count ?? 3000;
  const rand = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const totalWeight = COUNTRIES.reduce((s, c) => s + c.weight, 0);
  const pickCountry = (): CountryProfile => {
    let r = rand() * totalWeight;
    for (const c of COUNTRIES) if ((r -= c.weight) < 0) return c;
    return COUNTRIES[0] as CountryProfile;
  };

  const contacts: SeedContact[] = [];
  let seq = 1;
  for (let i = 0; i < count; i++) {
    const country = pickCountry();
    const first = pick(country.firstNames);
    const last = pick(country.lastNames);
    const local = `${asciiFold(first)}.${asciiFold(last)}${i}`;
    const roll = rand();
    // ~2 % syntactically bad addresses, as typed into a CRM by hand.
    const email =
      roll < 0.02
        ? pick([`${local}@@student.example.edu`, `${local} @student.example.edu`, `${local}@`])
        : `${local}@student.example.edu`;
    let phone: string | null = null;
    if (rand() >= 0.1) {
      phone = country.code === 'US' ? `+1${pick(US_AREA_CODES)}555${digits(4)}` : `${country.phonePrefix}${digits(8)}`;
    }
    const statusRoll = rand();
    const contact: SeedContact = {
      Id: contactId(seq++),
      FirstName: first,
      LastName: last,
      Email: email,
      MobilePhone: phone,
      MailingCountry: rand() < 0.02 ? null : pick(country.spellings),
      MailingState: country.code === 'US' ? pick(US_STATES) : null,
      Preferred_Language__c: rand() < 0.25 ? null : country.language,
      Time_Zone__c: null,
      Program__c: pick(PROGRAMS),
      Campus__c: pick(CAMPUSES),
      Enrollment_Status__c: statusRoll < 0.7 ? 'Enrolled' : statusRoll < 0.95 ? 'Alumni' : 'Withdrawn',
    };
    contacts.push(contact);
    // A few people entered twice (same email, different Id), usually right after the original.
    if (i % 499 === 7) {
      contacts.push({ ...contact, Id: contactId(seq++), Email: contact.Email?.toUpperCase() ?? null });
    }
  }
  // A couple of numbers Twilio refuses as not E.164 (21211).
  const withPhone = contacts.filter((c) => c.MobilePhone !== null);
  if (withPhone[3]) withPhone[3].MobilePhone = '0049 151 1234';
  if (withPhone[11]) withPhone[11].MobilePhone = '+12';
  return contacts;
}
