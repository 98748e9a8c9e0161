/**
 * `npm run chaos [-- <recipients> [--provider-defaults] [--fault-free] [--no-kills] [--kills N] [--no-rate-limits]]`: the chaos scenario
 * (test/chaos/chaos-scenario.ts) at 100,000 affected people by default, Temporal UI on
 * http://127.0.0.1:19333 while it runs. Prints the counts, writes bench/results/chaos.json and
 * exits 1 when anyone was missed or notified twice, a milestone is unaccounted for or the audit
 * chain does not verify.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine } from '../bench/machine.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import type { PostgresServer } from '../test/support/postgres-server.ts';
import { chaosProblems, formatChaosReport } from '../test/chaos/chaos-report.ts';
import { ChaosScenario, FAST_PROFILE, ISSUE_FAULTS } from '../test/chaos/chaos-scenario.ts';
import type { ChaosFaults, ChaosMix } from '../test/chaos/chaos-scenario.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'provider-defaults': { type: 'boolean', default: false },
    // The yardstick for throughput under faults: the same run with the providers answering every send.
    'fault-free': { type: 'boolean', default: false },
    // Provider faults alone: no worker kills, no server restart.
    'no-kills': { type: 'boolean', default: false },
    // More (or fewer) worker kills than the scenario's 3: more samples of recovery in one run.
    kills: { type: 'string' },
    // The mix without its 429 bursts: what the honoured Retry-After pauses cost, by difference.
    'no-rate-limits': { type: 'boolean', default: false },
  },
});
const recipients = Number(positionals[0] ?? 100_000);
const kills = values.kills === undefined ? undefined : Number(values.kills);
if (
  !Number.isInteger(recipients) ||
  recipients < 1 ||
  (kills !== undefined && !(Number.isInteger(kills) && kills >= 0))
) {
  console.error(
    'usage: npm run chaos [-- <recipients> [--provider-defaults] [--fault-free] [--no-kills] [--kills N] [--no-rate-limits]]  (default 100000 recipients, 3 kills)',
  );
  process.exit(2);
}
/**
 * The fast profile by default (provider timeout 1 s, accepted messages held 1.5 s, 200 SMS/s);
 * --provider-defaults keeps the worker's defaults (10 s timeout, 30 SMS/s) and holds for 12 s.
 */
const chosen = values['provider-defaults'] ? { faults: ISSUE_FAULTS, workerEnv: {} } : FAST_PROFILE;
const withoutBursts = ({ rateLimitBurst: _burst, ...rest }: ChaosFaults): ChaosFaults => rest;
const faults: ChaosMix = values['fault-free']
  ? { sendgrid: {}, twilio: {} }
  : values['no-rate-limits']
    ? { sendgrid: withoutBursts(chosen.faults.sendgrid), twilio: withoutBursts(chosen.faults.twilio) }
    : chosen.faults;
const profile = { ...chosen, faults };
const say = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

const workDir = await mkdtemp(join(tmpdir(), 'herald-chaos-'));
let postgres: PostgresServer | undefined;
let store: { databaseUrl: string } | { dataDir: string };
try {
  postgres = await startPostgresServer();
  store = { databaseUrl: await postgres.createDatabase() };
} catch (error) {
  say(`no PostgreSQL (${String(error).split('\n')[0]}): the store is a PGlite dir, read once the worker stopped`);
  store = { dataDir: join(workDir, 'store') };
}

const scenario = new ChaosScenario({
  recipients,
  temporal: { port: 19233, uiPort: 19333, httpPort: 19433 },
  store,
  workDir,
  ...profile,
  ...(kills !== undefined ? { workerKills: kills } : {}),
  ...(values['no-kills'] ? { workerKills: 0, serverRestarts: 0 } : {}),
  timeoutMs: 6 * 60 * 60_000,
  say,
});
const cleanUp = async () => {
  await scenario.close();
  await postgres?.stop();
  await rm(workDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

const startedAt = new Date().toISOString();
say(`${recipients} recipients; Temporal UI on http://127.0.0.1:19333 while it runs`);
let exitCode = 1;
try {
  const report = await scenario.run();
  for (const line of formatChaosReport(report)) console.log(line);
  const problems = chaosProblems(report);
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  const dir = new URL('../bench/results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const result = {
    benchmark: 'chaos',
    started: startedAt,
    finished: new Date().toISOString(),
    machine: machine(),
    profile,
    report,
    problems,
  };
  await writeFile(new URL('chaos.json', dir), `${JSON.stringify(result, null, 2)}\n`);
  say('written bench/results/chaos.json');
  exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
