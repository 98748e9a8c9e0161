/**
 * The template versions a procedure pinned at its start: per template id and locale, the approved
 * version and its SHA-256. Plain JSON (workflow state).
 */

/** One pinned variant. */
export interface PinnedTemplate {
  version: number;
  sha256: string;
}

/** templateId → locale → the pinned variant. */
export type TemplatePins = Record<string, Record<string, PinnedTemplate>>;

/** Which template variant a message was rendered from: what its audit entry names. */
export interface TemplateUse {
  templateId: string;
  /** The locale of the texts used. */
  locale: string;
  /** The locale the reader asked for, when they asked for one. */
  requestedLocale?: string;
  version: number;
  sha256: string;
  /** True when the reader's language had no variant and English was used instead. */
  fellBackToEnglish: boolean;
  /** True when the version came from the procedure's pins; false: Herald's shipped texts (no pins). */
  pinned: boolean;
}
