/**
 * What the accessibility review judges and how it decides, without the browser: a version is
 * rendered with the sample parameters into the email the reader gets (the HTML layout, its plain
 * text) and its SMS; the review passes when axe-core finds nothing in the HTML, the plain text is
 * not empty and the SMS fits its segment budget. The browser half is client/templates/template-reviewer.ts.
 */
import { oneLine } from '../documents/format.ts';
import { emailHtml } from './email-html.ts';
import { renderParts } from './render-template.ts';
import { SAMPLE_PARAMS } from './sample-params.ts';
import type { ReviewViolation, TemplateReview, TemplateVersion } from './template-lifecycle.ts';
import { isTemplateId, validateTemplate } from './validate-template.ts';

/** A version rendered for review: the HTML to run axe-core over, and what was found without it. */
export interface ReviewSubject {
  html: string;
  problems: string[];
  sms?: TemplateReview['sms'];
}

/** Renders `version` with its message type's sample parameters and checks its plain text and SMS. */
export function reviewSubject(version: Pick<TemplateVersion, 'templateId' | 'locale' | 'texts'>): ReviewSubject {
  const { templateId, locale, texts } = version;
  if (!isTemplateId(templateId)) throw new Error(`no message type ${JSON.stringify(templateId)}`);
  const parts = renderParts(templateId, texts, locale, locale, SAMPLE_PARAMS[templateId]);
  const subject = oneLine(parts.subject);
  const problems: string[] = [];
  if (parts.text.trim() === '') problems.push('text: the plain-text part is empty with the sample parameters');
  // Validation computes the SMS's segments; its SMS problems are the budget's.
  const validation = validateTemplate(templateId, locale, texts);
  problems.push(...validation.problems.filter((p) => p.startsWith('sms:')));
  return {
    html: emailHtml({ subject, text: parts.text, lang: locale }),
    problems,
    ...(validation.sms ? { sms: validation.sms } : {}),
  };
}

/** The review of `version` from its subject and axe-core's answer. */
export function reviewOf(
  version: Pick<TemplateVersion, 'sha256' | 'locale'>,
  subject: ReviewSubject,
  axe: { version: string; violations: ReviewViolation[] },
  at: string,
): TemplateReview {
  const findings = [
    ...axe.violations.map(
      (v) => `email: ${v.id} (${v.impact ?? 'unrated'}): ${v.help} (${v.nodes} element${v.nodes === 1 ? '' : 's'})`,
    ),
    ...subject.problems,
  ];
  return {
    passed: findings.length === 0,
    at,
    findings,
    sha256: version.sha256,
    locale: version.locale,
    axe,
    ...(subject.sms ? { sms: subject.sms } : {}),
  };
}
