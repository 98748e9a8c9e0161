/**
 * Herald's short messages: one entry point for every template id. Staff messages are English;
 * the affected-person message is localised (en, de, fr) with fallback "de-AT" → "de" → "en".
 */
import { AFFECTED_PERSON_COPY, renderAffectedPerson } from './affected-person.ts';
import { resolveLocale } from './locale.ts';
import type { RenderedMessage, TemplateId, TemplateParams } from './message-types.ts';
import { STAFF_TEMPLATES } from './staff-messages.ts';

export type { RenderedMessage, TemplateId, TemplateParams } from './message-types.ts';
export { TEMPLATE_IDS } from './message-types.ts';

/** Locales each template exists in; the first entry is the fallback. */
export function templateLocales(templateId: TemplateId): readonly string[] {
  return templateId === 'affected-person' ? Object.keys(AFFECTED_PERSON_COPY) : ['en'];
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
  // The casts only re-attach what the generic already guarantees: params belongs to templateId.
  if (templateId === 'affected-person') {
    return renderAffectedPerson(locale, params as TemplateParams['affected-person']);
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: T is not narrowed
  const render = STAFF_TEMPLATES[templateId as Exclude<TemplateId, 'affected-person'>] as (
    p: TemplateParams[T],
  ) => RenderedMessage;
  return render(params);
}
