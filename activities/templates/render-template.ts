/**
 * Renders a template's ICU texts (intl-messageformat) into a message: plural, select, number and
 * date rules of the reader's locale; dates in the reader's zone.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { oneLine } from '../documents/format.ts';
import { resolveLocale } from '../documents/locale.ts';
import type { RenderedMessage, TemplateId, TemplateParams } from '../documents/message-types.ts';
import { fitSms } from '../documents/sms.ts';
import { formatLocaleOf } from './format-locale.ts';
import type { TemplateVariants } from './seed/seed-templates.ts';
import { templateArguments } from './template-arguments.ts';
import type { TemplateArguments } from './template-arguments.ts';
import { TEMPLATE_FIELDS } from './template-texts.ts';
import type { TemplateTexts } from './template-texts.ts';

/** A rendered message and the variant it came from. */
export interface TemplateRendering {
  message: RenderedMessage;
  /** The locale of the texts used. */
  locale: string;
  /** True when the reader's language has no variant and English was used instead. */
  fellBack: boolean;
}

/**
 * Renders `templateId` from `variants` for a reader who asked for `requested` (BCP 47; absent →
 * English): the exact tag, then its language, then English.
 */
export function renderTemplate<T extends TemplateId>(
  templateId: T,
  variants: TemplateVariants,
  requested: string | undefined,
  params: TemplateParams[T],
): TemplateRendering {
  const locale = resolveLocale(requested, Object.keys(variants));
  const texts = variants[locale];
  if (texts === undefined) throw new Error(`template ${templateId} has no ${locale} variant`);
  const parts = renderParts(templateId, texts, locale, requested, params);
  return {
    message: {
      subject: oneLine(parts.subject),
      text: parts.text,
      sms: fitSms({ head: parts.smsHead, body: parts.smsBody, tail: parts.smsTail }),
    },
    locale,
    fellBack: requested !== undefined && language(requested) !== language(locale),
  };
}

/** Each part of `texts` formatted for the reader, the SMS parts not yet fitted. */
export function renderParts<T extends TemplateId>(
  templateId: T,
  texts: TemplateTexts,
  locale: string,
  requested: string | undefined,
  params: TemplateParams[T],
): TemplateTexts {
  const reader = params as { timeZone?: string; country?: string };
  const formatLocale = formatLocaleOf(locale, requested, reader.country);
  const args = templateArguments(templateId, params, { locale, formatLocale });
  const timeZone = reader.timeZone ?? 'UTC';
  const out = {} as TemplateTexts;
  for (const field of TEMPLATE_FIELDS) out[field] = formatText(texts[field], args, formatLocale, timeZone);
  return out;
}

function formatText(source: string, args: TemplateArguments, locale: string, timeZone: string): string {
  const out = compiled(source, locale, timeZone).format(args);
  if (typeof out !== 'string') throw new Error('a template part formatted to something other than text');
  return out;
}

function language(tag: string): string {
  return tag.trim().replace(/_/g, '-').split('-')[0]?.toLowerCase() ?? '';
}

/** Compiled formats by text, locale and zone: a mass notification renders one template many times. */
const cache = new Map<string, IntlMessageFormat>();
const CACHE_LIMIT = 1000;

function compiled(source: string, locale: string, timeZone: string): IntlMessageFormat {
  const key = `${locale}\u0000${timeZone}\u0000${source}`;
  let found = cache.get(key);
  if (found === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    found = new IntlMessageFormat(source, locale, dateFormats(timeZone), { ignoreTag: true });
    cache.set(key, found);
  }
  return found;
}

/** ICU's date and time styles (intl-messageformat merges these into its own), in the reader's zone. */
function dateFormats(timeZone: string): ConstructorParameters<typeof IntlMessageFormat>[2] {
  const styles = ['short', 'medium', 'long', 'full'] as const;
  const inZone = Object.fromEntries(styles.map((s) => [s, { timeZone }]));
  return { date: inZone, time: inZone };
}
