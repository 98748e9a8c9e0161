/**
 * What a notice must contain (issue 19, item 3): for the authority and individual clocks whose
 * content the provision lists, each required element, the provision that requires it and the fact
 * Herald holds for it, if any. A checklist is filled from the facts a procedure has; what is left
 * is for the operator to supply before filing. Plain data, checked on RULES_CHECKED_ON like the
 * rules. Clocks not listed here have no element list in Herald yet (the report says so).
 */

import { DORA_CONTENT, OTHER_AUTHORITY_CONTENT, STATE_NOTICE_CONTENT } from './notice-content-more.ts';
import type { ContentElement, NoticeFact } from './notice-content-types.ts';

export { NOTICE_FACTS } from './notice-content-types.ts';
export type { ContentElement, NoticeFact } from './notice-content-types.ts';

const GDPR_33: readonly ContentElement[] = [
  { element: 'nature of the breach', provision: 'Art. 33(3)(a)', fact: 'description' },
  { element: 'categories of data subjects', provision: 'Art. 33(3)(a)', fact: 'subject-categories' },
  { element: 'approximate number of data subjects', provision: 'Art. 33(3)(a)', fact: 'people-count' },
  { element: 'categories of personal data records', provision: 'Art. 33(3)(a)', fact: 'data-categories' },
  { element: 'approximate number of records', provision: 'Art. 33(3)(a)', fact: 'record-count' },
  {
    element: 'name and contact details of the DPO or contact point',
    provision: 'Art. 33(3)(b)',
    fact: 'contact-point',
  },
  { element: 'likely consequences', provision: 'Art. 33(3)(c)', fact: 'likely-consequences' },
  { element: 'measures taken or proposed, including mitigation', provision: 'Art. 33(3)(d)', fact: 'measures-taken' },
];

const GDPR_34: readonly ContentElement[] = [
  { element: 'nature of the breach, in clear and plain language', provision: 'Art. 34(2)', fact: 'description' },
  {
    element: 'name and contact details of the DPO or contact point',
    provision: 'Art. 34(2), 33(3)(b)',
    fact: 'contact-point',
  },
  { element: 'likely consequences', provision: 'Art. 34(2), 33(3)(c)', fact: 'likely-consequences' },
  {
    element: 'measures taken or proposed, including mitigation',
    provision: 'Art. 34(2), 33(3)(d)',
    fact: 'measures-taken',
  },
];

/** Each listed clock's elements. */
export const NOTICE_CONTENT: Readonly<Record<string, readonly ContentElement[]>> = {
  'gdpr:art33:supervisory-authority': GDPR_33,
  'uk-gdpr:art33:ico': GDPR_33,
  'gdpr:art34:individuals': GDPR_34,
  'uk-gdpr:art34:individuals': GDPR_34,
  'nis2:art23:early-warning': [
    { element: 'whether unlawful or malicious acts are suspected', provision: 'Art. 23(4)(a)' },
    { element: 'whether the incident could have a cross-border impact', provision: 'Art. 23(4)(a)' },
  ],
  'nis2:art23:incident-notification': [
    { element: 'update of the early warning', provision: 'Art. 23(4)(b)', fact: 'description' },
    { element: 'initial assessment: severity and impact', provision: 'Art. 23(4)(b)' },
    { element: 'indicators of compromise, where available', provision: 'Art. 23(4)(b)' },
  ],
  'nis2:art23:final-report': [
    { element: 'detailed description, severity and impact', provision: 'Art. 23(4)(d)(i)', fact: 'description' },
    { element: 'type of threat or root cause', provision: 'Art. 23(4)(d)(ii)' },
    { element: 'mitigation measures applied and ongoing', provision: 'Art. 23(4)(d)(iii)', fact: 'measures-taken' },
    { element: 'cross-border impact, where applicable', provision: 'Art. 23(4)(d)(iv)' },
  ],
  'hipaa:164.404:individuals': [
    {
      element: 'what happened, with the dates of the breach and of its discovery',
      provision: '§ 164.404(c)(1)(A)',
      fact: 'discovery-date',
    },
    { element: 'types of unsecured PHI involved', provision: '§ 164.404(c)(1)(B)', fact: 'data-categories' },
    { element: 'steps individuals should take to protect themselves', provision: '§ 164.404(c)(1)(C)' },
    {
      element: 'what the covered entity is doing to investigate, mitigate and protect',
      provision: '§ 164.404(c)(1)(D)',
      fact: 'measures-taken',
    },
    {
      element: 'contact procedures: toll-free number, email, website or postal address',
      provision: '§ 164.404(c)(1)(E)',
      fact: 'contact-point',
    },
  ],
  'glba:314.4(j):ftc': [
    {
      element: 'name and contact information of the institution',
      provision: '§ 314.4(j)(1)(i)',
      fact: 'controller-name',
    },
    { element: 'types of information involved', provision: '§ 314.4(j)(1)(ii)', fact: 'data-categories' },
    { element: 'date or date range of the event, if known', provision: '§ 314.4(j)(1)(iii)', fact: 'discovery-date' },
    {
      element: 'number of consumers affected or potentially affected',
      provision: '§ 314.4(j)(1)(iv)',
      fact: 'people-count',
    },
    { element: 'general description of the event', provision: '§ 314.4(j)(1)(v)', fact: 'description' },
    {
      element: 'whether law enforcement determined in writing that public notice would impede an investigation',
      provision: '§ 314.4(j)(1)(vi)',
    },
  ],
  'lgpd:anpd': [
    { element: 'nature of the personal data affected', provision: 'Art. 48 §1 I', fact: 'data-categories' },
    { element: 'the data subjects involved', provision: 'Art. 48 §1 II', fact: 'people-count' },
    { element: 'technical and security measures used to protect the data', provision: 'Art. 48 §1 III' },
    { element: 'risks related to the incident', provision: 'Art. 48 §1 IV', fact: 'likely-consequences' },
    { element: 'reasons for any delay', provision: 'Art. 48 §1 V' },
    {
      element: 'measures adopted or to be adopted to reverse or mitigate the effects',
      provision: 'Art. 48 §1 VI',
      fact: 'measures-taken',
    },
  ],
  'pipeda:s10.1:opc': [
    {
      element: 'circumstances of the breach and its cause, if known',
      provision: 'Regs. s. 2(1)(a)',
      fact: 'description',
    },
    { element: 'day or period of the breach', provision: 'Regs. s. 2(1)(b)', fact: 'discovery-date' },
    { element: 'personal information involved', provision: 'Regs. s. 2(1)(c)', fact: 'data-categories' },
    { element: 'estimated number of individuals at real risk', provision: 'Regs. s. 2(1)(d)', fact: 'people-count' },
    { element: 'steps taken to reduce the risk of harm', provision: 'Regs. s. 2(1)(e)', fact: 'measures-taken' },
    { element: 'steps taken or intended to notify individuals', provision: 'Regs. s. 2(1)(f)' },
    { element: 'a contact person who can answer questions', provision: 'Regs. s. 2(1)(g)', fact: 'contact-point' },
  ],
  ...DORA_CONTENT,
  ...OTHER_AUTHORITY_CONTENT,
  ...STATE_NOTICE_CONTENT,
};

export interface ChecklistItem extends ContentElement {
  /** `filled` from a fact Herald holds; `operator` must supply it before filing. */
  state: 'filled' | 'operator';
}

/** `clockId`'s checklist filled from the facts `known`; undefined when Herald lists no elements for it. */
export function noticeChecklist(clockId: string, known: ReadonlySet<NoticeFact>): ChecklistItem[] | undefined {
  const elements = NOTICE_CONTENT[clockId];
  return elements?.map((e) => ({ ...e, state: e.fact !== undefined && known.has(e.fact) ? 'filled' : 'operator' }));
}
