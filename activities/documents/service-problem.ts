/**
 * The page ops get when a service stops working for a procedure: what failed, since when, what
 * waits on it, what Herald does meanwhile and how to retry once it is fixed; from the template
 * registry (seed/lockout-*.ts). The SMS keeps the reference and the retry command whole.
 */
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { RenderedMessage } from './message-types.ts';

export interface ServiceProblem {
  /** The procedure's business id as the CLI takes it. */
  reference: string;
  service: string;
  failureType: string;
  cause: string;
  since: string;
  permanent: boolean;
  /** Steps waiting on the service. */
  steps: string[];
  /** The command that retries the waiting steps now. */
  retryCommand: string;
  /** Minutes between automatic re-checks. */
  recheckMinutes: number;
}

/** Renders the page from `templates` (the procedure's pins, else the shipped texts) for a reader of `locale`. */
export function renderServiceProblem(
  p: ServiceProblem,
  templates: TemplateSource = BUILT_IN_TEMPLATES,
  locale?: string,
): RenderedMessage {
  return templates.render('service-problem', locale, p);
}
