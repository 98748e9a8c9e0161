/** The lockout procedure's and the procedure notices' shipped texts, per template id and locale. */
import { LOCKOUT_TEMPLATE_IDS } from '../../documents/lockout-message-types.ts';
import type { LockoutTemplateParams } from '../../documents/lockout-message-types.ts';
import type { TemplateTexts } from '../template-texts.ts';
import { LOCKOUT_DE } from './lockout-de.ts';
import { LOCKOUT_EN } from './lockout-en.ts';
import { LOCKOUT_FR } from './lockout-fr.ts';
import type { LockoutTexts } from './lockout-en.ts';

/** Every locale the lockout texts ship in; English first (the fallback). */
const LOCALES: Record<string, LockoutTexts> = { en: LOCKOUT_EN, de: LOCKOUT_DE, fr: LOCKOUT_FR };

export const LOCKOUT_SEED = Object.fromEntries(
  LOCKOUT_TEMPLATE_IDS.map((id) => [
    id,
    Object.fromEntries(Object.entries(LOCALES).map(([locale, texts]) => [locale, texts[id]])),
  ]),
) as { readonly [T in keyof LockoutTemplateParams]: Readonly<Record<string, TemplateTexts>> };
