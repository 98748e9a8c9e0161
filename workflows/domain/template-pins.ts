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
  /** True when the version came from the procedure's pins; false: Herald's shipped texts (no pins), or see `unpinned`. */
  pinned: boolean;
  /**
   * Why a message was not rendered from pins although the registry was there: `added-after-pinning`
   * — the template is newer than the procedure's pins, so its shipped text (version 1) was used;
   * `approved-at-send` — a message of no procedure (nothing pins it), rendered from the version
   * approved when it was sent.
   */
  unpinned?: 'added-after-pinning' | 'approved-at-send';
  /** The template of the part this message wraps (the review request's approval-escalation cover). */
  cover?: TemplateUse;
}
