/** The lockout procedure's operator actions as data: their shapes (zod) and who may take them. */
import { z } from 'zod';
import { acknowledgeSchema, actorSchema, retrySchema } from './operator-actions.ts';
import { claimField } from './actor-claim.ts';
import { recordDeterminationSchema, recordSubmissionSchema } from './regulatory-record.ts';
import { LOCKOUT_REGIONS, LOCKOUT_SURFACES, lockoutRegulatorySchema } from './lockout.ts';
import type { Role } from './status.ts';

const reason = z.string().trim().min(3, 'a reason of at least 3 characters is required').max(2000);

export const approveStatusTextSchema = z.object({
  actor: actorSchema,
  /** The words every following status update carries. */
  text: z.string().trim().min(10).max(4000),
});

/** The scope change's fields; {@link scopeChangeSchema} adds the rule that one must be named. */
export const scopeChangeFieldsSchema = z.object({
  actor: actorSchema,
  surfaces: z.array(z.enum(LOCKOUT_SURFACES)).min(1).optional(),
  regions: z.array(z.enum(LOCKOUT_REGIONS)).min(1).optional(),
  euPersonalDataInterrupted: z.boolean().optional(),
  ukPersonalDataInterrupted: z.boolean().optional(),
  /** Regulatory facts learnt since (a NIS2 significance determination, a DORA classification, a report filed). */
  regulatory: lockoutRegulatorySchema.optional(),
  reason,
  ...claimField,
});

export const scopeChangeSchema = scopeChangeFieldsSchema.refine(
  (a) =>
    a.surfaces !== undefined ||
    a.regions !== undefined ||
    a.euPersonalDataInterrupted !== undefined ||
    a.ukPersonalDataInterrupted !== undefined ||
    (a.regulatory !== undefined && Object.keys(a.regulatory).length > 0),
  {
    message: 'name at least one of surfaces, regions, euPersonalDataInterrupted, ukPersonalDataInterrupted, regulatory',
  },
);

export const escalateNowSchema = z.object({ actor: actorSchema, reason });
export const resolveSchema = z.object({
  actor: actorSchema,
  rootCause: z.string().trim().min(10, 'state the root cause in at least 10 characters').max(4000),
});
export const closeSchema = z.object({ actor: actorSchema, reason });
/** Someone reached an at-risk account's procurement contacts themselves: that account is confirmed. */
export const procurementContactedSchema = z.object({
  actor: actorSchema,
  accountId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, 'must be a Salesforce Account Id'),
  note: z.string().trim().max(2000).optional(),
});

/** Every action as it arrives: its fields plus the optional signed actor claim (actor-claim.ts). */
export const LOCKOUT_ACTION_SCHEMAS = {
  acknowledge: acknowledgeSchema.extend(claimField),
  approveStatusText: approveStatusTextSchema.extend(claimField),
  scopeChange: scopeChangeSchema,
  escalateNow: escalateNowSchema.extend(claimField),
  resolve: resolveSchema.extend(claimField),
  close: closeSchema.extend(claimField),
  procurementContacted: procurementContactedSchema.extend(claimField),
  retry: retrySchema.extend(claimField),
  recordDetermination: recordDeterminationSchema.extend(claimField),
  recordSubmission: recordSubmissionSchema.extend(claimField),
} as const;
export type LockoutActionName = keyof typeof LOCKOUT_ACTION_SCHEMAS;

/** The actions' objects without cross-field rules: for documenting a body and deriving it (`.omit`). */
export const LOCKOUT_ACTION_FIELDS: Record<LockoutActionName, z.ZodObject> = {
  ...LOCKOUT_ACTION_SCHEMAS,
  scopeChange: scopeChangeFieldsSchema,
};
export type LockoutAction<N extends LockoutActionName> = z.infer<(typeof LOCKOUT_ACTION_SCHEMAS)[N]>;

export const LOCKOUT_ACTION_ROLES: Record<LockoutActionName, readonly Role[]> = {
  acknowledge: ['responder', 'compliance'],
  approveStatusText: ['responder', 'legal', 'compliance'],
  scopeChange: ['responder', 'compliance'],
  escalateNow: ['responder', 'compliance'],
  resolve: ['responder'],
  close: ['responder', 'legal'],
  procurementContacted: ['responder', 'compliance'],
  retry: ['responder', 'compliance'],
  recordDetermination: ['legal', 'compliance'],
  recordSubmission: ['legal', 'compliance'],
};
