/**
 * Typed helpers over the Temporal client for the compliance-lockout procedure, shared by the CLI,
 * the demo and monitors. Input is validated here, at the edge: bad input starts nothing.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
import type { LockoutAction, LockoutActionName } from '../workflows/domain/lockout-actions.ts';
import type { LockoutStatus } from '../workflows/domain/lockout-status.ts';
import { describeZodError } from '../workflows/domain/operator-actions.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../workflows/domain/search-attributes.ts';
import { lockoutActions, lockoutStatusQuery } from '../workflows/lockout/messages.ts';
import { lockoutStartSchema } from '../workflows/lockout/start-input.ts';
import type { LockoutStart } from '../workflows/lockout/start-input.ts';
import type { complianceLockout } from '../workflows/index.ts';
import { executeAction, InvalidInputError, startOrReach } from './procedure-client.ts';
import type { StartResult } from './procedure-client.ts';

/** Parses start input or throws InvalidInputError naming each bad field. */
export function parseLockoutInput(raw: unknown): LockoutStart {
  const parsed = lockoutStartSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`invalid lockout: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Starts the lockout procedure, or reaches the one already running for the same lockout id. */
export async function startLockout(
  client: Client,
  raw: unknown,
  taskQueue: string,
): Promise<StartResult<typeof complianceLockout>> {
  const input = parseLockoutInput(raw);
  const { incident } = input;
  return startOrReach<typeof complianceLockout>(client, {
    workflowType: 'complianceLockout',
    workflowId: lockoutWorkflowId(incident.lockoutId),
    taskQueue,
    args: [input],
    searchAttributes: [
      { key: INCIDENT_ID, value: incident.lockoutId },
      { key: SEVERITY, value: incident.severity },
      ...(input.drill ? [{ key: DRILL, value: input.drill.scenario }] : []),
    ],
    summary: `${input.drill ? 'Drill: compliance lockout' : 'Compliance lockout'} ${incident.lockoutId} (${incident.severity}, ${incident.cause}): ${incident.title}`,
    details: `Detected ${incident.detectedAt}. Surfaces: ${incident.surfaces.join(', ')}. Regions: ${incident.regions.join(', ')}.`,
  });
}

export function lockoutHandle(client: Client, lockoutId: string): WorkflowHandle<typeof complianceLockout> {
  return client.workflow.getHandle(lockoutWorkflowId(lockoutId));
}

export function getLockoutStatus(handle: WorkflowHandle): Promise<LockoutStatus> {
  return handle.query(lockoutStatusQuery);
}

/** Sends a lockout action as an Update: resolves with the new status or rejects with the reason. */
export function actOnLockout<N extends LockoutActionName>(
  handle: WorkflowHandle,
  name: N,
  action: LockoutAction<N>,
): Promise<LockoutStatus> {
  const update = lockoutActions[name].update as UpdateDefinition<LockoutStatus, [LockoutAction<N>]>;
  return executeAction(handle, update, action);
}
