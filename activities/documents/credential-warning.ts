/**
 * The warning to a credential's owners before it expires, the credential id first; from the
 * template registry (seed/credential-warning.ts), in the owner's language.
 */
import { BUILT_IN_TEMPLATES } from '../templates/template-source.ts';
import type { TemplateSource } from '../templates/template-source.ts';
import type { RenderedMessage } from './message-types.ts';

export interface CredentialWarningInput {
  credential: string;
  /** For people: "TLS certificate of api.example.com:443". */
  description: string;
  /** ISO instant. */
  expiresAt: string;
  /** The threshold this warning is for (72, 24). */
  thresholdHours: number;
  /** Hours left when the watch looked. */
  hoursLeft: number;
  /** ISO instant of the check. */
  checkedAt: string;
}

/** Renders the warning from `templates` (the versions approved now, else the shipped texts) for a reader of `locale`. */
export function renderCredentialWarning(
  input: CredentialWarningInput,
  templates: TemplateSource = BUILT_IN_TEMPLATES,
  locale?: string,
): RenderedMessage {
  return templates.render('credential-warning', locale, input);
}
