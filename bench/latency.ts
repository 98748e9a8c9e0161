/**
 * Latency: trigger → first ops alert accepted by the provider, over N data-leak incidents, with the
 * real worker and SDK adapters against the sandbox, compared in the same run with a bare
 * one-activity workflow round trip on the same server. Sequential: each measurement alone.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { openStore } from '../activities/store/open-store.ts';
import { startDataLeak } from '../client/data-leak-client.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import { startSandbox } from '../sandbox/index.ts';
import { buildDeps } from '../workers/build-deps.ts';
import { parseConfig } from '../workers/config.ts';
import { createHeraldWorker } from '../workers/create-worker.ts';
import { startDevServer } from '../workers/local-temporal.ts';
import { quantile } from './machine.ts';

export interface LatencyResult {
  runs: number;
  firstAlertMs: { p50: number; p99: number; max: number };
  bareRoundTripMs: { p50: number; p99: number; max: number };
  /** p99 first alert / p99 bare round trip; target ≤ 1.3. */
  p99Ratio: number;
  /** p50 first alert / p50 bare round trip; target ≤ 1.2 (absent from reports before it was measured). */
  p50Ratio?: number;
}

const summary = (xs: number[]) => ({
  p50: Math.round(quantile(xs, 0.5)),
  p99: Math.round(quantile(xs, 0.99)),
  max: Math.round(Math.max(...xs)),
});

export async function measureLatency(runs: number, port: number, say: (line: string) => void): Promise<LatencyResult> {
  const [env, store, sandbox] = await Promise.all([startDevServer({ port }), openStore({}), startSandbox()]);
  try {
    const config = parseConfig(sandboxEnvironment(sandbox));
    const taskQueue = 'bench-latency';
    const herald = await createHeraldWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: await buildDeps(config, store),
    });
    const bare = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'bench-bare',
      workflowsPath: fileURLToPath(new URL('./bare-workflows.ts', import.meta.url)),
      activities: { echo: async (text: string) => text },
    });
    const firstAlert: number[] = [];
    const roundTrip: number[] = [];
    await Promise.all([
      herald.runUntil(async () => {
        await bare.runUntil(async () => {
          // Warm both paths once (bundles loaded, connections open), not counted.
          await env.client.workflow.execute('bareRoundTrip', {
            taskQueue: 'bench-bare',
            workflowId: 'bare-warm',
            args: ['x'],
          });
          await trigger('WARM');
          for (let i = 0; i < runs; i++) {
            let t0 = performance.now();
            await env.client.workflow.execute('bareRoundTrip', {
              taskQueue: 'bench-bare',
              workflowId: `bare-${i}`,
              args: ['x'],
            });
            roundTrip.push(performance.now() - t0);
            t0 = performance.now();
            await trigger(`LAT-${i}`);
            firstAlert.push(performance.now() - t0);
          }
        });
      }),
    ]);
    say(`latency: ${runs} incidents measured`);
    const result = { runs, firstAlertMs: summary(firstAlert), bareRoundTripMs: summary(roundTrip) };
    const ratio = (q: 'p50' | 'p99') => Math.round((result.firstAlertMs[q] / result.bareRoundTripMs[q]) * 100) / 100;
    return { ...result, p99Ratio: ratio('p99'), p50Ratio: ratio('p50') };

    /** Starts an incident and resolves when the sandbox SendGrid accepted its first ops alert. */
    async function trigger(id: string): Promise<void> {
      // Data-leak ledger keys start with the incident id: `<id>/ops-alert:L0/<contact>/email`.
      const key = `${id}/ops-alert`;
      await startDataLeak(
        env.client,
        {
          incident: {
            incidentId: id,
            detectedAt: new Date().toISOString(),
            severity: 'high',
            title: 'Benchmark incident',
            description: 'Latency benchmark: trigger to first ops alert.',
            dataCategories: ['name'],
            jurisdictions: ['DE'],
            crmScope: { kind: 'records', recordIds: [sandbox.students[0]?.Id ?? ''] },
            reporter: { name: 'bench' },
          },
        },
        taskQueue,
      );
      const deadline = Date.now() + 30_000;
      while (!sandbox.log.acceptedEmails().some((e) => (e.customArgs.herald_delivery_key ?? '').startsWith(key))) {
        if (Date.now() > deadline) throw new Error(`no ops alert for ${id} within 30 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  } finally {
    await sandbox.close();
    await env.teardown();
    await store.close();
  }
}
