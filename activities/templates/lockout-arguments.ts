/**
 * The ICU arguments of the lockout procedure's templates and of the service-problem and legal-clock
 * notices. Times are shown as the texts showed them before the registry ("2026-03-06 17:50 UTC"),
 * except to customers: theirs are in their own zone and date form as well
 * ("06.03.2026 18:50 Europe/Berlin (17:50 UTC)");
 * a value the workflow may leave out comes with a yes/no `has…` so each locale words its absence.
 * Select keys are ICU identifiers (no hyphens): causes and kinds are mapped to them here.
 */
import type { LockoutCause, LockoutScope } from '../../workflows/domain/lockout.ts';
import { formatInstant, oneLine } from '../documents/format.ts';
import { formatStaffInstant } from '../documents/local-format.ts';
import type { CustomerRef, LockoutRef, LockoutTemplateParams } from '../documents/lockout-message-types.ts';
import type { ArgumentContext, TemplateArguments } from './template-arguments.ts';

type Builder<T extends keyof LockoutTemplateParams> = (
  p: LockoutTemplateParams[T],
  context: ArgumentContext,
) => TemplateArguments;

const yesNo = (b: boolean): 'yes' | 'no' => (b ? 'yes' : 'no');
const has = (x: string | undefined): 'yes' | 'no' => yesNo(Boolean(x));
const at = (iso: string | undefined): string => (iso ? formatInstant(iso) : '');

/** The cause as an ICU select key; each locale words it. */
const CAUSE_KEYS: Record<LockoutCause, string> = {
  'token-expired-or-revoked': 'token',
  'acl-mismatch': 'acl',
  'certificate-chain-failure': 'certificate',
  'audit-log-lockout': 'auditLog',
  'data-residency-conflict': 'residency',
};

/** The surfaces in customers' words, per language (English when a language has none). */
const SURFACE_WORDS: Record<string, Record<LockoutScope['surfaces'][number], string>> = {
  en: {
    checkout: 'checkout',
    accounts: 'account management',
    discovery: 'product discovery',
    'sync-jobs': 'data synchronisation',
  },
  de: {
    checkout: 'Checkout',
    accounts: 'Kontoverwaltung',
    discovery: 'Produktsuche',
    'sync-jobs': 'Datensynchronisation',
  },
  fr: {
    checkout: 'paiement',
    accounts: 'gestion des comptes',
    discovery: 'recherche de produits',
    'sync-jobs': 'synchronisation des données',
  },
};

/** "hour" / "2 hours" / "30 minutes" (workflows/lockout/tracks.ts cadenceWords) as unit and count. */
function cadence(words: string | undefined): TemplateArguments {
  const given = words ?? 'hour';
  const match = /^(\d+(?:\.\d+)?) (hours|minutes)$/.exec(given);
  const unit = given === 'hour' ? 'hour' : (match?.[2] ?? 'other');
  return { cadence: given, cadenceUnit: unit, cadenceCount: match ? Number(match[1]) : 1 };
}

/** The lockout and its scope, as every staff lockout message names them. */
function lockout({ incident: i, scope }: LockoutRef): TemplateArguments {
  return {
    lockoutId: i.lockoutId,
    title: oneLine(i.title),
    severityUpper: i.severity.toUpperCase(),
    cause: CAUSE_KEYS[i.cause],
    detectedAt: formatInstant(i.detectedAt),
    surfaces: scope.surfaces.join(', '),
    surfacesShort: scope.surfaces.join('/'),
    regions: scope.regions.join(', '),
    regionsShort: scope.regions.join('/'),
    euInterrupted: yesNo(scope.euPersonalDataInterrupted),
    ackCommand: `herald lockout ack ${i.lockoutId}`,
  };
}

/** An instant as a customer reads it: in their zone and UTC, the date in their locale's form (UTC alone without a zone). */
const local = (p: CustomerRef, iso: string | undefined, c: ArgumentContext): string =>
  iso ? formatStaffInstant(iso, p.timeZone, c.formatLocale ?? c.locale) : '';

/** The lockout as a customer reads it: the reference, since when, what is affected, where. */
function customer(p: CustomerRef, c: ArgumentContext): TemplateArguments {
  const words = SURFACE_WORDS[c.locale.split('-')[0] ?? 'en'] ?? SURFACE_WORDS.en!;
  return {
    lockoutId: p.incident.lockoutId,
    title: oneLine(p.incident.title),
    accountName: p.accountName,
    since: local(p, p.incident.detectedAt, c),
    affected: p.scope.surfaces.map((s) => words[s]).join(', '),
    regions: p.scope.regions.join(', '),
    regionsShort: p.scope.regions.join('/'),
  };
}

export const LOCKOUT_BUILDERS: { [T in keyof LockoutTemplateParams]: Builder<T> } = {
  'lockout-alert': (p) => lockout(p),
  'lockout-escalation': (p) => ({
    ...lockout(p),
    level: p.level ?? '?',
    hasReason: has(p.reason),
    reason: oneLine(p.reason ?? ''),
    hasPage: has(p.page),
    page: p.page ?? '',
  }),
  'lockout-stakeholder-notice': (p) => ({
    ...lockout(p),
    description: oneLine(p.incident.description),
    ...cadence(p.cadence),
  }),
  'lockout-status-update': (p) => ({
    ...lockout(p),
    sequence: p.sequence ?? '',
    hasApprovedText: has(p.approvedText),
    approvedText: oneLine(p.approvedText ?? ''),
    hasNextAt: has(p.nextAt),
    nextAt: at(p.nextAt),
  }),
  'lockout-resolution': (p) => ({
    ...lockout(p),
    hasResolvedAt: has(p.resolvedAt),
    resolvedAt: at(p.resolvedAt),
    hasRootCause: yesNo(p.rootCause !== undefined),
    rootCause: oneLine(p.rootCause ?? ''),
  }),
  'lockout-deadline-missed': (p) => ({
    ...lockout(p),
    milestoneTitle: oneLine(p.title ?? ''),
    milestone: p.milestone ?? '',
    hasDueAt: has(p.dueAt),
    dueAt: at(p.dueAt),
  }),
  'lockout-report-cover': (p) => ({
    lockoutId: p.lockoutId,
    kind: p.kind === 'compliance-report' ? 'compliance' : 'postIncident',
    sha256Short: p.sha256.slice(0, 12),
    reportText: p.reportText,
  }),
  'lockout-customer-notice': (p, c) => ({ ...customer(p, c), ...cadence(p.cadence) }),
  'lockout-procurement-notice': (p, c) => ({
    ...customer(p, c),
    documentVersion: p.documentVersion ?? '?',
  }),
  'lockout-procurement-escalation': (p, c) => ({
    ...customer(p, c),
    documentVersion: p.documentVersion ?? '?',
    hasNoticeSentAt: has(p.noticeSentAt),
    noticeSentAt: local(p, p.noticeSentAt, c),
    hasAccountId: yesNo(p.accountId !== undefined),
    accountId: p.accountId ?? '',
  }),
  'lockout-customer-resolution': (p, c) => ({
    ...customer(p, c),
    hasResolvedAt: has(p.resolvedAt),
    resolvedAt: local(p, p.resolvedAt, c),
    hasRootCause: yesNo(p.rootCause !== undefined),
    rootCause: oneLine(p.rootCause ?? ''),
  }),
  'service-problem': (p) => ({
    reference: p.reference,
    service: p.service,
    failureType: p.failureType,
    cause: oneLine(p.cause),
    since: formatInstant(p.since),
    permanent: yesNo(p.permanent),
    hasSteps: has(p.steps.join(', ')),
    steps: p.steps.join(', '),
    retryCommand: p.retryCommand,
    recheckMinutes: p.recheckMinutes,
  }),
  'legal-clock-notice': ({ reference, kind, clock, recordCommand }) => ({
    reference,
    kind: kind === 'missed' ? 'missed' : 'atRisk',
    clockTitle: oneLine(clock.title),
    regime: clock.regime,
    jurisdiction: clock.jurisdiction,
    recipient: oneLine(clock.recipient),
    dueAt: formatInstant(clock.dueAt),
    source: oneLine(clock.source),
    heraldSends: yesNo(clock.meansOfMeeting === 'herald-sends'),
    recordCommand,
  }),
};
