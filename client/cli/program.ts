/** The `herald` command tree. */
import { Command } from 'commander';
import { auditCommands } from './audit-commands.ts';
import { configCommand } from './config-command.ts';
import type { CliContext } from './context.ts';
import { incidentCommands } from './incident-commands.ts';
import { keyCommands } from './key-commands.ts';
import { lockoutCommands } from './lockout-commands.ts';
import { devCommand } from './dev-command.ts';
import { drillCommands } from './drill-commands.ts';
import { scheduleCommands } from './schedule-commands.ts';
import { triggerCommands } from './trigger-commands.ts';
import { templateCommands } from './template-commands.ts';

export function heraldProgram(ctx: CliContext): Command {
  const program = new Command('herald')
    .description('Run and follow Herald incident notification procedures on Temporal')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => ctx.out.line(s.trimEnd()), writeErr: (s) => ctx.out.warn(s.trimEnd()) })
    .addHelpText(
      'after',
      `
Environment: TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE (default),
HERALD_TASK_QUEUE (herald), HERALD_DATA_DIR (.herald/data), HERALD_API_DATA_DIR
(.herald/api-data: the API's triggers), DATABASE_URL (both, when set); HERALD_API_URL and
HERALD_API_TOKEN (privileged actions carry a claim from the API: your token decides who acts);
HERALD_AUDIT_ANCHOR_DIR and HERALD_AUDIT_ANCHOR_KEY_FILE (audit verify checks the anchors).

Exit codes: 0 ok, 1 error (templates review: the review failed), 2 bad usage or input,
3 action rejected by the procedure, 4 not found, 5 audit chain broken.

Examples:
  $ herald incident start --file incident.json
  $ herald incident status INC-1042 --watch
  $ herald incident ack INC-1042 --as olga
  $ herald incident notice INC-1042
  $ herald incident approve INC-1042 --as lee --version 1 --sha256 <hash>
  $ herald lockout start --file lockout.json
  $ herald lockout resolve LO-7 --as erin --root-cause "token rotated"
  $ herald drill data-leak --as olga --scenario provider-down
  $ herald drill report
  $ herald audit verify
  $ herald keys generate --kid api-2027-01 --private api.jwk --add-to actor-keys.json
  $ herald schedules apply
  $ herald triggers --state pending
  $ herald templates review deadline-missed --file templates/deadline-missed/en.icu
  $ herald config --worker
  $ herald dev`,
    )
    .addCommand(incidentCommands(ctx))
    .addCommand(lockoutCommands(ctx))
    .addCommand(drillCommands(ctx))
    .addCommand(auditCommands(ctx))
    .addCommand(scheduleCommands(ctx))
    .addCommand(triggerCommands(ctx))
    .addCommand(templateCommands(ctx))
    .addCommand(keyCommands(ctx))
    .addCommand(configCommand(ctx))
    .addCommand(devCommand());
  // Commander exits by itself by default; throwing lets main map every failure to one exit code.
  program.exitOverride();
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}
