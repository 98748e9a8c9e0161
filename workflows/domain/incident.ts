/**
 * The data-leak trigger: what an incident tool or operator tells Herald. Validated with zod at the
 * edge (client, API, CLI) so bad input starts nothing; the workflow re-checks it defensively.
 */
import { z } from 'zod';
import { DRILL_WORKFLOW_PREFIX, isDrillId } from './drill.ts';

/** Contact fields a CRM scope filter may name. Anything else is refused: no raw SOQL from payloads. */
export const CRM_FILTER_FIELDS = [
  'Id',
  'MailingCountry',
  'MailingState',
  'Program__c',
  'Campus__c',
  'Enrollment_Status__c',
] as const;
export type CrmFilterField = (typeof CRM_FILTER_FIELDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A value usable in a CRM filter: short, printable, no control characters. Escaped by the adapter. */
const filterValue = z
  .string()
  .min(1)
  .max(120)
  .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20), 'must not contain control characters');

export const crmConditionSchema = z
  .object({
    field: z.enum(CRM_FILTER_FIELDS),
    op: z.enum(['eq', 'in']),
    value: z.union([filterValue, z.array(filterValue).min(1).max(200)]),
  })
  .refine((c) => (c.op === 'in') === Array.isArray(c.value), {
    message: "op 'in' takes a list of values and op 'eq' a single value",
    path: ['value'],
  });
export type CrmCondition = z.infer<typeof crmConditionSchema>;

export const crmScopeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('records'),
    recordIds: z
      .array(z.string().regex(/^[a-zA-Z0-9]{15,18}$/, 'must be a 15- or 18-character Salesforce id'))
      .min(1)
      .max(2000),
  }),
  z.object({
    kind: z.literal('filter'),
    conditions: z.array(crmConditionSchema).min(1).max(10),
  }),
]);
export type CrmScope = z.infer<typeof crmScopeSchema>;

const isoInstant = z.iso.datetime({ offset: true });

/** An ISO-8601 instant with an offset (`2026-11-22T08:00:00Z`). */
export const isoInstantSchema = isoInstant;

/** A business id usable in a workflow id: letters, digits, dot, underscore, dash. */
export const businessIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore and dash only');

export const dataLeakIncidentSchema = z.object({
  incidentId: businessIdSchema,
  /** When the organisation became aware of the breach: every legal clock starts here. */
  detectedAt: isoInstant,
  severity: z.enum(SEVERITIES),
  title: z.string().min(1).max(200),
  /** Nature of the breach, in words (GDPR Art. 33(3)(a)). */
  description: z.string().min(1).max(4000),
  dataCategories: z.array(z.string().min(1).max(80)).min(1).max(30),
  /** ISO 3166-1 alpha-2 codes of the jurisdictions whose residents may be affected. */
  jurisdictions: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))
    .min(1)
    .max(50),
  crmScope: crmScopeSchema,
  estimatedRecords: z.number().int().nonnegative().optional(),
  likelyConsequences: z.string().max(2000).optional(),
  measuresTaken: z.string().max(2000).optional(),
  reporter: z.object({ name: z.string().min(1).max(120), email: z.email().optional() }),
});
export type DataLeakIncident = z.infer<typeof dataLeakIncidentSchema>;

/**
 * Business workflow id: re-triggering the same incident reaches the same procedure. A drill's id
 * (`drill-…`) gets `drill:` in front, so drills are never listed or counted as incidents.
 */
export function dataLeakWorkflowId(incidentId: string): string {
  return `${isDrillId(incidentId) ? DRILL_WORKFLOW_PREFIX : ''}data-leak:${incidentId}`;
}
