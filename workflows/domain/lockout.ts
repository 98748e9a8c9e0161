/**
 * The compliance-lockout trigger: a security-control failure has locked the platform's Salesforce
 * integrations. Validated with zod at the edge; the workflow re-checks it defensively.
 */
import { z } from 'zod';
import { DRILL_WORKFLOW_PREFIX, isDrillId } from './drill.ts';
import { businessIdSchema, isoInstantSchema, SEVERITIES } from './incident.ts';

/** What locked the integrations out. */
export const LOCKOUT_CAUSES = [
  'token-expired-or-revoked',
  'acl-mismatch',
  'certificate-chain-failure',
  'audit-log-lockout',
  'data-residency-conflict',
] as const;
export type LockoutCause = (typeof LOCKOUT_CAUSES)[number];

/** Customer-facing and internal surfaces that degrade when Salesforce is unreachable. */
export const LOCKOUT_SURFACES = ['checkout', 'accounts', 'discovery', 'sync-jobs'] as const;
export type LockoutSurface = (typeof LOCKOUT_SURFACES)[number];

/** Regions the platform serves, as the crisis plan names them. */
export const LOCKOUT_REGIONS = ['EU', 'UK', 'US', 'CA', 'LATAM', 'APAC', 'MEA'] as const;
export type LockoutRegion = (typeof LOCKOUT_REGIONS)[number];

export const lockoutScopeSchema = z.object({
  surfaces: z.array(z.enum(LOCKOUT_SURFACES)).min(1),
  regions: z.array(z.enum(LOCKOUT_REGIONS)).min(1),
  /** Personal-data processing of EU customers is interrupted: starts the GDPR assessment. */
  euPersonalDataInterrupted: z.boolean(),
  /** Personal-data processing of UK customers is interrupted: the UK GDPR's 72 h ICO clock. */
  ukPersonalDataInterrupted: z.boolean().optional(),
});
export type LockoutScope = z.infer<typeof lockoutScopeSchema>;

/**
 * What the regulatory engine needs about the platform and this lockout: whether NIS2 or DORA binds
 * the platform, and the determinations and reports that start their clocks. Facts only grow: each
 * may be given at the trigger or later with a scope change, never changed once recorded.
 */
export const lockoutRegulatorySchema = z.object({
  /** NIS2 essential or important entity (Directive (EU) 2022/2555 Art. 3; an online marketplace is important, Annex II). */
  nis2Entity: z.enum(['essential', 'important']).optional(),
  /** Financial entity under DORA (Regulation (EU) 2022/2554 Art. 2), e.g. the platform's payment arm. */
  doraFinancialEntity: z.boolean().optional(),
  /** When the platform became aware the lockout is a significant incident (NIS2 Art. 23(3)-(4)). */
  nis2SignificantAt: isoInstantSchema.optional(),
  /** When the NIS2 incident notification was submitted (starts the one-month final report). */
  nis2IncidentNotificationAt: isoInstantSchema.optional(),
  /** When the ICT-related incident was classified as major (DORA Art. 18-19). */
  doraMajorAt: isoInstantSchema.optional(),
  doraInitialNotificationAt: isoInstantSchema.optional(),
  doraIntermediateReportAt: isoInstantSchema.optional(),
});
export type LockoutRegulatory = z.infer<typeof lockoutRegulatorySchema>;

export const lockoutIncidentSchema = lockoutScopeSchema.extend({
  lockoutId: businessIdSchema,
  /** Awareness: every clock of the crisis plan starts here. */
  detectedAt: isoInstantSchema,
  severity: z.enum(SEVERITIES),
  title: z.string().min(1).max(200),
  cause: z.enum(LOCKOUT_CAUSES),
  description: z.string().min(1).max(4000),
  reporter: z.object({ name: z.string().min(1).max(120), email: z.email().optional() }),
  /** Regulatory facts; none means no NIS2/DORA duty is known (GDPR follows the EU flag). */
  regulatory: lockoutRegulatorySchema.optional(),
});
export type LockoutIncident = z.infer<typeof lockoutIncidentSchema>;

/**
 * Business workflow id: the same lockout reported twice reaches the same procedure. A drill's id
 * (`drill-…`) gets `drill:` in front, so drills are never listed or counted as incidents.
 */
export function lockoutWorkflowId(lockoutId: string): string {
  return `${isDrillId(lockoutId) ? DRILL_WORKFLOW_PREFIX : ''}lockout:${lockoutId}`;
}
