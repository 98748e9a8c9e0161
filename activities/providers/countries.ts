/**
 * CRMs hold countries as ISO codes and as names in several languages ("DE", "Germany",
 * "Deutschland"). This small table normalises them to ISO 3166-1 alpha-2 and back.
 */

/** ISO code → spellings seen in CRMs (matched case- and accent-insensitively) and a default locale. */
const COUNTRIES: Record<string, { names: readonly string[]; locale?: string }> = {
  AT: { names: ['Austria', 'Österreich'], locale: 'de' },
  AU: { names: ['Australia'], locale: 'en' },
  BE: { names: ['Belgium', 'België', 'Belgique', 'Belgien'] },
  CA: { names: ['Canada'], locale: 'en' },
  CH: { names: ['Switzerland', 'Schweiz', 'Suisse', 'Svizzera'], locale: 'de' },
  CZ: { names: ['Czech Republic', 'Czechia', 'Česko'], locale: 'cs' },
  DE: { names: ['Germany', 'Deutschland', 'Federal Republic of Germany'], locale: 'de' },
  DK: { names: ['Denmark', 'Danmark'], locale: 'da' },
  ES: { names: ['Spain', 'España'], locale: 'es' },
  FI: { names: ['Finland', 'Suomi'], locale: 'fi' },
  FR: { names: ['France'], locale: 'fr' },
  GB: {
    names: ['United Kingdom', 'UK', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
    locale: 'en',
  },
  GR: { names: ['Greece', 'Hellas'], locale: 'el' },
  IE: { names: ['Ireland', 'Éire', 'Republic of Ireland'], locale: 'en' },
  IT: { names: ['Italy', 'Italia'], locale: 'it' },
  LU: { names: ['Luxembourg', 'Luxemburg'], locale: 'fr' },
  NL: { names: ['Netherlands', 'The Netherlands', 'Holland', 'Nederland'], locale: 'nl' },
  NO: { names: ['Norway', 'Norge'], locale: 'nb' },
  PL: { names: ['Poland', 'Polska'], locale: 'pl' },
  PT: { names: ['Portugal'], locale: 'pt' },
  SE: { names: ['Sweden', 'Sverige'], locale: 'sv' },
  US: { names: ['United States', 'United States of America', 'USA', 'U.S.A.', 'U.S.'], locale: 'en' },
};

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\./g, '')
    .trim()
    .toLowerCase();
}

const BY_NAME = new Map<string, string>();
for (const [code, { names }] of Object.entries(COUNTRIES)) {
  BY_NAME.set(fold(code), code);
  for (const name of names) BY_NAME.set(fold(name), code);
}

/** ISO alpha-2 for a CRM country value; an unknown two-letter value is taken as a code; else undefined. */
export function toCountryCode(value: string | null | undefined): string | undefined {
  if (!value || value.trim() === '') return undefined;
  const known = BY_NAME.get(fold(value));
  if (known) return known;
  const trimmed = value.trim();
  return /^[A-Za-z]{2}$/.test(trimmed) ? trimmed.toUpperCase() : undefined;
}

/** The usual language of a country, when the person stated none. */
export function defaultLocaleFor(countryCode: string | undefined): string | undefined {
  return countryCode === undefined ? undefined : COUNTRIES[countryCode]?.locale;
}

/**
 * Every spelling a CRM might hold for the country `value` names (itself included), so a scope of
 * "DE" also finds "Germany" and "Deutschland". Unknown values come back alone, unchanged.
 */
export function countrySpellings(value: string): string[] {
  const code = BY_NAME.get(fold(value));
  const entry = code === undefined ? undefined : COUNTRIES[code];
  if (code === undefined || entry === undefined) return [value];
  // Accent-free variants too ("Osterreich"): SOQL equality ignores case but not accents.
  const plain = entry.names.map((n) => n.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  return [...new Set([value, code, ...entry.names, ...plain])];
}
