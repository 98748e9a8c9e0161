/**
 * The chaos test of the affected people's mass notification (the scenario in chaos-scenario.ts):
 * sandbox faults on every send channel, the worker SIGKILLed three times, the dev server restarted
 * once; then from the sandbox's own log nobody is missed or notified twice, every milestone is met
 * or escalated with its audit entries, and the audit chain verifies. The counts are printed as
 * test diagnostics. HERALD_CHAOS_RECIPIENTS sets the audience: default 2,000, which keeps the test
 * near 75 s on a 2-core machine (each kill and restart prints how long the fan-out stood still);
 * the 10,000 takes longer (docs/testing.md's "Chaos
 * test" has the figures). `npm run chaos` runs 100,000.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { usePostgresServer } from '../support/postgres-server.ts';
import { chaosProblems, formatChaosReport } from './chaos-report.ts';
import { ChaosScenario, FAST_PROFILE } from './chaos-scenario.ts';

const RECIPIENTS = Number(process.env.HERALD_CHAOS_RECIPIENTS ?? 2_000);

const postgres = usePostgresServer();
let scenario: ChaosScenario | undefined;
let workDir: string | undefined;

after(async () => {
  await scenario?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test(
  `${RECIPIENTS} affected people through 5xx, accept-then-timeout and 429 bursts, 3 worker SIGKILLs and a server restart: nobody missed, nobody twice`,
  { timeout: 30 * 60_000 },
  async (t) => {
    assert.ok(Number.isInteger(RECIPIENTS) && RECIPIENTS > 0, 'HERALD_CHAOS_RECIPIENTS is a positive whole number');
    workDir = await mkdtemp(join(tmpdir(), 'herald-chaos-'));
    const server = await postgres();
    scenario = new ChaosScenario({
      recipients: RECIPIENTS,
      temporal: { port: 19233, httpPort: 19433 },
      store: { databaseUrl: await server.createDatabase() },
      workDir,
      ...FAST_PROFILE,
      // Fail rather than hang: 10,000 people take about 6.5 minutes.
      timeoutMs: 20 * 60_000,
      say: (line) => t.diagnostic(line),
    });
    const report = await scenario.run();
    for (const line of formatChaosReport(report)) t.diagnostic(line);

    const { deliveries } = report;
    assert.equal(deliveries.required, 2 * RECIPIENTS, 'one email and one SMS per person required');
    assert.equal(deliveries.missed, 0, `missed: ${deliveries.examples.missed.join(', ')}`);
    assert.equal(deliveries.duplicates, 0, `duplicated: ${deliveries.examples.duplicated.join(', ')}`);
    assert.equal(report.workerKills, 3);
    assert.equal(report.serverRestarts, 1);
    assert.equal(report.workerExits, 0, 'no worker exited unless killed');
    // The chaos did happen: every kind of fault, on the sends.
    const injected = (kind: string) => (report.faults.sendgrid?.[kind] ?? 0) + (report.faults.twilio?.[kind] ?? 0);
    for (const kind of ['status', 'accept-then-timeout', 'rate-limit'])
      assert.ok(injected(kind) > 0, `${kind} injected`);
    for (const m of report.milestones) assert.ok(m.ok, `${m.id} is ${m.state}; audit: ${m.evidence.join(', ')}`);
    assert.equal(report.audit.ok, true, report.audit.problem);
    assert.equal(report.procedure.phase, 'completed');
    assert.equal(report.procedure.affectedNotified, RECIPIENTS);
    assert.deepEqual(chaosProblems(report), []);
  },
);
