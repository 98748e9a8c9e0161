/**
 * The request to legal to approve the authority notice: the `approval-escalation` cover wrapped in
 * the `authority-review-request` template (subject, approve command, the draft verbatim), both from
 * the registry, in one language.
 */
import type { TemplateSource } from '../templates/template-source.ts';
import type { RenderedMessage, TemplateParams } from './message-types.ts';

/** The review request for a reader of `locale`; its template names the cover's as `cover`. */
export function renderReviewRequest(
  templates: TemplateSource,
  locale: string | undefined,
  draft: TemplateParams['approval-escalation'],
  request: { approveCommand: string; draftText: string },
): RenderedMessage {
  const cover = templates.render('approval-escalation', locale, draft);
  const params = { ...draft, ...request, coverText: cover.text };
  let message = templates.render('authority-review-request', locale, params);
  // A procedure pinned before the German and French covers has English ones: the wrapper follows the cover.
  const coverLocale = cover.template?.locale;
  if (coverLocale !== undefined && message.template?.locale !== coverLocale) {
    message = templates.render('authority-review-request', coverLocale, params);
  }
  if (message.template === undefined || cover.template === undefined) return message;
  return { ...message, template: { ...message.template, cover: cover.template } };
}
