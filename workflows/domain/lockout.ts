/**
 * The compliance-lockout trigger: a security-control failure has locked the platform's Salesforce
 * integrations. Validated with zod at the edge; the workflow re-checks it defensively.
 */
import { z } from 'zod';
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
});
export type LockoutScope = z.infer<typeof lockoutScopeSchema>;

export const lockoutIncidentSchema = lockoutScopeSchema.extend({
  lockoutId: businessIdSchema,
  /** Awareness: every clock of the crisis plan starts here. */
  detectedAt: isoInstantSchema,
  severity: z.enum(SEVERITIES),
  title: z.string().min(1).max(200),
  cause: z.enum(LOCKOUT_CAUSES),
  description: z.string().min(1).max(4000),
  reporter: z.object({ name: z.string().min(1).max(120), email: z.email().optional() }),
});
export type LockoutIncident = z.infer<typeof lockoutIncidentSchema>;

/** Business workflow id: the same lockout reported twice reaches the same procedure. */
export function lockoutWorkflowId(lockoutId: string): string {
  return `lockout:${lockoutId}`;
}
