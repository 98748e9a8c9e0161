/**
 * Operator actions arrive as Signals and as Updates (DESIGN convention 3); both run one validation
 * first. A refused Signal changes nothing and is audited as refused; a refused Update is rejected
 * to its caller before anything is written to history.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Role } from '../domain/status.ts';
import { describeZodError } from '../domain/operator-actions.ts';
import type { ClaimDecision } from './identity.ts';

export type Validation<A> = { ok: true; action: A } | { ok: false; error: string };

/** One action: its wire definitions, its shape, who may take it. */
export interface ActionDefinition<Result> {
  signal: SignalDefinition<[never]>;
  update: UpdateDefinition<Result, [never]>;
  schema: z.ZodType<{ actor: { id: string; role: Role } }>;
  roles: readonly Role[];
}

export interface ActionHandlers<Name extends string, Result> {
  definitions: Record<Name, ActionDefinition<Result>>;
  /** Why the procedure's current state refuses the (well-formed, authorised) action, or null. */
  stateProblem(name: Name, action: unknown): string | null;
  /** Applies a validated action (state first, then its audit entry). */
  apply(name: Name, action: unknown): Promise<void>;
  /** What an accepted Update answers with. */
  result(): Result;
  /** Audits a refused Signal. */
  auditRefused(name: Name, actorId: string, error: string): Promise<void>;
  /**
   * Why the action's actor claim is refused (a privileged action without a valid signed claim),
   * or null. Checked in the handler, not the validator, so a refusal is audited from every entry
   * point; an accepted claim is then used up.
   */
  claimProblem?(name: Name, action: unknown): ClaimDecision | null;
  /** Whether this procedure verifies claims at all (procedures begun before it take actions as stated). */
  verifiesClaims?(): boolean;
  /** Resolves once the procedure can verify claims (the worker's keys fetched at its start). */
  identityReady?(): Promise<void>;
  useClaim?(action: unknown): void;
  auditClaimRefused?(name: Name, actorId: string, via: 'signal' | 'update', decision: ClaimDecision): Promise<void>;
}

/** Refuses the action for its claim: audited, and an Update's caller gets the reason. */
async function refusedForClaim<Name extends string>(
  handlers: ActionHandlers<Name, unknown>,
  name: Name,
  action: unknown,
  via: 'signal' | 'update',
): Promise<ClaimDecision | null> {
  await handlers.identityReady?.();
  const decision = handlers.claimProblem?.(name, action) ?? null;
  if (decision === null) {
    handlers.useClaim?.(action);
    return null;
  }
  await handlers.auditClaimRefused?.(name, actorIdOf(action), via, decision);
  return decision;
}

/** Shape, role, then state: the one validation behind a Signal and an Update. */
export function validateActionWith<Name extends string>(
  handlers: Pick<ActionHandlers<Name, unknown>, 'definitions' | 'stateProblem'>,
  name: Name,
  raw: unknown,
): Validation<unknown> {
  const definition = handlers.definitions[name];
  const parsed = definition.schema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `invalid ${name}: ${describeZodError(parsed.error)}` };
  const { actor } = parsed.data;
  if (!definition.roles.includes(actor.role)) {
    return {
      ok: false,
      error: `${name} requires role ${definition.roles.join(' or ')}; ${actor.id} has role ${actor.role}`,
    };
  }
  const problem = handlers.stateProblem(name, parsed.data);
  return problem ? { ok: false, error: problem } : { ok: true, action: parsed.data };
}

export function installActionHandlers<Name extends string, Result>(handlers: ActionHandlers<Name, Result>): void {
  for (const name of Object.keys(handlers.definitions) as Name[]) {
    const { signal, update } = handlers.definitions[name];
    const validate = (raw: unknown) => validateActionWith(handlers, name, raw);
    setHandler(signal as SignalDefinition<[unknown]>, async (raw: unknown) => {
      const result = validate(raw);
      if (!result.ok) return handlers.auditRefused(name, actorIdOf(raw), result.error);
      // No await at all for procedures that do not verify claims: their histories keep their order.
      if (handlers.verifiesClaims?.() === true) {
        if (await refusedForClaim(handlers as ActionHandlers<Name, unknown>, name, result.action, 'signal')) return;
      }
      await handlers.apply(name, result.action);
    });
    setHandler(
      update as UpdateDefinition<Result, [unknown]>,
      async (raw: unknown) => {
        const result = validate(raw);
        // The state changed between validator and handler: a rejection, never a failed workflow task.
        if (!result.ok) throw ApplicationFailure.nonRetryable(result.error, 'ActionRejected');
        if (handlers.verifiesClaims?.() === true) {
          const refused = await refusedForClaim(
            handlers as ActionHandlers<Name, unknown>,
            name,
            result.action,
            'update',
          );
          if (refused) throw ApplicationFailure.nonRetryable(`${name} refused: ${refused.message}`, 'ClaimRefused');
        }
        await handlers.apply(name, result.action);
        return handlers.result();
      },
      {
        validator: (raw: unknown) => {
          const result = validate(raw);
          if (!result.ok) throw new Error(result.error);
        },
      },
    );
  }
}

function actorIdOf(raw: unknown): string {
  const actor = (raw as { actor?: { id?: unknown } } | null)?.actor;
  return typeof actor?.id === 'string' ? actor.id.slice(0, 120) : 'unknown';
}
