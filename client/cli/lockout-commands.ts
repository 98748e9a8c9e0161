/** `herald lockout …`: start a compliance-lockout procedure, follow it, act on it. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import { LOCKOUT_REGIONS, LOCKOUT_SURFACES } from '../../workflows/domain/lockout.ts';
import type { LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import { actOnLockout, getLockoutStatus, lockoutHandle, startLockout } from '../lockout-client.ts';
import type { CliContext } from './context.ts';
import { actorOf, positiveInt, withActor } from './actor-options.ts';
import { environmentTimeZone, timeZoneOption } from './local-time.ts';
import type { ActorOptions } from './actor-options.ts';
import { retryAction } from './retry-options.ts';
import { determinationAction, determinationCommand, submissionAction, submissionCommand } from './record-options.ts';
import type { DeterminationOptions, SubmissionOptions } from './record-options.ts';
import type { RetryOptions } from './retry-options.ts';
import { SERVICES } from '../../workflows/domain/blocked.ts';
import { readJson } from './read-input.ts';
import { renderLockoutStatus } from './render-lockout-status.ts';

const list = (value: string): string[] => value.split(',').map((v) => v.trim());

function printAccepted(ctx: CliContext, json: boolean, what: string, status: LockoutStatus): void {
  if (json) ctx.out.json(status);
  else ctx.out.line(`${what} accepted. Lockout ${status.lockoutId} is ${status.phase}.`);
}

export function lockoutCommands(ctx: CliContext): Command {
  const lockout = new Command('lockout').description(
    'start a compliance-lockout crisis procedure, follow it, act on it',
  );
  const handleOf = async (id: string) => lockoutHandle(await ctx.client(), id);

  lockout
    .command('start')
    .description('start the procedure for a lockout, or reach the one already running for it')
    .requiredOption('-f, --file <path>', 'lockout JSON (or - for standard input)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ herald lockout start --file lockout.json')
    .action(async (o: { file: string; json?: boolean }) => {
      const raw = await readJson(o.file);
      const input = typeof raw === 'object' && raw !== null && 'incident' in raw ? raw : { incident: raw };
      const result = await startLockout(await ctx.client(), input, ctx.config.HERALD_TASK_QUEUE);
      if (o.json) ctx.out.json({ workflowId: result.workflowId, runId: result.runId, started: result.started });
      else
        ctx.out.line(
          result.started ? `started ${result.workflowId}` : `${result.workflowId} already exists: reached it`,
        );
    });

  lockout
    .command('status')
    .description('phases with due times and countdowns, status updates, GDPR assessment, resolution')
    .argument('<lockout-id>')
    .option('--json', 'print the status as JSON')
    .option('-w, --watch', 'refresh until the procedure completes or closes')
    .option('--interval <seconds>', 'refresh interval for --watch', positiveInt, 2)
    .addOption(timeZoneOption())
    .action(async (id: string, o: { json?: boolean; watch?: boolean; interval: number; timeZone?: string }) => {
      const handle = await handleOf(id);
      for (;;) {
        const status = await getLockoutStatus(handle);
        if (o.json) ctx.out.json(status);
        else {
          if (o.watch && ctx.out.isTty) ctx.out.line('\x1b[2J\x1b[H');
          ctx.out.line(renderLockoutStatus(status, Date.now(), o.timeZone ?? environmentTimeZone()));
        }
        if (!o.watch || status.phase === 'completed' || status.phase === 'closed') return;
        await sleep(o.interval * 1000);
      }
    });

  withActor(lockout.command('ack'), 'responder')
    .description('acknowledge the technical alert: stops the on-call escalation')
    .argument('<lockout-id>')
    .option('--note <text>', 'a note for the audit trail')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & { note?: string; json?: boolean }) => {
      const action = { actor: actorOf(o), ...(o.note === undefined ? {} : { note: o.note }) };
      printAccepted(
        ctx,
        o.json === true,
        'acknowledgement',
        await actOnLockout(await handleOf(id), 'acknowledge', action),
      );
    });

  withActor(lockout.command('status-text'), 'responder')
    .description('approve the words the following status updates carry')
    .argument('<lockout-id>')
    .requiredOption('--text <text>', 'the approved status text')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & { text: string; json?: boolean }) => {
      const status = await actOnLockout(await handleOf(id), 'approveStatusText', { actor: actorOf(o), text: o.text });
      printAccepted(ctx, o.json === true, 'status text', status);
    });

  withActor(lockout.command('scope'), 'responder')
    .description(
      'change the scope: surfaces, regions, EU personal-data interruption (starts the GDPR assessment), NIS2/DORA facts (add legal clocks)',
    )
    .argument('<lockout-id>')
    .option('--surfaces <list>', `comma list of ${LOCKOUT_SURFACES.join(', ')}`, list)
    .option('--regions <list>', `comma list of ${LOCKOUT_REGIONS.join(', ')}`, list)
    .addOption(
      new Option('--eu-personal-data <yes|no>', 'EU personal-data processing interrupted').choices(['yes', 'no']),
    )
    .addOption(
      new Option('--uk-personal-data <yes|no>', 'UK personal-data processing interrupted (UK GDPR)').choices([
        'yes',
        'no',
      ]),
    )
    .addOption(new Option('--nis2-entity <kind>', 'the platform is a NIS2 entity').choices(['essential', 'important']))
    .option('--nis2-significant-at <instant>', 'when the lockout was found a significant incident (NIS2 clocks start)')
    .option('--nis2-notified-at <instant>', 'when the NIS2 incident notification was submitted (final report clock)')
    .option('--dora-financial-entity', 'the platform is a DORA financial entity')
    .option('--dora-major-at <instant>', 'when the ICT incident was classified as major (DORA clocks start)')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ herald lockout scope LO-7 --as erin --regions EU,US --eu-personal-data yes --reason "EU orders affected"' +
        '\n  $ herald lockout scope LO-7 --as cora --role compliance --nis2-entity important \\\n' +
        '      --nis2-significant-at 2026-11-22T10:00:00Z --reason "significant: checkout down in two member states"',
    )
    .action(
      async (
        id: string,
        o: ActorOptions & {
          surfaces?: string[];
          regions?: string[];
          euPersonalData?: 'yes' | 'no';
          ukPersonalData?: 'yes' | 'no';
          nis2Entity?: 'essential' | 'important';
          nis2SignificantAt?: string;
          nis2NotifiedAt?: string;
          doraFinancialEntity?: boolean;
          doraMajorAt?: string;
          reason: string;
          json?: boolean;
        },
      ) => {
        const regulatory = {
          ...(o.nis2Entity ? { nis2Entity: o.nis2Entity } : {}),
          ...(o.nis2SignificantAt ? { nis2SignificantAt: o.nis2SignificantAt } : {}),
          ...(o.nis2NotifiedAt ? { nis2IncidentNotificationAt: o.nis2NotifiedAt } : {}),
          ...(o.doraFinancialEntity ? { doraFinancialEntity: true } : {}),
          ...(o.doraMajorAt ? { doraMajorAt: o.doraMajorAt } : {}),
        };
        const status = await actOnLockout(await handleOf(id), 'scopeChange', {
          actor: actorOf(o),
          reason: o.reason,
          ...(o.surfaces ? { surfaces: o.surfaces as LockoutStatus['scope']['surfaces'] } : {}),
          ...(o.regions ? { regions: o.regions as LockoutStatus['scope']['regions'] } : {}),
          ...(o.euPersonalData ? { euPersonalDataInterrupted: o.euPersonalData === 'yes' } : {}),
          ...(o.ukPersonalData ? { ukPersonalDataInterrupted: o.ukPersonalData === 'yes' } : {}),
          ...(Object.keys(regulatory).length > 0 ? { regulatory } : {}),
        });
        printAccepted(ctx, o.json === true, 'scope change', status);
      },
    );

  withActor(lockout.command('escalate'), 'responder')
    .description('escalate now: up the on-call ladder, or to management once acknowledged')
    .argument('<lockout-id>')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & { reason: string; json?: boolean }) => {
      const status = await actOnLockout(await handleOf(id), 'escalateNow', { actor: actorOf(o), reason: o.reason });
      printAccepted(ctx, o.json === true, 'escalation', status);
    });

  withActor(lockout.command('retry'), 'responder')
    .description('retry now the steps a failing service holds up (after fixing a key, an address, a quota)')
    .argument('<lockout-id>')
    .addOption(new Option('--service <service>', 'only this service (default: every blocked one)').choices(SERVICES))
    .option('--note <text>', 'what was fixed (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & RetryOptions) => {
      const status = await actOnLockout(await handleOf(id), 'retry', retryAction(o));
      printAccepted(ctx, o.json === true, 'retry', status);
    });

  determinationCommand(lockout, 'lockout').action(async (id: string, o: DeterminationOptions) => {
    const action = determinationAction(o, () => new Date().toISOString());
    const status = await actOnLockout(await handleOf(id), 'recordDetermination', action);
    printAccepted(ctx, o.json === true, `determination ${o.determination}`, status);
  });

  submissionCommand(lockout, 'lockout').action(async (id: string, o: SubmissionOptions) => {
    const status = await actOnLockout(await handleOf(id), 'recordSubmission', submissionAction(o));
    printAccepted(ctx, o.json === true, `filing for ${o.clock}`, status);
  });

  withActor(lockout.command('resolve'), 'responder')
    .description('the lockout is resolved: sends the resolution notice and the post-incident report')
    .argument('<lockout-id>')
    .requiredOption('--root-cause <text>', 'the root cause (goes into the notice and the report)')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & { rootCause: string; json?: boolean }) => {
      const status = await actOnLockout(await handleOf(id), 'resolve', { actor: actorOf(o), rootCause: o.rootCause });
      printAccepted(ctx, o.json === true, 'resolution', status);
    });

  withActor(lockout.command('procurement'), 'responder')
    .description("an at-risk account's procurement was contacted by hand and confirmed: stops its escalation")
    .argument('<lockout-id>')
    .requiredOption('--account <id>', 'the Salesforce Account Id (see `herald lockout status`)')
    .option('--note <text>', 'how they were reached (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ herald lockout procurement LO-7 --account 001Cu0000000002AAA --as erin --note "called their CPO"',
    )
    .action(async (id: string, o: ActorOptions & { account: string; note?: string; json?: boolean }) => {
      const status = await actOnLockout(await handleOf(id), 'procurementContacted', {
        actor: actorOf(o),
        accountId: o.account,
        ...(o.note === undefined ? {} : { note: o.note }),
      });
      printAccepted(ctx, o.json === true, 'procurement contact', status);
    });

  withActor(lockout.command('close'), 'responder')
    .description('close the procedure without resolution (e.g. raised in error)')
    .argument('<lockout-id>')
    .requiredOption('--reason <text>', 'why (recorded in the audit trail)')
    .option('--json', 'print the resulting status as JSON')
    .action(async (id: string, o: ActorOptions & { reason: string; json?: boolean }) => {
      const status = await actOnLockout(await handleOf(id), 'close', { actor: actorOf(o), reason: o.reason });
      printAccepted(ctx, o.json === true, 'close', status);
    });

  return lockout;
}
