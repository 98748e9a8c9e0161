/** The vocabulary of notice-content checklists: the facts Herald can hold and one element of a notice. */

/** The facts Herald can hold for a notice. */
export const NOTICE_FACTS = [
  'description',
  'data-categories',
  'subject-categories',
  'people-count',
  'record-count',
  'contact-point',
  'likely-consequences',
  'measures-taken',
  'discovery-date',
  'controller-name',
] as const;
export type NoticeFact = (typeof NOTICE_FACTS)[number];

export interface ContentElement {
  /** The element as the provision words it, shortened. */
  element: string;
  provision: string;
  /** The fact that fills it; absent: only the operator can supply it. */
  fact?: NoticeFact;
}
