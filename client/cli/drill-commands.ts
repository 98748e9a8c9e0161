/** `herald drill …`: run a procedure as a drill, and list the drills' reports with their trend. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DRILL_SCENARIOS } from '../../workflows/domain/drill.ts';
import type { DrillScenario } from '../../workflows/domain/drill.ts';
import { DEFAULT_DRILL_TIME_SCALE, listDrillReports, startDrill } from '../drill-client.ts';
import type { DrillStart } from '../drill-client.ts';
import type { CliContext } from './context.ts';
import { drillReportLines } from './render-drill-report.ts';
import { withStore } from './with-store.ts';

/** `1/720` or `0.01`: a fraction in (0, 1]. */
export function timeScaleArg(value: string): number {
  const [num, den] = value.includes('/') ? value.split('/') : [value, '1'];
  const n = Number(num) / Number(den);
  if (!Number.isFinite(n) || n <= 0 || n > 1)
    throw new InvalidArgumentError('must be a fraction in (0, 1], e.g. 1/720');
  return n;
}

export function drillCommands(ctx: CliContext): Command {
  const drill = new Command('drill').description(
    'run a procedure as a drill (nothing reaches an external recipient) and read the drills’ reports',
  );

  const scenarioOption = () =>
    new Option('--scenario <name>', 'fault from the fault matrix to practise').choices(DRILL_SCENARIOS).default('none');
  const start = async (o: { json?: boolean }, options: DrillStart) => {
    const result = await startDrill(await ctx.client(), options, ctx.config.HERALD_TASK_QUEUE);
    if (o.json) ctx.out.json({ workflowId: result.workflowId, runId: result.runId, started: result.started });
    else ctx.out.line(`started drill ${result.workflowId} (scenario ${options.scenario})`);
  };

  drill
    .command('data-leak')
    .description('start a data-leak drill: compressed clocks, external notices to the drill sink, staff paged')
    .requiredOption('--as <id>', 'who starts the drill (recorded in its report)')
    .addOption(scenarioOption())
    .option('--time-scale <fraction>', 'compression of every clock', timeScaleArg, DEFAULT_DRILL_TIME_SCALE)
    .option('--crm-program <name>', 'CRM program whose records size the audience', 'Physics')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Staff are paged for real, the incident's title starting "[DRILL]"; the supervisory authority and
the affected people are replaced by the directory's drillSink. The drill's id is drill-<UTC time>
and its workflow id drill:data-leak:<id>; act on it like an incident (herald incident ack <id>).
The scenario's fault is injected where the sandbox runs (the demo: HERALD_DEMO_DRILL=<scenario>).

Example:
  $ herald drill data-leak --as olga --scenario provider-down`,
    )
    .action((o: { as: string; scenario: DrillScenario; timeScale: number; crmProgram: string; json?: boolean }) =>
      start(o, {
        procedure: 'data-leak',
        scenario: o.scenario,
        startedBy: o.as,
        timeScale: o.timeScale,
        crmProgram: o.crmProgram,
      }),
    );

  drill
    .command('lockout')
    .description('start a compliance-lockout drill: compressed clocks, customers and procurement to the drill sink')
    .requiredOption('--as <id>', 'who starts the drill (recorded in its report)')
    .addOption(scenarioOption())
    .option('--time-scale <fraction>', 'compression of every clock', timeScaleArg, DEFAULT_DRILL_TIME_SCALE)
    .option('--eu', "EU customers' personal-data processing interrupted: the GDPR assessment runs too, as a drill")
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Staff are paged for real, the lockout's title starting "[DRILL]"; enterprise customers, procurement
contacts and (with --eu) the supervisory authority are replaced by the directory's drillSink. The
drill's id is drill-<UTC time> and its workflow id drill:lockout:<id>; act on it like a lockout
(herald lockout ack <id>, herald lockout resolve <id> …).

Example:
  $ herald drill lockout --as olga --scenario credentials-revoked`,
    )
    .action((o: { as: string; scenario: DrillScenario; timeScale: number; eu?: boolean; json?: boolean }) =>
      start(o, {
        procedure: 'lockout',
        scenario: o.scenario,
        startedBy: o.as,
        timeScale: o.timeScale,
        euPersonalDataInterrupted: o.eu === true,
      }),
    );

  drill
    .command('report')
    .description('every finished drill, oldest first: time to acknowledge and its change, findings')
    .option('--json', 'print the reports as JSON')
    .action(async (o: { json?: boolean }) => {
      const trend = await withStore(ctx, (store) => listDrillReports(store.documents));
      if (o.json) {
        ctx.out.json(trend);
        return;
      }
      if (trend.length === 0) {
        ctx.out.line('no drill has finished yet (herald drill data-leak or herald drill lockout starts one)');
        return;
      }
      for (const r of trend) for (const line of drillReportLines(r)) ctx.out.line(line);
    });

  return drill;
}
