/**
 * The GDPR Art. 34 communication to an affected person: in clear and plain language, what
 * happened, which data, likely consequences, what we are doing, what they can do, and how to reach
 * the DPO (Art. 34(2) with Art. 33(3)(b)–(d)). Wording per locale lives in locales/.
 */
import { normalizeText, oneLine } from './format.ts';
import { formatLocalDate } from './local-format.ts';
import { pickText, resolveLocale } from './locale.ts';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';
import type { DpoContact, RenderedMessage, TemplateParams } from './message-types.ts';
import { fitSms } from './sms.ts';

/** The wording of the affected-person message in one language. */
export interface AffectedPersonCopy {
  /** Intl locale for dates, e.g. "en-GB" for "1 March 2025". */
  dateLocale: string;
  subject(organisation: string, incidentId: string): string;
  greeting(name: string | undefined): string;
  intro(organisation: string, date: string): string;
  headings: {
    whatHappened: string;
    whatData: string;
    consequences: string;
    whatWeDo: string;
    whatYouCanDo: string;
    questions: string;
  };
  /** Used when no likely consequences were given. */
  defaultConsequences: string;
  /** Advice that always applies to exposed personal data. */
  standardAdvice: readonly string[];
  contact(dpo: DpoContact): string;
  /** The right to lodge a complaint (Art. 77), so people know where else to turn. */
  complaint: string;
  quoteReference(incidentId: string): string;
  closing(organisation: string): string;
  /** SMS: a short pointer; the reference stays in the head. */
  sms(organisation: string, incidentId: string, dpo: DpoContact): { head: string; body: string; tail: string };
}

/** Locales the affected-person message exists in. */
export const AFFECTED_PERSON_COPY: Readonly<Record<string, AffectedPersonCopy>> = { en, de, fr };

/**
 * The Intl locale for the recipient's dates: the tag they asked for when it is in the message's
 * language and names a region ("en-US"), else the language with their country ("en" in AU →
 * "en-AU"), else the copy's own (`dateLocale`).
 */
export function dateLocaleOf(copy: AffectedPersonCopy, tag: string, requested?: string, country?: string): string {
  const language = tag.split('-')[0]?.toLowerCase();
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
  return copy.dateLocale;
}

/** Renders the message in the best available locale for `locale` (see resolveLocale). */
export function renderAffectedPerson(
  locale: string | undefined,
  p: TemplateParams['affected-person'],
): RenderedMessage {
  const tag = resolveLocale(locale, Object.keys(AFFECTED_PERSON_COPY));
  const copy = AFFECTED_PERSON_COPY[tag] ?? en;
  const text = (t: Parameters<typeof pickText>[0]): string => normalizeText(pickText(t, tag));
  const bullets = (xs: readonly string[]): string => xs.map((x) => `- ${x}`).join('\n');
  const org = oneLine(p.organisation);

  const advice = [...(p.advice ?? []).map(text), ...copy.standardAdvice];
  const body = [
    copy.greeting(p.recipientName ? oneLine(p.recipientName) : undefined),
    copy.intro(org, formatLocalDate(p.detectedAt, dateLocaleOf(copy, tag, locale, p.country), p.timeZone ?? 'UTC')),
    `${copy.headings.whatHappened}\n${text(p.whatHappened)}`,
    `${copy.headings.whatData}\n${bullets(p.dataCategories.map((c) => oneLine(pickText(c, tag))))}`,
    `${copy.headings.consequences}\n${p.likelyConsequences ? text(p.likelyConsequences) : copy.defaultConsequences}`,
    `${copy.headings.whatWeDo}\n${text(p.measuresTaken)}`,
    `${copy.headings.whatYouCanDo}\n${bullets(advice)}`,
    `${copy.headings.questions}\n${copy.contact(p.dpo)} ${copy.quoteReference(p.incidentId)}\n${copy.complaint}`,
    copy.closing(org),
  ];
  return {
    subject: oneLine(copy.subject(org, p.incidentId)),
    text: body.join('\n\n') + '\n',
    sms: fitSms(copy.sms(org, p.incidentId, p.dpo)),
  };
}
