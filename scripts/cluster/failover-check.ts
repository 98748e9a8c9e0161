/**
 * Two worker processes share one procedure's fan-out on the cluster; worker 1 is SIGKILLed once a
 * third of the audience's messages are accepted, and worker 2 alone finishes. The sandbox's own
 * request log then says who received what (test/chaos/delivery-counts.ts): 0 missed and 0
 * duplicates is the pass. Also measured: how long the fan-out stood still after the kill.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { approveWhenDrafted, startPipelineWorker, untilAffectedNotified } from '../../bench/pipeline-steps.ts';
import { benchIncident } from '../../bench/throughput.ts';
import { startDataLeak } from '../../client/data-leak-client.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { chaosStudents } from '../../test/chaos/chaos-students.ts';
import { countDeliveries } from '../../test/chaos/delivery-counts.ts';
import type { DeliveryCounts } from '../../test/chaos/delivery-counts.ts';
import type { WorkerProcess } from '../../test/support/worker-process.ts';
import { statusThroughApi } from './api-process.ts';
import type { ApiProcess } from './api-process.ts';
import { SANDBOX_PORTS } from './ports.ts';

export interface FailoverTarget {
  client: Client;
  address: string;
  databaseUrl: string;
  /** Reads the procedure's status once through the API while the fan-out runs. */
  api: ApiProcess;
}

export interface FailoverResult {
  recipients: number;
  /** When worker 1 was killed: ms after approval, and audience messages accepted by then of those required. */
  kill: { atMs: number; accepted: number; required: number };
  /** From the kill until the sandbox accepted one message more than it had at the kill. */
  firstProgressAfterKillMs: number | null;
  /** The longest stretch without a newly accepted message between the kill and the end of the fan-out. */
  longestStillAfterKillMs: number;
  /** Where that stretch began: ms after the kill, and each channel's messages accepted by then. */
  longestStillFrom?: { afterKillMs: number; emails: number; sms: number };
  /** Approval → the affected people's milestone completed. */
  fanOutSeconds: number;
  /** Whether worker 2 was still running at the end (it must be: it finished the work). */
  survivorRunning: boolean;
  /** The API's view of the procedure during the fan-out (phase), proving it reads the cluster. */
  apiPhase: string;
  deliveries: DeliveryCounts;
}

const TASK_QUEUE = 'cluster-failover';
const POLL_MS = 50;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the check once for `recipients` people (each one email and one SMS). */
export async function checkFailover(
  target: FailoverTarget,
  recipients: number,
  say: (line: string) => void,
): Promise<FailoverResult> {
  const students = chaosStudents(recipients, 13);
  const workDir = await mkdtemp(join(tmpdir(), 'herald-cluster-failover-'));
  const sandbox = await startSandbox({ students, ports: SANDBOX_PORTS });
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      workers.push(
        await startPipelineWorker(sandbox, {
          workDir,
          databaseUrl: target.databaseUrl,
          address: target.address,
          taskQueue: TASK_QUEUE,
          // A rate that keeps the fan-out going for tens of seconds, so the kill falls inside it.
          env: { HERALD_SMS_RATE_PER_SECOND: '200', HERALD_SMS_CONCURRENCY: '16' },
        }),
      );
    }
    const [first, second] = workers as [WorkerProcess, WorkerProcess];
    say(`failover: two workers polling ${TASK_QUEUE}; starting a procedure for ${recipients} people`);
    const incident = benchIncident(`CLUSTER-FO-${Date.now()}`);
    const { handle } = await startDataLeak(target.client, { incident, timeScale: 1 / 60 }, TASK_QUEUE);
    const { approvedAt } = await approveWhenDrafted(handle);
    const done = untilAffectedNotified(handle, say).then(({ completedAt }) => ({ at: completedAt }));
    let finished: { at: number } | undefined;
    void done.then((d) => (finished = d));

    const required = recipients * 2;
    // The audience's messages per channel (the staff's, sent before approval, left out).
    const staff = sandbox.log.acceptedCounts();
    const byChannel = () => {
      const now = sandbox.log.acceptedCounts();
      return { emails: now.emails - staff.emails, sms: now.sms - staff.sms };
    };
    const accepted = () => {
      const now = byChannel();
      return now.emails + now.sms;
    };
    while (accepted() < required / 3) {
      if (finished) throw new Error('the fan-out ended before a third of it: raise the recipients');
      await pause(POLL_MS);
    }
    const apiStatus = (await statusThroughApi(target.api, incident.incidentId)) as { phase?: string };
    const killedAt = Date.now();
    const atKill = accepted();
    await first.kill();
    say(`failover: worker 1 killed at ${atKill}/${required} accepted; worker 2 carries on`);

    let firstProgressAfterKillMs: number | null = null;
    let longestStill = 0;
    let last = { count: atKill, at: killedAt, ...byChannel() };
    let longestStillFrom = { afterKillMs: 0, emails: last.emails, sms: last.sms };
    while (!finished) {
      await pause(POLL_MS);
      const now = accepted();
      if (now > last.count) {
        if (Date.now() - last.at > longestStill) {
          longestStill = Date.now() - last.at;
          longestStillFrom = { afterKillMs: last.at - killedAt, emails: last.emails, sms: last.sms };
        }
        firstProgressAfterKillMs ??= Date.now() - killedAt;
        last = { count: now, at: Date.now(), ...byChannel() };
      }
    }
    const fanOutSeconds = ((await done).at - approvedAt) / 1000;
    while (sandbox.log.inFlight() > 0) await pause(POLL_MS);
    return {
      recipients,
      kill: { atMs: killedAt - approvedAt, accepted: atKill, required },
      firstProgressAfterKillMs,
      longestStillAfterKillMs: longestStill,
      longestStillFrom,
      fanOutSeconds: Math.round(fanOutSeconds * 10) / 10,
      survivorRunning: !second.exited(),
      apiPhase: apiStatus.phase ?? 'unknown',
      deliveries: countDeliveries(students, sandbox.log),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await sandbox.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
