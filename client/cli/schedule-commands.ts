/** `herald schedules …`: Herald's Temporal Schedules (credential watch, customer contact snapshot, drill). */
import { Command, Option } from 'commander';
import { DRILL_PROCEDURES, DRILL_SCENARIOS } from '../../workflows/domain/drill.ts';
import type { DrillProcedure, DrillScenario } from '../../workflows/domain/drill.ts';
import {
  applySchedules,
  DEFAULT_DRILL_CRM_PROGRAM,
  DEFAULT_DRILL_PROCEDURE,
  DEFAULT_SCHEDULE_INTERVALS,
} from '../schedules.ts';
import type { CliContext } from './context.ts';

export function scheduleCommands(ctx: CliContext): Command {
  const schedules = new Command('schedules').description(
    'the Temporal Schedules of the credential watch, the customer contact snapshot and the quarterly drill',
  );

  schedules
    .command('apply')
    .description('create the schedules, or update them in place when they exist (safe to run again)')
    .option(
      '--credential-watch-every <interval>',
      'how often the credential and certificate watch runs (30m, 1h, …)',
      DEFAULT_SCHEDULE_INTERVALS.credentialWatch,
    )
    .option(
      '--contact-sync-every <interval>',
      'how often the customer contact snapshot is refreshed',
      DEFAULT_SCHEDULE_INTERVALS.contactSnapshotSync,
    )
    .option('--drill-every <interval>', 'how often the drill runs (91d: quarterly)', DEFAULT_SCHEDULE_INTERVALS.drill)
    .addOption(
      new Option('--drill-procedure <name>', 'the procedure the scheduled drill runs')
        .choices(DRILL_PROCEDURES)
        .default(DEFAULT_DRILL_PROCEDURE),
    )
    .addOption(
      new Option('--drill-scenario <name>', 'the fault the scheduled drill practises')
        .choices(DRILL_SCENARIOS)
        .default('none'),
    )
    .option('--drill-crm-program <name>', "CRM program sizing a scheduled drill's audience", DEFAULT_DRILL_CRM_PROGRAM)
    .option('--json', 'print what was applied as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ herald schedules apply\n  $ herald schedules apply --credential-watch-every 30m --json\n  $ herald schedules apply --drill-every 30d --drill-procedure lockout',
    )
    .action(
      async (o: {
        credentialWatchEvery: string;
        contactSyncEvery: string;
        drillEvery: string;
        drillProcedure: DrillProcedure;
        drillScenario: DrillScenario;
        drillCrmProgram: string;
        json?: boolean;
      }) => {
        const applied = await applySchedules(await ctx.client(), {
          taskQueue: ctx.config.HERALD_TASK_QUEUE,
          credentialWatchEvery: o.credentialWatchEvery,
          contactSnapshotSyncEvery: o.contactSyncEvery,
          drillEvery: o.drillEvery,
          drillProcedure: o.drillProcedure,
          drillScenario: o.drillScenario,
          drillCrmProgram: o.drillCrmProgram,
        });
        if (o.json) {
          ctx.out.json(applied);
          return;
        }
        for (const a of applied) {
          ctx.out.line(`${a.outcome} ${a.scheduleId}: ${a.workflowType} every ${a.every} on task queue ${a.taskQueue}`);
        }
      },
    );

  return schedules;
}
