/**
 * The chaos test's audience: the sandbox seed's students, tidied so that every one of them must get
 * exactly one email and one SMS — a valid, unique address and a valid, unique mobile number each —
 * and all in the one programme the incident names.
 */
import { seedStudents } from '../../sandbox/seed.ts';
import type { SeedContact } from '../../sandbox/seed.ts';

/** The programme every chaos student is in; the incident's CRM scope names it. */
export const CHAOS_PROGRAM = 'Chaos Engineering';

/** `count` students, deterministic for `seed`, each with one deliverable email and phone. */
export function chaosStudents(count: number, seed: number): SeedContact[] {
  // The seed's duplicate Contacts (about one in 500) become people of their own: new address each.
  return seedStudents({ count, seed })
    .slice(0, count)
    .map((student, i) => ({
      ...student,
      Email: `student${i}.${student.LastName.normalize('NFD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase()}@chaos.example.edu`,
      // +49 15x with nine digits: E.164, unique per student.
      MobilePhone: `+4915${String(i).padStart(9, '0')}`,
      Program__c: CHAOS_PROGRAM,
    }));
}
