/**
 * What operators record about an incident's legal position, in both procedures: determinations
 * that start clocks (a high risk assessed, a materiality decision…) and submissions to regulators
 * Herald does not reach itself (a filing with its reference). The record only grows: a recorded
 * determination is never changed; a correction is a new entry with its reason, and the latest
 * entry counts. Plain JSON; pure functions.
 */
import { z } from 'zod';
import { actorSchema } from './actor.ts';
import { isoInstantSchema } from './incident.ts';
import type { IncidentFactsInput } from './regulatory/facts.ts';

/** Determinations, each with the engine's fact it sets. */
export const DETERMINATION_FACTS = {
  'breach-determined': 'breachDeterminedAt',
  'high-risk-assessed': 'highRiskAssessedAt',
  'sec-material': 'secMaterialAt',
  'dora-major': 'doraMajorAt',
  'nis2-significant': 'nis2SignificantAt',
  'sg-notifiable': 'sgNotifiableAt',
  'au-eligible': 'auEligibleAt',
} as const;
export type Determination = keyof typeof DETERMINATION_FACTS;
export const DETERMINATIONS = Object.keys(DETERMINATION_FACTS) as [Determination, ...Determination[]];

const reason = z.string().trim().min(10, 'state the basis in at least 10 characters').max(4000);

export const recordDeterminationSchema = z.object({
  actor: actorSchema,
  determination: z.enum(DETERMINATIONS),
  /** When it was made (clocks count from here). */
  at: isoInstantSchema,
  reason,
  /** True to correct an earlier entry for the same determination (a new entry; the old one stays). */
  correction: z.boolean().optional(),
});

export const recordSubmissionSchema = z.object({
  actor: actorSchema,
  /** The legal clock the submission meets, e.g. "sec:8-k-item-1.05:filing". */
  clockId: z.string().trim().min(3).max(120),
  /** When it was filed. */
  at: isoInstantSchema,
  /** Portal reference, filing or case number. */
  reference: z.string().trim().min(1).max(200),
  /** Who filed it. */
  filedBy: z.string().trim().min(1).max(120),
  note: z.string().trim().max(2000).optional(),
});

export type RecordDeterminationAction = z.infer<typeof recordDeterminationSchema>;
export type RecordSubmissionAction = z.infer<typeof recordSubmissionSchema>;

export interface RecordedDetermination {
  at: string;
  by: string;
  reason: string;
  recordedAt: string;
  correction?: boolean;
}

export interface RecordedSubmission {
  at: string;
  reference: string;
  filedBy: string;
  recordedBy: string;
  recordedAt: string;
  note?: string;
}

/** The record: every entry ever made, oldest first. */
export interface RegulatoryRecord {
  determinations: Partial<Record<Determination, RecordedDetermination[]>>;
  submissions: Record<string, RecordedSubmission[]>;
}

export function emptyRecord(): RegulatoryRecord {
  return { determinations: {}, submissions: {} };
}

/** Submissions whose filing starts a later clock, by the clock they meet → the engine's fact. */
const SUBMISSION_FACTS: Record<string, keyof NonNullable<IncidentFactsInput['submissions']>> = {
  'dora:initial-notification': 'doraInitialNotificationAt',
  'dora:intermediate-report': 'doraIntermediateReportAt',
  'nis2:art23:incident-notification': 'nis2IncidentNotificationAt',
  'lgpd:anpd': 'anpdCommunicationAt',
};

/** A US state's notice to its residents ("us-ca:individuals") → its jurisdiction ("US-CA"). */
function individualsNoticeJurisdiction(clockId: string): string | null {
  const match = /^us-([a-z]{2}):individuals$/.exec(clockId);
  return match?.[1] ? `US-${match[1].toUpperCase()}` : null;
}

/** The engine's facts from the record: the latest entry of each determination, the first filing. */
export function recordedFacts(
  record: RegulatoryRecord,
): Pick<IncidentFactsInput, 'breachDeterminedAt' | 'determinations' | 'submissions'> {
  const determinations: Record<string, string> = {};
  let breachDeterminedAt: string | undefined;
  for (const [name, entries] of Object.entries(record.determinations) as [Determination, RecordedDetermination[]][]) {
    const latest = entries.at(-1);
    if (!latest) continue;
    if (name === 'breach-determined') breachDeterminedAt = latest.at;
    else determinations[DETERMINATION_FACTS[name]] = latest.at;
  }
  const submissions: Record<string, unknown> = {};
  const individualsNotifiedAt: Record<string, string> = {};
  for (const [clockId, entries] of Object.entries(record.submissions)) {
    const first = entries[0];
    if (!first) continue;
    const fact = SUBMISSION_FACTS[clockId];
    if (fact) submissions[fact] = first.at;
    const state = individualsNoticeJurisdiction(clockId);
    if (state) individualsNotifiedAt[state] = first.at;
  }
  return {
    ...(breachDeterminedAt ? { breachDeterminedAt } : {}),
    determinations,
    submissions: { ...submissions, individualsNotifiedAt },
  };
}

/** Why the record refuses a determination (recorded already, and this is no correction), or null. */
export function determinationProblem(record: RegulatoryRecord, action: RecordDeterminationAction): string | null {
  const latest = record.determinations[action.determination]?.at(-1);
  if (latest && action.correction !== true) {
    return (
      `${action.determination} is already recorded (at ${latest.at} by ${latest.by}); a recorded fact is not ` +
      'changed: send a correction (correction: true) with its reason'
    );
  }
  if (!latest && action.correction === true) return `there is no recorded ${action.determination} to correct`;
  return null;
}
