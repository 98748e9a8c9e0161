/**
 * Element lists for the clocks beyond the privacy-authority notices of notice-content.ts: DORA's
 * three reports (Delegated Regulation (EU) 2025/301), CERT-In's report, SEC Form 8-K Item 1.05,
 * HIPAA's business-associate notice and the state notices whose statutes list their content.
 * Clocks whose law only names a form or portal (HHS breach portal, Colorado's Attorney General)
 * have no list: the report says so.
 */
import type { ContentElement } from './notice-content-types.ts';

const DORA_GENERAL: readonly ContentElement[] = [
  { element: 'name, LEI and type of the financial entity', provision: 'RTS Art. 1(b)', fact: 'controller-name' },
  {
    element: 'contact details of the persons responsible for communicating with the authority',
    provision: 'RTS Art. 1(e)',
    fact: 'contact-point',
  },
];

export const DORA_CONTENT: Readonly<Record<string, readonly ContentElement[]>> = {
  'dora:initial-notification': [
    ...DORA_GENERAL,
    { element: 'incident reference code', provision: 'RTS Art. 2(a)' },
    { element: 'date and time of detection and of classification', provision: 'RTS Art. 2(b)', fact: 'discovery-date' },
    { element: 'description of the ICT-related incident', provision: 'RTS Art. 2(c)', fact: 'description' },
    { element: 'classification criteria that made the incident major', provision: 'RTS Art. 2(d)' },
    { element: 'Member States impacted', provision: 'RTS Art. 2(e)' },
    { element: 'how the incident was discovered', provision: 'RTS Art. 2(f)' },
    { element: 'whether a business continuity plan was activated', provision: 'RTS Art. 2(h)' },
  ],
  'dora:intermediate-report': [
    ...DORA_GENERAL,
    { element: 'date and time the incident occurred', provision: 'RTS Art. 3(b)' },
    { element: 'how each classification criterion was met', provision: 'RTS Art. 3(d)' },
    { element: 'type of incident; threats and techniques used, where applicable', provision: 'RTS Art. 3(e)–(f)' },
    { element: 'affected functional areas, business processes and infrastructure', provision: 'RTS Art. 3(g)–(h)' },
    { element: 'impact on the financial interest of clients', provision: 'RTS Art. 3(i)' },
    { element: 'reporting to other authorities', provision: 'RTS Art. 3(j)' },
    { element: 'temporary actions taken or planned to recover', provision: 'RTS Art. 3(k)', fact: 'measures-taken' },
    { element: 'indicators of compromise, where applicable', provision: 'RTS Art. 3(l)' },
  ],
  'dora:final-report': [
    ...DORA_GENERAL,
    { element: 'root causes of the incident', provision: 'RTS Art. 4' },
    { element: 'when the incident was resolved and the root cause addressed', provision: 'RTS Art. 4' },
    { element: 'how the incident was resolved', provision: 'RTS Art. 4', fact: 'measures-taken' },
    { element: 'direct and indirect costs and losses, and financial recoveries', provision: 'RTS Art. 4' },
  ],
};

export const OTHER_AUTHORITY_CONTENT: Readonly<Record<string, readonly ContentElement[]>> = {
  'cert-in:direction-ii:report': [
    { element: 'reporting organisation and its point of contact', provision: 'reporting form', fact: 'contact-point' },
    { element: 'type of incident and what was observed', provision: 'reporting form', fact: 'description' },
    {
      element: 'time the incident occurred and time it was detected',
      provision: 'reporting form',
      fact: 'discovery-date',
    },
    { element: 'affected systems, network and location', provision: 'reporting form' },
    { element: 'relevant technical information (logs, addresses, indicators)', provision: 'Direction (ii)' },
    { element: 'actions taken so far', provision: 'reporting form', fact: 'measures-taken' },
  ],
  'sec:8-k-item-1.05:filing': [
    { element: 'material aspects of the nature of the incident', provision: 'Item 1.05(a)', fact: 'description' },
    { element: 'material aspects of its scope and timing', provision: 'Item 1.05(a)' },
    {
      element: 'material impact, or reasonably likely material impact, including on financial condition and results',
      provision: 'Item 1.05(a)',
    },
  ],
  'hipaa:164.410:covered-entity': [
    {
      element: 'identification of each individual whose unsecured PHI was breached, to the extent possible',
      provision: '§ 164.410(c)(1)',
      fact: 'people-count',
    },
    {
      element: 'any other available information the covered entity must give individuals under § 164.404(c)',
      provision: '§ 164.410(c)(2)',
      fact: 'description',
    },
  ],
};

export const STATE_NOTICE_CONTENT: Readonly<Record<string, readonly ContentElement[]>> = {
  'us-ca:individuals': [
    {
      element: 'titled "Notice of Data Breach" with the five headings the statute names',
      provision: '§ 1798.82(d)(1)',
    },
    {
      element: 'name and contact information of the business',
      provision: '§ 1798.82(d)(2)(A)',
      fact: 'controller-name',
    },
    { element: 'types of personal information breached', provision: '§ 1798.82(d)(2)(B)', fact: 'data-categories' },
    {
      element: 'date, estimated date or date range of the breach',
      provision: '§ 1798.82(d)(2)(C)',
      fact: 'discovery-date',
    },
    { element: 'date of the notice', provision: '§ 1798.82(d)(2)(D)' },
    { element: 'whether notice was delayed by a law-enforcement investigation', provision: '§ 1798.82(d)(2)(E)' },
    { element: 'general description of the breach', provision: '§ 1798.82(d)(2)(F)', fact: 'description' },
    {
      element: 'credit reporting agencies’ numbers and addresses, if SSNs or ID numbers were exposed',
      provision: '§ 1798.82(d)(2)(G)',
    },
  ],
  'us-fl:individuals': [
    {
      element: 'date, estimated date or date range of the breach',
      provision: '§ 501.171(4)(e)',
      fact: 'discovery-date',
    },
    {
      element: 'description of the personal information accessed',
      provision: '§ 501.171(4)(e)',
      fact: 'data-categories',
    },
    {
      element: 'how to contact the covered entity about the breach',
      provision: '§ 501.171(4)(e)',
      fact: 'contact-point',
    },
  ],
  'us-fl:attorney-general': [
    { element: 'synopsis of the events surrounding the breach', provision: '§ 501.171(3)(b)1.', fact: 'description' },
    {
      element: 'number of Floridians affected or potentially affected',
      provision: '§ 501.171(3)(b)2.',
      fact: 'people-count',
    },
    { element: 'free services offered and how to use them', provision: '§ 501.171(3)(b)3.' },
    { element: 'a copy of the notice to individuals', provision: '§ 501.171(3)(b)4.' },
    {
      element: 'name and contact details of who can give more information',
      provision: '§ 501.171(3)(b)5.',
      fact: 'contact-point',
    },
  ],
  'us-ny:individuals': [
    { element: 'contact information of the business giving notice', provision: '§ 899-aa(7)', fact: 'contact-point' },
    {
      element: 'numbers and websites of the state and federal agencies on breach response and identity theft',
      provision: '§ 899-aa(7)',
    },
    { element: 'categories of information acquired', provision: '§ 899-aa(7)', fact: 'data-categories' },
  ],
  'us-ny:attorney-general': [
    { element: 'timing, content and distribution of the notices', provision: '§ 899-aa(8)(a)' },
    { element: 'approximate number of New Yorkers affected', provision: '§ 899-aa(8)(a)', fact: 'people-count' },
    { element: 'a copy of the template of the notice sent', provision: '§ 899-aa(8)(a)' },
  ],
  'us-tx:attorney-general': [
    {
      element: 'detailed description of the nature and circumstances of the breach',
      provision: '§ 521.053(i)(1)',
      fact: 'description',
    },
    { element: 'number of Texans affected', provision: '§ 521.053(i)(2)', fact: 'people-count' },
    { element: 'number of affected Texans sent a direct notice', provision: '§ 521.053(i)(2-a)' },
    { element: 'measures taken regarding the breach', provision: '§ 521.053(i)(3)', fact: 'measures-taken' },
    { element: 'measures intended after the notification', provision: '§ 521.053(i)(4)' },
    { element: 'whether law enforcement is investigating', provision: '§ 521.053(i)(5)' },
  ],
  'us-wa:attorney-general': [
    { element: 'number of Washington consumers affected', provision: '§ 19.255.010', fact: 'people-count' },
    { element: 'types of personal information involved', provision: '§ 19.255.010', fact: 'data-categories' },
    { element: 'time frame of exposure, if known', provision: '§ 19.255.010', fact: 'discovery-date' },
    { element: 'summary of the steps taken to contain the breach', provision: '§ 19.255.010', fact: 'measures-taken' },
    { element: 'a sample copy of the notice to consumers', provision: '§ 19.255.010' },
  ],
  'us-vt:individuals': [
    { element: 'the incident in general terms', provision: '§ 2435(b)(5)(A)', fact: 'description' },
    { element: 'type of personal information involved', provision: '§ 2435(b)(5)(B)', fact: 'data-categories' },
    {
      element: 'what the business did to protect it from further breach',
      provision: '§ 2435(b)(5)(C)',
      fact: 'measures-taken',
    },
    { element: 'a telephone number for further information', provision: '§ 2435(b)(5)(D)', fact: 'contact-point' },
    { element: 'advice to review account statements and monitor free credit reports', provision: '§ 2435(b)(5)(E)' },
    { element: 'approximate date of the breach', provision: '§ 2435(b)(5)(F)', fact: 'discovery-date' },
  ],
  'us-vt:attorney-general': [
    { element: 'date of the breach and date of its discovery', provision: '§ 2435(b)(3)', fact: 'discovery-date' },
    { element: 'preliminary description of the breach', provision: '§ 2435(b)(3)', fact: 'description' },
  ],
};
