/**
 * Procedure time on the time-skipping test server, and reading the procedure without stopping it.
 *
 * The server skips time only while its lock counter is 0 (the client holds one lock, released while
 * it sleeps; a retried activity holds one until it completes). A query that arrives while a workflow
 * task is scheduled or running is answered through that task and the lock it took is never released
 * (TestWorkflowMutableStateImpl completes such queries without StateMachines' `completeQuery`
 * unlock): from then on no time is skipped and a cell would take hours. So mid-run queries are made
 * only while the workflow is idle — no workflow task, activity or child in flight, nothing that could
 * schedule a task under the query — and otherwise left out; the cell reads the audit trail and the
 * sandbox's log instead. A workflow can still take a task between the look and the query (more
 * often on a busy machine): skipTime then finds the lock leaked and releases it.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED: waiting for its (next) attempt. */
const PENDING_ACTIVITY_STATE_SCHEDULED = 1;

/**
 * Whether nothing in the workflow can schedule a workflow task under a query: no workflow task, no
 * child, no activity attempt running (one backing off before its next attempt is fine: a failed
 * attempt schedules nothing, and its retry timer cannot fire while the client holds time).
 */
export async function isIdle(handle: WorkflowHandle, strictly = false): Promise<boolean> {
  const { raw } = await handle.describe();
  const activities = raw.pendingActivities ?? [];
  const children = raw.pendingChildren ?? [];
  const noTask = raw.pendingWorkflowTask === null || raw.pendingWorkflowTask === undefined;
  if (!strictly) {
    return (
      noTask && children.length === 0 && activities.every((a) => Number(a.state) === PENDING_ACTIVITY_STATE_SCHEDULED)
    );
  }
  // Strictly: not even an activity backing off (a retried attempt holds time until it completes);
  // a child may run, as long as it is strictly idle too (a query's leaked lock stalls a parent
  // waiting on its child just the same).
  if (!noTask || activities.length > 0) return false;
  for (const child of children) {
    if (
      !child.workflowId ||
      !(await isIdle(handle.client.getHandle(child.workflowId, child.runId ?? undefined), true))
    ) {
      return false;
    }
  }
  return true;
}

/** Runs `query` if the workflow is idle (see the module comment); undefined otherwise. */
export async function queryIfIdle<T>(handle: WorkflowHandle, query: () => Promise<T>): Promise<T | undefined> {
  return (await isIdle(handle)) ? query() : undefined;
}

/** Real time between two looks at a skip that has not come back. */
const POLL_MS = 500;
/** Looks in a row at an idle workflow whose clock creeps before a lock is taken for leaked. */
const CREEPING_LOOKS = 2;

/**
 * Skips `ms` of procedure time on `handle`'s server; throws after `realLimitMs` of real time.
 * Returns the leaked locks it released: while the workflow is idle nothing holds time legitimately
 * (the client's own lock is released while it sleeps), so a clock that only creeps at wall-clock
 * pace is a leaked lock (seen after a child workflow failed).
 */
export async function skipTime(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle | undefined,
  ms: number,
  realLimitMs: number,
): Promise<number> {
  const testService = env.connection.testService;
  let done = false;
  const sleeping = env.sleep(ms).finally(() => {
    done = true;
  });
  const giveUp = Date.now() + realLimitMs;
  let creeping = 0;
  let released = 0;
  for (;;) {
    const before = await env.currentTimeMs();
    const wallBefore = Date.now();
    if (await Promise.race([sleeping.then(() => true), delay(POLL_MS).then(() => false)])) return released;
    if (Date.now() > giveUp) {
      // The cell gives up; its server goes with it, but not before the sleep call returns (a call
      // still retrying when the connection closes throws outside any promise and ends the process).
      await unblock(testService, () => done);
      throw new Error(
        `skipping ${Math.round(ms / 60_000)} min of procedure time: no answer within ${realLimitMs / 1000} s`,
      );
    }
    const crept = (await env.currentTimeMs()) - before <= 2 * (Date.now() - wallBefore);
    creeping = crept && handle !== undefined && (await isIdle(handle, true)) ? creeping + 1 : 0;
    if (creeping < CREEPING_LOOKS || done || testService === undefined) continue;
    creeping = 0;
    const ok = await testService.unlockTimeSkipping({}).then(
      () => true,
      () => false,
    );
    if (!ok) continue;
    released++;
    // The sleep ended meanwhile: that lock was the client's, taken back at its end. Give it back.
    if (done) await testService.lockTimeSkipping({});
  }
}

/** Releases time locks until `returned()` (the pending sleep came back), at most 50 of them. */
async function unblock(
  testService: TestWorkflowEnvironment['connection']['testService'],
  returned: () => boolean,
): Promise<void> {
  for (let i = 0; i < 50 && !returned() && testService; i++) {
    await testService.unlockTimeSkipping({}).catch(() => undefined);
    await delay(100);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
