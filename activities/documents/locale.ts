/** Locale resolution for Herald's messages: exact tag, then its language, then English. */

/** Text given once, or per BCP 47 tag (e.g. `{ en: '…', de: '…' }`), resolved like templates. */
export type LocalizedText = string | Readonly<Record<string, string>>;

export const DEFAULT_LOCALE = 'en';

/**
 * Picks the best of `available` for `requested`: the exact tag (case-insensitive), then the
 * language part ("de-AT" → "de"), then "en". Returns the tag as spelled in `available`.
 */
export function resolveLocale(requested: string | undefined, available: readonly string[]): string {
  const find = (tag: string): string | undefined => available.find((a) => a.toLowerCase() === tag.toLowerCase());
  const wanted = (requested ?? '').trim().replace(/_/g, '-');
  const language = wanted.split('-')[0] ?? '';
  return (wanted && find(wanted)) || (language && find(language)) || DEFAULT_LOCALE;
}

/** Resolves a LocalizedText for `locale`; falls back to English, then to any text given. */
export function pickText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const tags = Object.keys(text);
  const tag = resolveLocale(locale, tags);
  return text[tag] ?? text[tags[0] ?? ''] ?? '';
}
