/** Which Intl locale formats a template's dates and numbers for one reader. */

/** The regional form a language's texts use when the reader names none ("1 March 2025"). */
const DEFAULT_REGION: Readonly<Record<string, string>> = { en: 'en-GB', de: 'de-DE', fr: 'fr-FR' };

/**
 * The Intl locale for a reader of a template in `locale`: the tag they asked for when it is in the
 * template's language and names a region ("en-US"), else the language with their country ("en" in
 * AU → "en-AU"), else the language's default region.
 */
export function formatLocaleOf(locale: string, requested?: string, country?: string): string {
  const language = locale.split('-')[0]?.toLowerCase() ?? locale;
  const asked = requested?.trim().replace(/_/g, '-');
  const candidates = [
    asked && asked.split('-')[0]?.toLowerCase() === language && asked.includes('-') ? asked : undefined,
    country && /^[A-Za-z]{2}$/.test(country) ? `${language}-${country.toUpperCase()}` : undefined,
  ];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([candidate]).length > 0) return candidate;
    } catch {
      // not a well-formed tag: try the next
    }
  }
  return DEFAULT_REGION[language] ?? locale;
}
