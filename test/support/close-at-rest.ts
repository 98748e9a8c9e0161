/**
 * Ending a test's procedure on the time-skipping server. A close cancels whatever the procedure has
 * in flight; when that includes an activity completing in the same workflow task, the
 * time-skipping server refuses the task, and every retry of it, for good (sdk-typescript#1058; the
 * real server takes it), and the test hangs until its time-out. Closed once the procedure waits on
 * nothing but timers, it races nothing: the test's client holds the server's clock while it looks,
 * so no timer fires between the look and the close.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { act } from '../../client/data-leak-client.ts';
import { isIdle } from '../faults/time-skipping.ts';
import { eventually } from './eventually.ts';
import { responder } from './workflow-harness.ts';

/** Closes a data-leak procedure as a false positive once it is at rest, and waits for its end. */
export async function closeAtRest(handle: WorkflowHandle, reason = 'end of test'): Promise<unknown> {
  await eventually(() => isIdle(handle, true), Boolean, `${handle.workflowId} at rest (waiting on timers only)`);
  await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason });
  return handle.result();
}
