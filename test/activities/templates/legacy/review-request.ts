/**
 * The lines the authority notice's review request adds around its approval-escalation cover: the
 * subject, the approve command's label and the draft's heading, in the cover's language (the
 * cover's own text comes from the registry).
 */

interface ReviewWording {
  subject: (version: number, incidentId: string) => string;
  approveWith: string;
  draft: string;
}

const WORDING: Readonly<Record<string, ReviewWording>> = {
  en: {
    subject: (v, id) => `[Herald][REVIEW] Authority notice v${v} for ${id} needs legal approval`,
    approveWith: 'Approve with:',
    draft: 'draft',
  },
  de: {
    subject: (v, id) =>
      `[Herald][PRÜFUNG] Meldung an die Aufsichtsbehörde v${v} zu ${id} braucht die Freigabe der Rechtsabteilung`,
    approveWith: 'Freigeben mit:',
    draft: 'Entwurf',
  },
  fr: {
    subject: (v, id) =>
      `[Herald][EXAMEN] La notification à l'autorité v${v} pour ${id} doit être approuvée par le service juridique`,
    approveWith: 'Pour approuver :',
    draft: 'projet',
  },
};

/** The review request's subject and text around `coverText`, in `locale` (the cover's; else English). */
export function reviewRequest(
  locale: string | undefined,
  draft: { version: number; incidentId: string; body: string },
  coverText: string,
  approveCommand: string,
): { subject: string; text: string } {
  const w = WORDING[locale ?? 'en'] ?? WORDING.en!;
  return {
    subject: w.subject(draft.version, draft.incidentId),
    text: `${coverText}\n${w.approveWith} ${approveCommand}\n\n--- ${w.draft} v${draft.version} ---\n${draft.body}`,
  };
}
