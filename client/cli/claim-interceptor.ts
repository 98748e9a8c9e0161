/**
 * Puts an actor claim into every privileged action `herald` sends as an Update (the policy in
 * workflows/domain/actor-claim.ts), whichever command sends it: one place, so a new command
 * cannot forget. Open actions (acknowledge, pause, retry, …) go as before.
 */
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { claimProcedureOf, claimRequired } from '../../workflows/domain/actor-claim.ts';
import type { Actor } from '../../workflows/domain/status.ts';
import type { ApiClaim } from './api-claims.ts';
import { CommandExit, EXIT } from './exit-codes.ts';

/** Where claims come from: the HTTP API (`ApiClaimSource`), or a trusted in-process signer (the demo). */
export interface ClaimSource {
  claimFor(workflowId: string, action: string, body: Readonly<Record<string, unknown>>): Promise<ApiClaim>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * With a claim source: the claim's actor replaces the one the command line named; another person
 * named with `--as` is refused, another role is reported. Without one: a privileged action is sent
 * as it is, with a warning that the procedure will refuse it.
 */
export function claimInterceptor(
  source: ClaimSource | undefined,
  warn: (text: string) => void,
): WorkflowClientInterceptor {
  return {
    async startUpdate(input, next) {
      const { workflowId } = input.workflowExecution;
      const procedure = claimProcedureOf(workflowId);
      const [action, ...rest] = input.args;
      if (procedure === null || !isRecord(action) || !claimRequired(procedure, input.updateName, action)) {
        return next(input);
      }
      if (source === undefined) {
        warn(
          `${input.updateName} needs a signed actor claim: set HERALD_API_URL and HERALD_API_TOKEN, or the procedure refuses it`,
        );
        return next(input);
      }
      const named = isRecord(action.actor) ? (action.actor as Partial<Actor>) : undefined;
      const { claim, actor } = await source.claimFor(workflowId, input.updateName, action);
      if (named?.id !== undefined && named.id !== actor.id) {
        throw new CommandExit(
          EXIT.usage,
          `--as ${named.id}, but HERALD_API_TOKEN is ${actor.id}'s: the token decides who acts (use your own token)`,
        );
      }
      if (named?.role !== undefined && named.role !== actor.role) {
        warn(`acting as ${actor.id} in role ${actor.role}, the token's (not --role ${named.role})`);
      }
      return next({ ...input, args: [{ ...action, actor, claim }, ...rest] });
    },
  };
}
