/**
 * What each message type hands its ICU template: the values of its parameters (message-types.ts),
 * made ready to print — one line where a line is meant, instants in the reader's zone and UTC,
 * yes/no for `select`. A template may use only these names (validate-template.ts).
 */
import { formatStaffInstant } from '../documents/local-format.ts';
import { formatInstant, normalizeText, oneLine } from '../documents/format.ts';
import { sha256Hex } from '../documents/hash.ts';
import { pickText } from '../documents/locale.ts';
import type { LocalizedText } from '../documents/locale.ts';
import type { TemplateId, TemplateParams } from '../documents/message-types.ts';
import { LOCKOUT_BUILDERS } from './lockout-arguments.ts';

/** Values an ICU template formats: strings, numbers (plural, number) and instants (date, time). */
export type TemplateArgument = string | number | Date;
export type TemplateArguments = Record<string, TemplateArgument>;

/** Context a builder needs beyond the parameters: the locale the template is rendered in. */
export interface ArgumentContext {
  locale: string;
  /** The Intl locale dates are written in (format-locale.ts); default: the template's locale. */
  formatLocale?: string;
}

type Builder<T extends TemplateId> = (p: TemplateParams[T], context: ArgumentContext) => TemplateArguments;

const yesNo = (b: boolean): 'yes' | 'no' => (b ? 'yes' : 'no');
/** An instant in the reader's zone and UTC, dates in the reader's locale. */
const at = (p: { timeZone?: string }, iso: string, c: ArgumentContext): string =>
  formatStaffInstant(iso, p.timeZone, c.formatLocale ?? c.locale);
const instant = (iso: string): Date => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: ${JSON.stringify(iso)}`);
  return new Date(ms);
};
const bullets = (xs: readonly string[]): string => xs.map((x) => `- ${x}\n`).join('');

/** The incident every staff message names. */
function incident(p: TemplateParams['ops-alert'] | { incidentId: string; title: string }): TemplateArguments {
  return { incidentId: p.incidentId, title: oneLine(p.title) };
}

/** The incident with its severity and awareness time. */
function severe(p: TemplateParams['ops-alert'], c: ArgumentContext): TemplateArguments {
  return {
    ...incident(p),
    severity: p.severity,
    severityUpper: p.severity.toUpperCase(),
    detectedAt: at(p, p.detectedAt, c),
    ackCommand: `herald incident ack ${p.incidentId}`,
  };
}

/** The draft awaiting legal approval, as its escalation and its review request name it. */
function approval(p: TemplateParams['approval-escalation'], c: ArgumentContext): TemplateArguments {
  return {
    ...incident(p),
    version: p.version,
    sha256: p.sha256,
    dueAt: at(p, p.dueAt, c),
    late: yesNo(p.late),
  };
}

const BUILDERS: { [T in TemplateId]: Builder<T> } = {
  'ops-alert': (p, c) => severe(p, c),
  'ops-escalation': (p, c) => ({
    ...severe(p, c),
    level: p.level,
    unacknowledgedSince: at(p, p.unacknowledgedSince, c),
    hasPage: yesNo(Boolean(p.page)),
    page: p.page ?? 0,
  }),
  'stakeholder-notice': (p, c) => ({
    ...severe(p, c),
    description: normalizeText(p.description),
    dataCategories: p.dataCategories.map(oneLine).join(', '),
    jurisdictions: p.jurisdictions.join(', '),
    affectedKnown: yesNo(p.affectedPeople !== null),
    affectedPeople: p.affectedPeople ?? 0,
    authorityNoticeDueAt: at(p, p.authorityNoticeDueAt, c),
  }),
  'deadline-missed': (p, c) => ({
    ...incident(p),
    milestoneId: p.milestoneId,
    milestoneTitle: oneLine(p.milestoneTitle),
    dueAt: at(p, p.dueAt, c),
  }),
  'deadline-at-risk': (p, c) => ({
    ...incident(p),
    milestoneId: p.milestoneId,
    milestoneTitle: oneLine(p.milestoneTitle),
    dueAt: at(p, p.dueAt, c),
    estimatedFinishAt: at(p, p.estimatedFinishAt, c),
    remaining: p.remaining,
    basis: oneLine(p.basis),
  }),
  'approval-escalation': (p, c) => approval(p, c),

  'authority-undelivered': (p, c) => ({
    ...incident(p),
    version: p.version,
    sha256: p.sha256,
    dueAt: at(p, p.dueAt, c),
    problem: oneLine(p.problem),
    retryCommand: p.retryCommand,
  }),
  'compliance-report': (p, c) => ({
    ...incident(p),
    generatedAt: at(p, p.generatedAt, c),
    sha256: p.sha256,
    hasVersion: yesNo(p.version !== undefined),
    version: p.version ?? 0,
    hasSummary: yesNo(Boolean(p.summary)),
    summary: oneLine(p.summary ?? ''),
  }),
  'authority-notice': (p) => {
    // Only the approved text may go out: the approval names its SHA-256.
    if (sha256Hex(p.noticeText) !== p.sha256) {
      throw new Error(
        `Authority notice v${p.version} for ${p.incidentId}: text does not match the approved SHA-256 ${p.sha256}`,
      );
    }
    return {
      ...incident(p),
      authorityName: oneLine(p.authorityName),
      controllerName: oneLine(p.controllerName),
      version: p.version,
      sha256: p.sha256,
      noticeText: p.noticeText,
    };
  },
  // The cover and the draft verbatim: legal approves the draft's exact text.
  'authority-review-request': (p, c) => ({
    ...approval(p, c),
    coverText: p.coverText,
    approveCommand: p.approveCommand,
    draftText: p.draftText,
  }),
  'affected-person': (p, { locale }) => {
    const text = (t: LocalizedText): string => normalizeText(pickText(t, locale));
    return {
      incidentId: p.incidentId,
      organisation: oneLine(p.organisation),
      hasName: yesNo(Boolean(p.recipientName)),
      recipientName: oneLine(p.recipientName ?? ''),
      detectedAt: instant(p.detectedAt),
      whatHappened: text(p.whatHappened),
      dataCategories: bullets(p.dataCategories.map((c) => oneLine(pickText(c, locale)))),
      hasConsequences: yesNo(Boolean(p.likelyConsequences)),
      likelyConsequences: p.likelyConsequences ? text(p.likelyConsequences) : '',
      measuresTaken: text(p.measuresTaken),
      extraAdvice: bullets((p.advice ?? []).map(text)),
      dpoName: p.dpo.name,
      dpoEmail: p.dpo.email,
      hasDpoPhone: yesNo(Boolean(p.dpo.phone)),
      dpoPhone: p.dpo.phone ?? '',
    };
  },
  // Times in UTC as the warning always showed them; hours as whole numbers, never below zero.
  'credential-warning': (p) => ({
    credential: p.credential,
    description: oneLine(p.description),
    expiresAt: formatInstant(p.expiresAt),
    checkedAt: formatInstant(p.checkedAt),
    hoursLeft: Math.max(0, Math.floor(p.hoursLeft)),
    thresholdHours: p.thresholdHours,
  }),
  ...LOCKOUT_BUILDERS,
};

/** The ICU arguments of `templateId` for `params`, rendered in `context.locale`. */
export function templateArguments<T extends TemplateId>(
  templateId: T,
  params: TemplateParams[T],
  context: ArgumentContext,
): TemplateArguments {
  return (BUILDERS[templateId] as Builder<T>)(params, context);
}
