/**
 * The directory: who is on call (by escalation level), who the stakeholders are, who receives the
 * compliance report, the DPO and the supervisory authority. Loaded from configuration at run time;
 * the procedure never carries a hard-coded list.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { CONTACT_GROUPS } from '../workflows/domain/contacts.ts';
import type { Contact, ContactGroup } from '../workflows/domain/contacts.ts';
import { canonicalTimeZone } from './local-time/zones.ts';

/** An IANA zone name, stored in its canonical spelling. */
const timeZoneSchema = z.string().transform((name, ctx) => {
  const zone = canonicalTimeZone(name);
  if (zone === undefined) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(name)} is not an IANA time zone such as Europe/Berlin` });
    return z.NEVER;
  }
  return zone;
});

const contactSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    role: z.string().optional(),
    email: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +4930123456')
      .optional(),
    locale: z.string().optional(),
    /** The zone this person reads times in; default the organisation's. */
    timeZone: timeZoneSchema.optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'needs an email or a phone' });

const group = z.array(contactSchema).min(1);

export const directorySchema = z.object({
  organisation: z.object({
    name: z.string().min(1),
    /** The organisation's zone: staff without one of their own, and affected people whose address gives none. Default UTC. */
    timeZone: timeZoneSchema.optional(),
  }),
  dpo: contactSchema,
  supervisoryAuthority: z.object({ name: z.string().min(1), contacts: group }),
  /** Escalation ladder: level 0 is paged first, each unacknowledged interval moves one level up. */
  onCall: z.array(group).min(1),
  stakeholders: group,
  compliance: group,
  legalEscalation: group,
  deadlineEscalation: group,
  /** Who renews certificates and rotates credentials: warned before an expiry. Default: on-call level 0. */
  credentialOwners: group.optional(),
  /**
   * Paged when the on-call ladder is exhausted without an acknowledgement (e.g. the head of IT or
   * a 24/7 service desk), so an unanswered alert ends with a person, not only an audit entry.
   */
  lastResort: group.optional(),
  /**
   * Where a drill's external notices go instead of their recipients (the authority, affected
   * people, customers, procurement): a mailbox and phone of the team's own. Email is plus-addressed
   * per recipient (`drills+<id>@…`). Without it a drill's external steps are blocked, never sent.
   */
  drillSink: contactSchema.optional(),
  /**
   * Groups whose drill messages go without the `[DRILL]` label, to practise answering as in a real
   * incident (e.g. `["on-call"]`; staff groups only). Default none: every message of a drill says `[DRILL]`.
   */
  drillUnlabelledGroups: z.array(z.enum(CONTACT_GROUPS).exclude(['supervisory-authority'])).optional(),
});
export type Directory = z.infer<typeof directorySchema>;

/** Contacts of a group; for 'on-call' the given escalation level (capped at the top of the ladder). */
export function contactsOf(directory: Directory, groupName: ContactGroup, level = 0): Contact[] {
  switch (groupName) {
    case 'on-call': {
      const top = directory.onCall.length - 1;
      const contacts = directory.onCall[Math.min(level, top)];
      if (!contacts) throw ApplicationFailure.nonRetryable('directory has no on-call level', 'ConfigurationError');
      return contacts;
    }
    case 'stakeholders':
      return directory.stakeholders;
    case 'compliance':
      return directory.compliance;
    case 'legal': {
      // Legal reviews notices: the stakeholders in the legal role, else legal's escalation contacts.
      const legal = directory.stakeholders.filter((c) => c.role === 'legal');
      return legal.length > 0 ? legal : directory.legalEscalation;
    }
    case 'legal-escalation':
      return directory.legalEscalation;
    case 'deadline-escalation':
      return directory.deadlineEscalation;
    case 'supervisory-authority':
      return directory.supervisoryAuthority.contacts;
    case 'dpo':
      return [directory.dpo];
    case 'last-resort':
      return directory.lastResort ?? [];
  }
}

/** Every contact of the organisation's own (all groups but the supervisory authority). */
export function staffContactsOf(directory: Directory): Contact[] {
  return [
    directory.dpo,
    ...directory.onCall.flat(),
    ...directory.stakeholders,
    ...directory.compliance,
    ...directory.legalEscalation,
    ...directory.deadlineEscalation,
    ...(directory.credentialOwners ?? []),
    ...(directory.lastResort ?? []),
  ];
}

/** The credential owners: the directory's `credentialOwners`, else on-call level 0. */
export function credentialOwnersOf(directory: Directory): Contact[] {
  return directory.credentialOwners ?? contactsOf(directory, 'on-call', 0);
}
