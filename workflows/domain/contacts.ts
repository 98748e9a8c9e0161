/** Who gets told what: directory groups resolved at run time from configuration. */

/** Groups of people in the directory (config file), never a hard-coded list. */
export const CONTACT_GROUPS = [
  'on-call',
  'stakeholders',
  'compliance',
  'legal',
  'legal-escalation',
  'deadline-escalation',
  'supervisory-authority',
  'dpo',
  'last-resort',
] as const;
export type ContactGroup = (typeof CONTACT_GROUPS)[number];

/** A person or mailbox Herald can reach. At least one of email and phone is set. */
export interface Contact {
  /** Stable key for the delivery ledger (directory id or CRM record id). */
  id: string;
  name: string;
  role?: string;
  email?: string;
  phone?: string;
  /** BCP 47 language tag, e.g. "en", "de". */
  locale?: string;
  /** IANA time zone the person reads dates in, e.g. "America/Los_Angeles" (as stated in the CRM or directory). */
  timeZone?: string;
}

/** An affected person as read from the CRM. */
export interface AffectedPerson extends Contact {
  /** ISO 3166-1 alpha-2 country of the mailing address. */
  country?: string;
  state?: string;
}

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a send can go: a person's email or phone, or the team chat webhook (the last fallback). */
export type LedgerChannel = Channel | 'chat';
