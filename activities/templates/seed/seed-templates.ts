/** The texts Herald ships, per template id and locale: the registry's first approved versions. */
import type { TemplateId } from '../../documents/message-types.ts';
import type { TemplateTexts } from '../template-texts.ts';
import { AFFECTED_PERSON } from './affected-person.ts';
import { LOCKOUT_SEED } from './lockout-seed.ts';
import { STAFF_EN } from './staff-en.ts';

/** A template's texts per locale (BCP 47 tag → texts); English is always present. */
export type TemplateVariants = Readonly<Record<string, TemplateTexts>>;

export const SEED_TEMPLATES: { readonly [T in TemplateId]: TemplateVariants } = {
  'ops-alert': { en: STAFF_EN['ops-alert'] },
  'ops-escalation': { en: STAFF_EN['ops-escalation'] },
  'stakeholder-notice': { en: STAFF_EN['stakeholder-notice'] },
  'deadline-missed': { en: STAFF_EN['deadline-missed'] },
  'deadline-at-risk': { en: STAFF_EN['deadline-at-risk'] },
  'approval-escalation': { en: STAFF_EN['approval-escalation'] },
  'authority-undelivered': { en: STAFF_EN['authority-undelivered'] },
  'compliance-report': { en: STAFF_EN['compliance-report'] },
  'authority-notice': { en: STAFF_EN['authority-notice'] },
  'affected-person': AFFECTED_PERSON,
  ...LOCKOUT_SEED,
};
