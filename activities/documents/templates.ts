/**
 * Herald's short messages: one entry point for every template id, over the texts Herald ships
 * (activities/templates/seed; ICU MessageFormat). Procedures render the registry's pinned versions
 * instead (activities/templates). Every message is localised (en, de, fr) with fallback
 * "de-AT" → "de" → "en".
 */
import { resolveLocale } from './locale.ts';
import type { RenderedMessage, TemplateId, TemplateParams } from './message-types.ts';
import { SEED_TEMPLATES } from '../templates/seed/seed-templates.ts';
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';

export type { RenderedMessage, TemplateId, TemplateParams } from './message-types.ts';
export { TEMPLATE_IDS } from './message-types.ts';

/** Locales each template exists in; English is the fallback. */
export function templateLocales(templateId: TemplateId): readonly string[] {
  return Object.keys(SEED_TEMPLATES[templateId]);
}

/** The locale a message for `templateId` will actually be rendered in for `locale`. */
export function resolveTemplateLocale(templateId: TemplateId, locale: string | undefined): string {
  return resolveLocale(locale, templateLocales(templateId));
}

/**
 * Renders `templateId` for `locale` (a BCP 47 tag; unknown or absent → English). The SMS is at
 * most 320 characters and always keeps the incident reference.
 */
export function renderMessage<T extends TemplateId>(
  templateId: T,
  locale: string | undefined,
  params: TemplateParams[T],
): RenderedMessage {
  return BUILT_IN_TEMPLATES.render(templateId, locale, params);
}
