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
      await handlers.apply(name, result.action);
    });
    setHandler(
      update as UpdateDefinition<Result, [unknown]>,
      async (raw: unknown) => {
        const result = validate(raw);
        // The state changed between validator and handler: a rejection, never a failed workflow task.
        if (!result.ok) throw ApplicationFailure.nonRetryable(result.error, 'ActionRejected');
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
