/**
 * Runs one fault-matrix cell: a sandbox of its own, the worker's real adapters built from the same
 * configuration as in production (provider time-out 1 s), the procedure on the time-skipping
 * server; the fault put in place before the trigger, held for a stretch of procedure time while
 * operators act as they would, lifted, an operator `retry` if steps are still blocked after a
 * re-check, then the procedure run to its end. The verdict comes from the sandbox's own log and
 * the audit trail (checks.ts); anything that goes wrong in the run itself is reported, not thrown.
 */
import { WorkflowFailedError } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { withTimeout } from '../../activities/providers/timeout.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import type { PostgresServer } from '../support/postgres-server.ts';
import { runScenario, startHarness } from '../support/workflow-harness.ts';
import type { Harness } from '../support/workflow-harness.ts';
import type { Cell } from './cells.ts';
import {
  auditVerifies,
  channelsReaching,
  deliveries,
  milestones,
  noDuplicates,
  notFailed,
  onCallReached,
  people,
} from './checks.ts';
import type { Check } from './checks.ts';
import { pendingWork } from './diagnostics.ts';
import { faultPlan } from './fault-plans.ts';
import { AFFECTED_PROGRAM, describeBlocked, sendRetry, startProcedure } from './procedures.ts';
import type { CellStatus, ProcedureRun } from './procedures.ts';
import { storeUnderFault } from './store-faults.ts';
import { queryIfIdle, skipTime } from './time-skipping.ts';
import type { StoreUnderFault } from './store-faults.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Procedure time between two looks at the procedure (status, blocked steps, operators' turn). */
const STEP_MS = 5 * MINUTE;
/** The first alert's deadline in both procedures: the on-call must be reached by then, fault or not. */
const ALERT_DEADLINE_MS = 15 * MINUTE;
/** Procedure time before operators conclude (resolve the lockout): after its 4-hour report deadline. */
const CONCLUDE_AFTER_MS = 4.5 * HOUR;
/** After the lift: long enough for several of the procedures' periodic re-checks. */
const RECHECK_WAIT_MS = 30 * MINUTE;
/** Procedure time a cell runs on after the lift, waiting for the end: past every deadline of the procedure. */
const RUN_ON_MS: Record<Cell['procedure'], number> = { 'data-leak': 80 * HOUR, lockout: 8 * HOUR };
/**
 * Real time one skip may take: the server holds time while a retried activity runs, and the mass
 * notification retries sends in place, in real time.
 */
const SKIP_WAIT_MS = 180_000;
/**
 * Real time a whole cell may take: the slowest pass in a whole run takes about 5 min. Checked
 * before every skip (each bounded by SKIP_WAIT_MS), so a run of the matrix always ends.
 */
export const CELL_LIMIT_MS = 12 * MINUTE;
/** Real time an operator action or a status query may take before the cell gives up on it. */
const CALL_WAIT_MS = 20_000;
/** The adapters' per-call deadline in the cells: time-out faults cost a second each. */
export const CELL_PROVIDER_TIMEOUT_MS = 1_000;

export type CellOutcome = 'pass' | 'fail' | 'n/a' | 'error';

export interface CellResult {
  id: string;
  procedure: Cell['procedure'];
  provider: Cell['provider'];
  fault: Cell['fault'];
  outcome: CellOutcome;
  /** n/a: why not; fail: the failed checks; error: what broke in the run. */
  reason: string;
  /** The fault as injected. */
  description?: string;
  checks: Check[];
  /** Blocked steps the status showed during the fault, or that the status has no such list. */
  blocked: string[] | 'no blocked list';
  /** Blocked steps the status still showed at the end. */
  blockedAtEnd: string[];
  /** Whether the operator `retry` was needed after the re-check, and what came of it. */
  retry: string;
  /** Whether the procedure completed after the fault was lifted. */
  recovered: boolean;
  /** The workflow's final execution state (RUNNING, COMPLETED, FAILED, …). */
  state: string;
  /** Still running at the end: its history's last events, workflow tasks by name. */
  historyTail?: string;
  /** Failure-related audit entries by type (track.failed, delivery.failed, milestone.missed, …). */
  audited: Record<string, number>;
  /** Time locks the test server leaked and the cell released (see time-skipping.ts). */
  leakedLocks: number;
  /** Errors the worker threw outside any promise while the cell ran (they would end a worker process). */
  crashes?: string[];
  /** Real seconds the cell took (for the report only; no test asserts it). */
  seconds: number;
  /** Why the first run could not run, when the result is from a run again alone (run-matrix.ts). */
  firstRun?: string;
}

/** What every cell shares with the others: the workflow bundle, the PostgreSQL server, a trace. */
export interface CellLane {
  bundle: WorkflowBundleWithSourceMap;
  /** The PostgreSQL server store cells run on, started on first use. */
  postgres: () => Promise<PostgresServer>;
  /** Told what the cell is doing, step by step (for `npm run faults -- --trace`). */
  trace?: (line: string) => void;
}

let cellCounter = 0;

const empty = (cell: Cell): Omit<CellResult, 'outcome' | 'reason' | 'seconds'> => ({
  id: cell.id,
  procedure: cell.procedure,
  provider: cell.provider,
  fault: cell.fault,
  checks: [],
  blocked: 'no blocked list',
  blockedAtEnd: [],
  retry: 'not needed',
  recovered: false,
  state: 'not started',
  audited: {},
  leakedLocks: 0,
});

function message(err: unknown): string {
  if (err instanceof WorkflowFailedError && err.cause instanceof Error) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** Waits (real time, briefly) until the sandbox holds no request: counts are final only then. */
async function settled(sandbox: Sandbox): Promise<void> {
  for (let i = 0; i < 50 && sandbox.log.inFlight() > 0; i++) await new Promise((r) => setTimeout(r, 100));
}

const FAILURE_AUDITS = /^(track\.failed|delivery\.(failed|fallback)|milestone\.(missed|at-risk)|escalation\.|step\.)/;

/**
 * Runs `cell` on `lane`; never throws. `crashes` collects what the worker throws outside any
 * promise meanwhile (see run-matrix.ts): read when the verdict is made, before the teardown.
 */
export async function runCell(cell: Cell, lane: CellLane, crashes: readonly string[] = []): Promise<CellResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  if (cell.notApplicable !== undefined) {
    return { ...empty(cell), outcome: 'n/a', reason: cell.notApplicable, state: 'n/a', seconds: 0 };
  }
  const result = empty(cell);
  const trace = (line: string) => lane.trace?.(`${cell.id} +${seconds()} s: ${line}`);
  let sandbox: Sandbox | undefined;
  let storeFault: StoreUnderFault | undefined;
  let harness: Harness | undefined;
  try {
    // A time-skipping server per cell: skipped time is per server, and a lock it leaks stays with it.
    harness = await startHarness({ bundle: lane.bundle });
    sandbox = await startSandbox({ seed: { count: 60, seed: 7 }, customers: seedCustomers() });
    if (cell.provider === 'store') storeFault = await storeUnderFault(await lane.postgres());
    const store: HeraldStore = storeFault?.store ?? harness.store;
    const config = parseConfig({
      ...sandboxEnvironment(sandbox),
      HERALD_PROVIDER_TIMEOUT_MS: String(CELL_PROVIDER_TIMEOUT_MS),
    });
    const deps = await buildDeps(config, store);
    const { onCall, fallbacks } = people(deps.directory);
    const student = sandbox.students.find(
      (s) => s.Program__c === AFFECTED_PROGRAM && s.Email !== null && s.MobilePhone !== null,
    );
    const plan = faultPlan(cell, {
      sandbox,
      ...(storeFault ? { store: storeFault } : {}),
      onCall: { email: onCall.email ?? '', phone: onCall.phone ?? '' },
      ...(cell.procedure === 'data-leak' && student
        ? { student: { email: student.Email ?? undefined, phone: student.MobilePhone ?? undefined } }
        : {}),
      providerTimeoutMs: CELL_PROVIDER_TIMEOUT_MS,
    });
    result.description = plan.description;
    const box = sandbox;
    const { env } = harness;
    await runScenario(
      harness,
      async ({ client, taskQueue, detectedAt }) => {
        await plan.inject();
        trace(`injected: ${plan.description}`);
        const businessId = `FM-${process.pid}-${++cellCounter}`;
        const run = await startProcedure(cell.procedure, client, taskQueue, businessId, detectedAt);
        /** Skips procedure time; a skip that does not come back in real time says what the workflow waits on. */
        const skip = async (ms: number): Promise<void> => {
          if (Date.now() - started > CELL_LIMIT_MS) {
            throw new Error(`over the cell's limit of ${CELL_LIMIT_MS / MINUTE} min of real time`);
          }
          try {
            result.leakedLocks += await skipTime(env, run.handle, ms, SKIP_WAIT_MS);
          } catch (err) {
            throw new Error(`${message(err)}; the workflow waits on: ${await pendingWork(run.handle)}`, {
              cause: err,
            });
          }
        };
        const blockedSeen = new Set<string>();
        let blockedList = false;
        let lastStatus: CellStatus | undefined;
        /** The status, when the workflow is idle enough to ask (time-skipping.ts). */
        const look = async (): Promise<CellStatus | undefined> => {
          const status = await withTimeout(
            queryIfIdle(run.handle, () => run.status()),
            CALL_WAIT_MS,
            'status query',
          ).catch(() => undefined);
          lastStatus = status ?? lastStatus;
          const blocked = describeBlocked(status?.blocked);
          if (blocked !== undefined) blockedList = true;
          for (const b of blocked ?? []) blockedSeen.add(b);
          return status;
        };
        const operate = async (elapsedMs: number): Promise<void> => {
          const onCallReached = channelsReaching(onCall, deliveries(box)).length > 0;
          // The store may be the fault: operators then act on what they do know.
          const audit = await deps.audit.list(run.auditId).catch(() => []);
          const action = run.operate({ elapsedMs, onCallReached, audit });
          await withTimeout(action, CALL_WAIT_MS, 'operator action').catch((err: unknown) =>
            trace(`operator action failed: ${message(err)}`),
          );
        };

        // The fault, for its stretch of procedure time (a short one is lifted on the way: the
        // on-call must be reached by the alert's deadline at the latest, fault or no fault).
        const reachBy = Math.max(plan.stretchMs, ALERT_DEADLINE_MS);
        for (let elapsed = 0; elapsed < reachBy;) {
          await skip(STEP_MS);
          elapsed += STEP_MS;
          const status = await look();
          trace(
            `${elapsed / MINUTE} min: ${status?.milestones.map((m) => `${m.id} ${m.state}`).join(', ') ?? 'no status'}`,
          );
          await operate(elapsed);
          if (elapsed === plan.stretchMs) {
            await plan.lift();
            await plan.afterLift?.();
            trace('lifted');
          }
        }
        const reachedBy = deliveries(box);

        // Recovery: let re-checks run; an operator retries what is still blocked.
        await skip(RECHECK_WAIT_MS);
        await operate(plan.stretchMs + RECHECK_WAIT_MS);
        let after = await look();
        for (let tries = 0; after === undefined && tries < 5; tries++) {
          await skip(MINUTE);
          after = await look();
        }
        const stillBlocked = describeBlocked(after?.blocked) ?? [];
        if (stillBlocked.length > 0) {
          result.retry = await sendRetry(run.handle);
          await skip(RECHECK_WAIT_MS);
        }
        let elapsed = plan.stretchMs + 2 * RECHECK_WAIT_MS;
        await operate(elapsed);
        // Operators conclude only once every fixed deadline has passed (the lockout's report is due at 4 h).
        for (; elapsed < CONCLUDE_AFTER_MS; elapsed += STEP_MS) await skip(STEP_MS);
        await withTimeout(run.conclude(), CALL_WAIT_MS, 'closing action').catch(() => undefined);
        trace(`retry: ${result.retry}; waiting for the end`);
        const final = await finish(run, skip, RUN_ON_MS[cell.procedure], look, lastStatus);
        trace(`ended ${final.state}`);
        result.recovered = final.completed;
        result.state = final.state;
        result.blocked = blockedList ? [...blockedSeen] : 'no blocked list';
        result.blockedAtEnd = describeBlocked(final.status?.blocked) ?? [];

        await settled(box);
        const audit = await deps.audit.list(run.auditId);
        for (const e of audit) {
          if (FAILURE_AUDITS.test(e.type)) result.audited[e.type] = (result.audited[e.type] ?? 0) + 1;
        }
        result.checks = [
          notFailed(final.state, final.failure),
          milestones(final.status?.milestones ?? [], audit),
          onCallReached(onCall, fallbacks, reachedBy, plan.stretchMs < ALERT_DEADLINE_MS ? 'alert deadline' : 'fault'),
          noDuplicates(deliveries(box)),
          auditVerifies(await deps.audit.verify()),
        ];
        if (final.state === 'RUNNING') {
          result.historyTail = await workflowTaskTail(run.handle);
          await run.handle.terminate('fault-matrix cell over').catch(() => undefined);
        }
      },
      () => deps,
    );
    const failed = result.checks.filter((c) => !c.ok);
    const stuck = result.blockedAtEnd.length > 0 ? `; still blocked: ${result.blockedAtEnd.join('; ')}` : '';
    const tail = result.historyTail ? `; history ends: ${result.historyTail}` : '';
    const recovery = result.recovered
      ? []
      : [`did not complete after the fault was lifted (${result.state}${stuck}${tail})`];
    const crashed = [...new Set(crashes)];
    return {
      ...result,
      ...(crashed.length > 0 ? { crashes: crashed } : {}),
      outcome: failed.length === 0 && result.recovered && crashed.length === 0 ? 'pass' : 'fail',
      reason: [...failed.map((c) => `${c.name}: ${c.detail}`), ...recovery, ...crashed].join(' | '),
      seconds: seconds(),
    };
  } catch (err) {
    return { ...result, outcome: 'error', reason: `the cell could not run: ${message(err)}`, seconds: seconds() };
  } finally {
    await sandbox?.close();
    await storeFault?.close();
    await harness?.close();
  }
}

/** Workflow-task events by name; others by number (the rest of the history is the procedure's own). */
const WORKFLOW_TASK_EVENTS: Record<number, string> = {
  5: 'task scheduled',
  6: 'task started',
  7: 'task completed',
  8: 'task timed out',
  9: 'task failed',
};

/**
 * How a procedure still running at the end last moved: a workflow task failing or timing out again
 * and again means the server refused its commands (the time-skipping server has refused valid
 * ones: sdk-typescript#1058), not that the procedure waits for something.
 */
async function workflowTaskTail(handle: ProcedureRun['handle']): Promise<string> {
  const history = await handle.fetchHistory().catch(() => undefined);
  return (history?.events ?? [])
    .slice(-8)
    .map((e) => {
      const type = Number(e.eventType);
      const why = e.workflowTaskFailedEventAttributes?.failure?.message;
      return `${WORKFLOW_TASK_EVENTS[type] ?? `event type ${type}`}${why ? ` (${why})` : ''}`;
    })
    .join(', ');
}

/**
 * Runs the procedure on to its end, skipping procedure time an hour at a time up to `horizonMs`
 * (never an unbounded skip: a workflow that waits on nothing but a condition would otherwise be
 * skipped to the test server's execution timeout). The state and status it ended in.
 */
async function finish(
  run: ProcedureRun,
  skip: (ms: number) => Promise<void>,
  horizonMs: number,
  look: () => Promise<CellStatus | undefined>,
  lastStatus: CellStatus | undefined,
): Promise<{ completed: boolean; state: string; failure?: string; status?: CellStatus }> {
  let state = (await run.handle.describe()).status.name;
  for (let skipped = 0; state === 'RUNNING' && skipped < horizonMs; skipped += HOUR) {
    await skip(HOUR);
    state = (await run.handle.describe()).status.name;
  }
  let failure: string | undefined;
  let status: CellStatus | undefined;
  if (state === 'RUNNING') {
    status = await look();
  } else {
    try {
      status = (await withTimeout(run.handle.result(), CALL_WAIT_MS, 'procedure result')) as CellStatus;
    } catch (err) {
      failure = message(err);
    }
  }
  return {
    completed: state === 'COMPLETED',
    state,
    ...(failure ? { failure } : {}),
    ...((status ?? lastStatus) ? { status: status ?? lastStatus } : {}),
  };
}
