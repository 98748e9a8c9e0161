/**
 * docs/reference/cli.md: every `herald` command from the commander definitions `heraldProgram`
 * builds. Nothing runs: the context is a trap, so a command that touched it while being defined
 * (rather than when run) would stop the generator instead of connecting somewhere.
 */
import type { Argument, Command, Option } from 'commander';
import type { CliContext } from '../../client/cli/context.ts';
import { heraldProgram } from '../../client/cli/program.ts';
import { code, generatedNotice, prose, table } from './markdown.ts';

const untouchable = new Proxy({} as CliContext, {
  get: (_target, key) => {
    throw new Error(`the CLI touched its context (${String(key)}) while only being defined`);
  },
});

export function cliPage(): string {
  const program = heraldProgram(untouchable);
  return [
    generatedNotice('the commander definitions in `client/cli/` (`heraldProgram`, `client/cli/program.ts`)'),
    '',
    '# `herald` command line',
    '',
    `${prose(program.description())}. Every command takes \`--help\`.`,
    '',
    ...program.commands.flatMap((command) => commandSection(command, 2)),
  ].join('\n');
}

function commandSection(command: Command, depth: number): string[] {
  const help = command.createHelp();
  const options = help.visibleOptions(command).filter((o) => o.long !== '--help');
  const args = command.registeredArguments;
  return [
    `${'#'.repeat(Math.min(depth, 6))} ${code(fullName(command))}`,
    '',
    prose(command.description()),
    '',
    `Usage: ${code(help.commandUsage(command))}`,
    '',
    ...(args.length === 0
      ? []
      : [
          table(
            ['Argument', 'Description'],
            args.map((a) => [
              code(argumentTerm(a)),
              [
                prose(a.description),
                choices(a.argChoices),
                a.defaultValue === undefined ? '' : `default ${defaultOf(a.defaultValue)}`,
              ]
                .filter(Boolean)
                .join('; '),
            ]),
          ),
          '',
        ]),
    ...(options.length === 0
      ? []
      : [
          table(
            ['Option', 'Description', 'Default'],
            options.map((o) => [
              code(o.flags),
              optionDescription(o),
              o.mandatory ? 'required' : defaultOf(o.defaultValue),
            ]),
          ),
          '',
        ]),
    ...command.commands.flatMap((sub) => commandSection(sub, depth + 1)),
  ];
}

const fullName = (command: Command): string =>
  command.parent ? `${fullName(command.parent)} ${command.name()}` : command.name();

/** As the usage line writes it: `<required>`, `[optional]`, `...` when it takes several. */
const argumentTerm = (a: Argument): string => {
  const name = a.variadic ? `${a.name()}...` : a.name();
  return a.required ? `<${name}>` : `[${name}]`;
};

const optionDescription = (o: Option): string =>
  [prose(o.description), choices(o.argChoices)].filter(Boolean).join('; ');

const choices = (values: readonly string[] | undefined): string =>
  values === undefined ? '' : `one of ${values.map(code).join(', ')}`;

function defaultOf(value: unknown): string {
  if (value === undefined) return '—';
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}
