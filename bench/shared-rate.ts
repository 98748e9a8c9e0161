/**
 * Shared provider rate: two mass notifications at once through one Twilio account, each procedure
 * with its own pages, against the rate the deployment is configured with. The combined rate of
 * the affected people's SMS, from the sandbox's own log, should be the configured one (the
 * account's), not twice it (each procedure's).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDataLeak } from '../client/data-leak-client.ts';
import { startSandbox } from '../sandbox/index.ts';
import { chaosStudents } from '../test/chaos/chaos-students.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { startDevServer } from '../workers/local-temporal.ts';
import { approveWhenDrafted, startPipelineWorker, untilAffectedNotified } from './pipeline-steps.ts';
import { benchIncident } from './throughput.ts';

export interface SharedRateResult {
  /** Affected people per procedure (each one SMS). */
  recipients: number;
  procedures: number;
  configuredSmsPerSecond: number;
  /** The affected people's SMS of both procedures over the span from the first to the last. */
  combinedSmsPerSecond: number;
  /** combined / configured; target within 10 % of 1. */
  ratio: number;
  /** How long both fan-outs ran at the same time, and the whole span. */
  overlapSeconds: number;
  spanSeconds: number;
  sms: number;
}

const TASK_QUEUE = 'bench-shared-rate';
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function measureSharedRate(
  recipients: number,
  smsPerSecond: number,
  port: number,
  say: (line: string) => void,
): Promise<SharedRateResult> {
  const students = chaosStudents(recipients, 12);
  const phones = new Set(students.map((s) => s.MobilePhone));
  const workDir = await mkdtemp(join(tmpdir(), 'herald-bench-shared-rate-'));
  const [sandbox, env, postgres] = await Promise.all([
    startSandbox({ students }),
    startDevServer({ port }),
    startPostgresServer(),
  ]);
  try {
    const worker = await startPipelineWorker(sandbox, {
      workDir,
      databaseUrl: await postgres.createDatabase(),
      address: `127.0.0.1:${port}`,
      taskQueue: TASK_QUEUE,
      env: { HERALD_SMS_RATE_PER_SECOND: String(smsPerSecond), HERALD_SMS_CONCURRENCY: '16' },
    });
    try {
      say(`shared rate: two procedures of ${recipients} people each, one Twilio account at ${smsPerSecond} SMS/s`);
      const handles = await Promise.all(
        ['A', 'B'].map(async (n) => {
          const incident = benchIncident(`BENCH-SR-${n}-${Date.now()}`);
          return (await startDataLeak(env.client, { incident, timeScale: 1 / 60 }, TASK_QUEUE)).handle;
        }),
      );
      const windows = await Promise.all(
        handles.map(async (h) => {
          const { approvedAt } = await approveWhenDrafted(h);
          return { approvedAt, completedAt: (await untilAffectedNotified(h, say)).completedAt };
        }),
      );
      const times = sandbox.log
        .acceptedSms()
        .filter((s) => phones.has(s.to))
        .map((s) => Date.parse(s.at))
        .sort((a, b) => a - b);
      const first = times[0] ?? 0;
      const spanSeconds = ((times.at(-1) ?? first) - first) / 1000;
      const combined = (times.length - 1) / spanSeconds;
      const [a, b] = windows as [(typeof windows)[0], (typeof windows)[0]];
      const overlap = Math.min(a.completedAt, b.completedAt) - Math.max(a.approvedAt, b.approvedAt);
      return {
        recipients,
        procedures: 2,
        configuredSmsPerSecond: smsPerSecond,
        combinedSmsPerSecond: round(combined),
        ratio: round(combined / smsPerSecond, 2),
        overlapSeconds: round(Math.max(0, overlap) / 1000),
        spanSeconds: round(spanSeconds),
        sms: times.length,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await postgres.stop();
    await env.teardown();
    await sandbox.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
