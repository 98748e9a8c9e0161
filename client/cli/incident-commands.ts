/** `herald incident …`: start a procedure, read its status, act on it. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { SERVICES } from '../../workflows/domain/blocked.ts';
import { OVERRIDE_KINDS } from '../../workflows/domain/operator-actions.ts';
import { MILESTONE_IDS } from '../../workflows/domain/policy.ts';
import { act, dataLeakHandle, getNoticeDraft, getStatus, startDataLeak } from '../data-leak-client.ts';
import { actorOf, positiveInt, withActor } from './actor-options.ts';
import { environmentTimeZone, timeZoneOption } from './local-time.ts';
import type { ActorOptions } from './actor-options.ts';
import { retryAction } from './retry-options.ts';
import { determinationAction, determinationCommand, submissionAction, submissionCommand } from './record-options.ts';
import type { DeterminationOptions, SubmissionOptions } from './record-options.ts';
import type { RetryOptions } from './retry-options.ts';
import type { CliContext } from './context.ts';
import { EXIT, CommandExit } from './exit-codes.ts';
import { readJson, readText } from './read-input.ts';
import { isFinished, renderStatus } from './render-status.ts';

/** Prints the status after an accepted action: a line for people, the whole status with --json. */
function printAccepted(ctx: CliContext, json: boolean, what: string, status: ProcedureStatus): void {
  if (json) ctx.out.json(status);
  else ctx.out.line(`${what} accepted. ${status.incidentId} is ${status.phase}.`);
}

export function incidentCommands(ctx: CliContext): Command {
  const incident = new Command('incident').description('start a data-leak procedure, follow it, act on it');

  incident
    .command('start')
    .description('start the procedure for an incident, or reach the one already running for it')
    .requiredOption('-f, --file <path>', 'incident JSON (or - for standard input)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The file holds either an incident or a start input ({ "incident": {...}, "timeScale": 1 }).
Starting the same incident again reaches the running procedure; nothing is started twice.

Example:
  $ herald incident start --file incident.json`,
    )
    .action(async (o: { file: string; json?: boolean }) => {
      const raw = await readJson(o.file);
      const input = typeof raw === 'object' && raw !== null && 'incident' in raw ? raw : { incident: raw };
      const result = await startDataLeak(await ctx.client(), input, ctx.config.HERALD_TASK_QUEUE);
      if (o.json) ctx.out.json({ workflowId: result.workflowId, runId: result.runId, started: result.started });
      else
        ctx.out.line(
          result.started
            ? `started ${result.workflowId}`
            : `${result.workflowId} already exists: the trigger reached it, nothing new was started`,
        );
    });

  incident
    .command('status')
    .description('every milestone with due time, state and countdown; approvals; deliveries')
    .argument('<incident-id>')
    .option('--json', 'print the status as JSON')
    .option('-w, --watch', 'refresh until the procedure completes or closes')
    .option('--interval <seconds>', 'refresh interval for --watch', positiveInt, 2)
    .addOption(timeZoneOption())
    .addHelpText(
      'after',
      '\nExamples:\n  $ herald incident status INC-1042\n  $ herald incident status INC-1042 --watch',
    )
    .action(async (id: string, o: { json?: boolean; watch?: boolean; interval: number; timeZone?: string }) => {
      const handle = dataLeakHandle(await ctx.client(), id);
      for (;;) {
        const status = await getStatus(handle);
        if (o.json) ctx.out.json(status);
        else {
          if (o.watch && ctx.out.isTty) ctx.out.line('\x1b[2J\x1b[H'); // clear the screen, cursor home
          ctx.out.line(renderStatus(status, Date.now(), o.timeZone ?? environmentTimeZone()));
        }
        if (!o.watch || isFinished(status)) return;
        if (!ctx.out.isTty && !o.json) ctx.out.line('');
        await sleep(o.interval * 1000);
      }
    });

  incident
    .command('notice')
    .description('print the current authority-notice draft: the exact text legal approves')
    .argument('<incident-id>')
    .option('--json', 'print version, hash, state and text as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const draft = await getNoticeDraft(dataLeakHandle(await ctx.client(), id));
      if (draft === null) throw new CommandExit(EXIT.notFound, `${id} has no authority-notice draft yet`);
      if (o.json) return ctx.out.json(draft);
      ctx.out.line(draft.text);
      ctx.out.line(`--- draft v${draft.version}, ${draft.state}, sha256 ${draft.sha256}`);
      ctx.out.line(
        `approve: herald incident approve ${id} --as <you> --version ${draft.version} --sha256 ${draft.sha256}`,
      );
    });

  withActor(incident.command('ack'), 'responder')
    .description('acknowledge the ops alert: stops the on-call escalation')
    .argument('<incident-id>')
    .option('--note <text>', 'a note for the audit trail')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText('after', '\nExample:\n  $ herald incident ack INC-1042 --as olga')
    .action(async (id: string, o: ActorOptions & { note?: string; json?: boolean }) => {
      const status = await act(dataLeakHandle(await ctx.client(), id), 'acknowledge', {
        actor: actorOf(o),
        ...(o.note === undefined ? {} : { note: o.note }),
      });
      printAccepted(ctx, o.json === true, 'acknowledgement', status);
    });

  withActor(incident.command('approve'), 'legal')
    .description('approve the authority notice: binds to the exact text by its SHA-256 (legal only)')
    .argument('<incident-id>')
    .requiredOption('--version <n>', 'draft version approved', positiveInt)
    .requiredOption('--sha256 <hash>', 'SHA-256 of the draft text (see `herald incident notice`)')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText('after', '\nExample:\n  $ herald incident approve INC-1042 --as lee --version 1 --sha256 3f2a…')
    .action(async (id: string, o: ActorOptions & { version: number; sha256: string; json?: boolean }) => {
      const status = await act(dataLeakHandle(await ctx.client(), id), 'approve', {
        actor: actorOf(o),
        version: o.version,
        sha256: o.sha256.toLowerCase(),
      });
      printAccepted(ctx, o.json === true, `approval of v${o.version}`, status);
    });

  withActor(incident.command('reject'), 'legal')
    .description('reject an authority-notice draft, with a reason and optionally a corrected text')
    .argument('<incident-id>')
    .requiredOption('--version <n>', 'draft version rejected', positiveInt)
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .option('--text-file <path>', 'a corrected full text; the next draft uses it')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ herald incident reject INC-1042 --as lee --version 1 --reason "name the DPO" --text-file fixed.txt',
    )
    .action(
      async (id: string, o: ActorOptions & { version: number; reason: string; textFile?: string; json?: boolean }) => {
        const replacementText = o.textFile === undefined ? undefined : await readText(o.textFile);
        const status = await act(dataLeakHandle(await ctx.client(), id), 'reject', {
          actor: actorOf(o),
          version: o.version,
          reason: o.reason,
          ...(replacementText === undefined ? {} : { replacementText }),
        });
        printAccepted(ctx, o.json === true, `rejection of v${o.version}`, status);
      },
    );

  withActor(incident.command('override'), 'responder')
    .description('pause, resume, send a milestone now, skip it, or close as a false positive')
    .argument('<incident-id>')
    .addOption(new Option('--kind <kind>', 'what to do').choices(OVERRIDE_KINDS).makeOptionMandatory())
    .addOption(new Option('--milestone <id>', 'the milestone (send-now, skip)').choices(MILESTONE_IDS))
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ herald incident override INC-1042 --as olga --kind pause --reason "waiting for forensics"
  $ herald incident override INC-1042 --as olga --kind send-now --milestone stakeholder-notice --reason "CISO asked"
  $ herald incident override INC-1042 --as olga --kind close-false-positive --reason "test data only"`,
    )
    .action(
      async (
        id: string,
        o: ActorOptions & {
          kind: (typeof OVERRIDE_KINDS)[number];
          milestone?: (typeof MILESTONE_IDS)[number];
          reason: string;
          json?: boolean;
        },
      ) => {
        const status = await act(dataLeakHandle(await ctx.client(), id), 'override', {
          actor: actorOf(o),
          kind: o.kind,
          reason: o.reason,
          ...(o.milestone === undefined ? {} : { milestone: o.milestone }),
        });
        printAccepted(ctx, o.json === true, `override ${o.kind}`, status);
      },
    );

  withActor(incident.command('retry'), 'responder')
    .description('retry now the steps a failing service holds up (after fixing a key, an address, a quota)')
    .argument('<incident-id>')
    .addOption(new Option('--service <service>', 'only this service (default: every blocked one)').choices(SERVICES))
    .option('--note <text>', 'what was fixed (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ herald incident retry INC-1042 --as olga --service email --note "SendGrid key rotated"',
    )
    .action(async (id: string, o: ActorOptions & RetryOptions) => {
      const status = await act(dataLeakHandle(await ctx.client(), id), 'retry', retryAction(o));
      printAccepted(ctx, o.json === true, 'retry', status);
    });

  determinationCommand(incident, 'incident').action(async (id: string, o: DeterminationOptions) => {
    const action = determinationAction(o, () => new Date().toISOString());
    const status = await act(dataLeakHandle(await ctx.client(), id), 'recordDetermination', action);
    printAccepted(ctx, o.json === true, `determination ${o.determination}`, status);
  });

  submissionCommand(incident, 'incident').action(async (id: string, o: SubmissionOptions) => {
    const status = await act(dataLeakHandle(await ctx.client(), id), 'recordSubmission', submissionAction(o));
    printAccepted(ctx, o.json === true, `filing for ${o.clock}`, status);
  });

  return incident;
}
