/**
 * What legal and the DPO are told about a legal clock: at risk (its slack is running out) or
 * missed (the due time passed unmet); from the template registry (seed/lockout-*.ts). The SMS
 * keeps the reference and the due time whole.
 */
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { RenderedMessage } from './message-types.ts';

export interface LegalClockNotice {
  /** The procedure's business id. */
  reference: string;
  kind: 'at-risk' | 'missed';
  clock: {
    id: string;
    regime: string;
    jurisdiction: string;
    title: string;
    recipient: string;
    dueAt: string;
    source: string;
    meansOfMeeting: 'herald-sends' | 'operator-files';
  };
  /** The command that records the filing that meets it. */
  recordCommand: string;
}

/** Renders the notice from `templates` (the procedure's pins, else the shipped texts) for a reader of `locale`. */
export function renderLegalClockNotice(
  p: LegalClockNotice,
  templates: TemplateSource = BUILT_IN_TEMPLATES,
  locale?: string,
): RenderedMessage {
  return templates.render('legal-clock-notice', locale, p);
}
