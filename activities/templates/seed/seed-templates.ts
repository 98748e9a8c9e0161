/** The texts Herald ships, per template id and locale: the registry's first approved versions. */
import type { TemplateId } from '../../documents/message-types.ts';
import type { TemplateTexts } from '../template-texts.ts';
import { AFFECTED_PERSON } from './affected-person.ts';
import { CREDENTIAL_WARNING } from './credential-warning.ts';
import { LOCKOUT_SEED } from './lockout-seed.ts';
import { STAFF_DE } from './staff-de.ts';
import { STAFF_EN } from './staff-en.ts';
import type { DataLeakStaffTemplateId } from './staff-en.ts';
import { STAFF_FR } from './staff-fr.ts';

/** A template's texts per locale (BCP 47 tag → texts); English is always present. */
export type TemplateVariants = Readonly<Record<string, TemplateTexts>>;

/** A staff template in every language staff messages ship in. */
const staff = (id: DataLeakStaffTemplateId): TemplateVariants => ({
  en: STAFF_EN[id],
  de: STAFF_DE[id],
  fr: STAFF_FR[id],
});

export const SEED_TEMPLATES: { readonly [T in TemplateId]: TemplateVariants } = {
  'ops-alert': staff('ops-alert'),
  'ops-escalation': staff('ops-escalation'),
  'stakeholder-notice': staff('stakeholder-notice'),
  'deadline-missed': staff('deadline-missed'),
  'deadline-at-risk': staff('deadline-at-risk'),
  'approval-escalation': staff('approval-escalation'),
  'authority-undelivered': staff('authority-undelivered'),
  'compliance-report': staff('compliance-report'),
  'authority-notice': staff('authority-notice'),
  'authority-review-request': staff('authority-review-request'),
  'affected-person': AFFECTED_PERSON,
  'credential-warning': CREDENTIAL_WARNING,
  ...LOCKOUT_SEED,
};
