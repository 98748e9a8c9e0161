/**
 * Operator actions as data: their shapes (zod) and who may take them. The workflow adds the checks
 * that depend on the procedure's state (see workflows/data-leak/validate-action.ts).
 */
import { z } from 'zod';
import { MILESTONE_IDS } from './policy.ts';
import { SERVICES } from './blocked.ts';
import { claimField } from './actor-claim.ts';
import { recordDeterminationSchema, recordSubmissionSchema } from './regulatory-record.ts';
import { actorSchema } from './actor.ts';
import type { Role } from './status.ts';

export { actorSchema };

const reason = z.string().trim().min(3, 'a reason of at least 3 characters is required').max(2000);

export const acknowledgeSchema = z.object({
  actor: actorSchema,
  note: z.string().max(2000).optional(),
});

export const approveSchema = z.object({
  actor: actorSchema,
  /** Draft version approved, and the SHA-256 of its exact text: approval binds to that text. */
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-character hex SHA-256 of the draft text'),
});

export const rejectSchema = z.object({
  actor: actorSchema,
  version: z.number().int().positive(),
  reason,
  /** A corrected full text from legal; the next draft uses it. */
  replacementText: z.string().min(20).max(50_000).optional(),
});

export const OVERRIDE_KINDS = ['pause', 'resume', 'send-now', 'skip', 'close-false-positive'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const overrideSchema = z.object({
  actor: actorSchema,
  kind: z.enum(OVERRIDE_KINDS),
  milestone: z.enum(MILESTONE_IDS).optional(),
  reason,
});

/** Try the steps a failing service holds up again now (after fixing a key, an address, a quota). */
export const retrySchema = z.object({
  actor: actorSchema,
  /** Only this service's steps; default every blocked service. */
  service: z.enum(SERVICES).optional(),
  note: z.string().trim().max(2000).optional(),
});

export type AcknowledgeAction = z.infer<typeof acknowledgeSchema>;
export type ApproveAction = z.infer<typeof approveSchema>;
export type RejectAction = z.infer<typeof rejectSchema>;
export type OverrideAction = z.infer<typeof overrideSchema>;
export type RetryAction = z.infer<typeof retrySchema>;

/** Every action as it arrives: its fields plus the optional signed actor claim (actor-claim.ts). */
export const ACTION_SCHEMAS = {
  acknowledge: acknowledgeSchema.extend(claimField),
  approve: approveSchema.extend(claimField),
  reject: rejectSchema.extend(claimField),
  override: overrideSchema.extend(claimField),
  retry: retrySchema.extend(claimField),
  recordDetermination: recordDeterminationSchema.extend(claimField),
  recordSubmission: recordSubmissionSchema.extend(claimField),
} as const;
export type ActionName = keyof typeof ACTION_SCHEMAS;

/** Roles allowed to take each action. Only legal decides on the authority notice. */
export const ACTION_ROLES: Record<ActionName, readonly Role[]> = {
  acknowledge: ['responder', 'legal'],
  approve: ['legal'],
  reject: ['legal'],
  override: ['responder', 'legal'],
  retry: ['responder', 'legal', 'compliance'],
  // Determinations and filings carry legal weight: legal or compliance, never the responder alone.
  recordDetermination: ['legal', 'compliance'],
  recordSubmission: ['legal', 'compliance'],
};

/** Turns a zod error into one line naming each offending field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}
