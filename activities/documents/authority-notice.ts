/**
 * The GDPR Art. 33 notification to the supervisory authority, as plain text. Legal approves the
 * SHA-256 of this exact text, so rendering is deterministic: the same facts give the same bytes.
 */
import { noticeChecklist } from '../../workflows/domain/regulatory/notice-content.ts';
import type { ChecklistItem, NoticeFact } from '../../workflows/domain/regulatory/notice-content.ts';
import type { DataLeakIncident } from '../../workflows/domain/incident.ts';
import { formatCount, formatInstant, indent, isBlank, normalizeText, oneLine, sortedCounts } from './format.ts';

/** Wording for a fact not yet established: Art. 33(4) allows providing it in phases. */
export const NOT_YET_KNOWN = 'Not yet known; will be provided in phases per Art. 33(4) GDPR.';

/** Everything the notice states. Optional facts render as "not yet known" rather than vanish. */
export interface AuthorityNoticeFacts {
  incident: Pick<
    DataLeakIncident,
    | 'incidentId'
    | 'title'
    | 'description'
    | 'detectedAt'
    | 'dataCategories'
    | 'jurisdictions'
    | 'estimatedRecords'
    | 'likelyConsequences'
    | 'measuresTaken'
  >;
  /** Approximate number of data subjects: total (null when not yet known) and by ISO country code. */
  dataSubjects: { total: number | null; byCountry: Readonly<Record<string, number>> };
  /** Data protection officer, Art. 33(3)(b). */
  dpo: { name: string; email: string; phone?: string };
  /** Name of the supervisory authority addressed. */
  authorityName: string;
  /** Categories of data subjects, e.g. "students", "applicants"; not yet known when absent. */
  dataSubjectCategories?: readonly string[];
  /** Name of the controller (the university), when configured. */
  controllerName?: string;
  /** Draft version, from 1. */
  version: number;
  /** ISO instant the draft was produced. */
  draftedAt: string;
  /** True when the notice goes out after the 72-hour deadline of Art. 33(1). */
  late: boolean;
  /** Reasons for the delay; required (non-blank) when `late`, ignored otherwise. */
  delayReasons?: readonly string[];
}

/**
 * Renders the Art. 33 notice. Throws when `late` is true and no non-blank delay reason is given:
 * Art. 33(1) requires a late notification to be accompanied by the reasons for the delay.
 */
export function renderAuthorityNotice(facts: AuthorityNoticeFacts): string {
  const { incident } = facts;
  const reasons = (facts.delayReasons ?? []).map(normalizeText).filter((r) => r.length > 0);
  if (facts.late && reasons.length === 0) {
    throw new Error(
      `Authority notice for incident ${incident.incidentId} is late (after the 72-hour deadline of ` +
        'GDPR Art. 33(1)) but no reasons for the delay were given; Art. 33(1) requires them.',
    );
  }
  if (!Number.isInteger(facts.version) || facts.version < 1) {
    throw new Error(`Authority notice version must be a positive integer, got ${facts.version}`);
  }

  // The Art. 33(3) checklist: what this draft cannot fill yet follows in phases (Art. 33(4)).
  const toFollow = (noticeChecklist(ART_33_CLOCK, knownFacts(facts)) ?? []).filter((i) => i.state === 'operator');
  const phased = toFollow.length > 0;

  const sections = [
    header(facts, phased),
    natureSection(facts),
    dpoSection(facts.dpo),
    textSection('3. Likely consequences of the breach (Art. 33(3)(c))', incident.likelyConsequences),
    textSection(
      '4. Measures taken or proposed, including measures to mitigate possible adverse effects ' + '(Art. 33(3)(d))',
      incident.measuresTaken,
    ),
  ];
  if (facts.late) sections.push(delaySection(reasons));
  sections.push(closing(toFollow));
  return sections.join('\n\n') + '\n';
}

function header(facts: AuthorityNoticeFacts, phased: boolean): string {
  const lines = [
    'NOTIFICATION OF A PERSONAL DATA BREACH TO THE SUPERVISORY AUTHORITY',
    'pursuant to Article 33 of Regulation (EU) 2016/679 (GDPR)',
    '',
    `To: ${oneLine(facts.authorityName)}`,
  ];
  if (!isBlank(facts.controllerName)) lines.push(`Controller: ${oneLine(facts.controllerName ?? '')}`);
  lines.push(
    `Controller reference: ${facts.incident.incidentId}`,
    `Notice version: ${facts.version}`,
    `Drafted at: ${formatInstant(facts.draftedAt)}`,
    `Controller became aware of the breach at: ${formatInstant(facts.incident.detectedAt)}`,
    `Type of notification: ${phased ? 'initial, with information to follow in phases (Art. 33(4))' : 'complete'}`,
    `Submitted after the 72-hour deadline: ${facts.late ? 'yes (reasons in section 5)' : 'no'}`,
  );
  return lines.join('\n');
}

function natureSection(facts: AuthorityNoticeFacts): string {
  const { incident, dataSubjects } = facts;
  const lines = [
    '1. Nature of the personal data breach (Art. 33(3)(a))',
    '',
    `Title: ${oneLine(incident.title)}`,
    'Description:',
    indent(normalizeText(incident.description)),
    '',
    'Categories of personal data concerned:',
    ...incident.dataCategories.map((c) => `  - ${oneLine(c)}`),
    '',
    'Categories of data subjects concerned: ' + subjectCategories(facts.dataSubjectCategories),
    `Jurisdictions of the data subjects concerned: ${incident.jurisdictions.join(', ')}`,
    '',
    'Approximate number of data subjects concerned: ' +
      (dataSubjects.total === null ? NOT_YET_KNOWN : formatCount(dataSubjects.total)),
  ];
  const byCountry = sortedCounts(dataSubjects.byCountry);
  if (byCountry.length > 0) {
    lines.push('  By country of mailing address:');
    for (const [country, n] of byCountry) lines.push(`    ${country}: ${formatCount(n)}`);
  }
  lines.push(
    'Approximate number of personal data records concerned: ' +
      (incident.estimatedRecords === undefined ? NOT_YET_KNOWN : formatCount(incident.estimatedRecords)),
  );
  return lines.join('\n');
}

function subjectCategories(categories: readonly string[] | undefined): string {
  const named = (categories ?? []).filter((c) => !isBlank(c)).map(oneLine);
  return named.length > 0 ? named.join(', ') : NOT_YET_KNOWN;
}

function dpoSection(dpo: AuthorityNoticeFacts['dpo']): string {
  return [
    '2. Data protection officer: name and contact details (Art. 33(3)(b))',
    '',
    `Name: ${oneLine(dpo.name)}`,
    `Email: ${oneLine(dpo.email)}`,
    `Telephone: ${isBlank(dpo.phone) ? 'not provided; please use the email address above' : oneLine(dpo.phone ?? '')}`,
  ].join('\n');
}

function textSection(title: string, text: string | undefined): string {
  const body = isBlank(text) ? NOT_YET_KNOWN : normalizeText(text ?? '');
  return `${title}\n\n${indent(body)}`;
}

function delaySection(reasons: string[]): string {
  return [
    '5. Reasons for the delay (Art. 33(1))',
    '',
    'This notification is made later than 72 hours after the controller became aware of the',
    'breach, for the following reasons:',
    ...reasons.map((r) => indent(`- ${r}`).replace(/\n {2}/g, '\n    ')),
  ].join('\n');
}

function closing(toFollow: readonly ChecklistItem[]): string {
  const lines = ['The controller documents this breach, its effects and the remedial action taken (Art. 33(5)).'];
  if (toFollow.length > 0) {
    lines.push(
      'Information marked as not yet known will be provided in phases without undue further delay',
      '(Art. 33(4)):',
      ...toFollow.map((i) => `- ${i.element} (${i.provision})`),
    );
  }
  return lines.join('\n');
}

const ART_33_CLOCK = 'gdpr:art33:supervisory-authority';

/** What this draft's facts fill of Art. 33(3). */
function knownFacts(facts: AuthorityNoticeFacts): Set<NoticeFact> {
  const { incident, dataSubjects, dpo } = facts;
  const held: [NoticeFact, boolean][] = [
    ['description', !isBlank(incident.description)],
    ['data-categories', incident.dataCategories.length > 0],
    ['subject-categories', !(facts.dataSubjectCategories ?? []).every(isBlank)],
    ['people-count', dataSubjects.total !== null],
    ['record-count', incident.estimatedRecords !== undefined],
    ['contact-point', !isBlank(dpo.email) || !isBlank(dpo.phone)],
    ['likely-consequences', !isBlank(incident.likelyConsequences)],
    ['measures-taken', !isBlank(incident.measuresTaken)],
  ];
  return new Set(held.filter(([, known]) => known).map(([fact]) => fact));
}
