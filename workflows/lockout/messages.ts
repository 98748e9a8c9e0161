/** Wire names of the lockout procedure's messages: one source for client and workflow. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LockoutAction, LockoutActionName } from '../domain/lockout-actions.ts';
import type { LockoutStatus } from '../domain/lockout-status.ts';

type SignalOf<N extends LockoutActionName> = ReturnType<typeof defineSignal<[LockoutAction<N>]>>;
type UpdateOf<N extends LockoutActionName> = ReturnType<typeof defineUpdate<LockoutStatus, [LockoutAction<N>]>>;

function pair<N extends LockoutActionName>(name: N): { signal: SignalOf<N>; update: UpdateOf<N> } {
  return {
    signal: defineSignal<[LockoutAction<N>]>(name),
    update: defineUpdate<LockoutStatus, [LockoutAction<N>]>(name),
  };
}

/** Every operator action, each as a Signal and an Update of the same name. */
export const lockoutActions = {
  acknowledge: pair('acknowledge'),
  approveStatusText: pair('approveStatusText'),
  scopeChange: pair('scopeChange'),
  escalateNow: pair('escalateNow'),
  resolve: pair('resolve'),
  close: pair('close'),
  procurementContacted: pair('procurementContacted'),
  retry: pair('retry'),
  recordDetermination: pair('recordDetermination'),
  recordSubmission: pair('recordSubmission'),
};

export const lockoutStatusQuery = defineQuery<LockoutStatus>('status');
