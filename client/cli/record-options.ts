/**
 * `record-determination` and `record-submission`, shared by both procedures' commands: what
 * operators record about the incident's legal position (legal or compliance only).
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { DETERMINATIONS } from '../../workflows/domain/regulatory-record.ts';
import type {
  Determination,
  RecordDeterminationAction,
  RecordSubmissionAction,
} from '../../workflows/domain/regulatory-record.ts';
import { actorOf, withActor } from './actor-options.ts';
import type { ActorOptions } from './actor-options.ts';

export interface DeterminationOptions extends ActorOptions {
  determination: Determination;
  at?: string;
  reason: string;
  correction?: boolean;
  json?: boolean;
}

export interface SubmissionOptions extends ActorOptions {
  clock: string;
  at: string;
  reference: string;
  filedBy: string;
  note?: string;
  json?: boolean;
}

export function determinationCommand(parent: Command, procedure: string): Command {
  return withActor(parent.command('record-determination'), 'legal')
    .description('record a determination that starts legal clocks (legal or compliance); never changed, only corrected')
    .argument(`<${procedure}-id>`)
    .addOption(
      new Option('--determination <name>', 'what was determined').choices(DETERMINATIONS).makeOptionMandatory(),
    )
    .option('--at <iso>', 'when it was made (default: now)')
    .requiredOption('--reason <text>', 'the basis, at least 10 characters')
    .option('--correction', 'corrects an earlier entry (a new entry; the old one stays)')
    .option('--json', 'print the resulting status as JSON');
}

export function submissionCommand(parent: Command, procedure: string): Command {
  return withActor(parent.command('record-submission'), 'legal')
    .description('record a filing with a regulator Herald does not reach: meets that legal clock (legal or compliance)')
    .argument(`<${procedure}-id>`)
    .requiredOption('--clock <id>', 'the legal clock it meets (see the status: "id …")')
    .requiredOption('--at <iso>', 'when it was filed')
    .requiredOption('--reference <text>', 'portal reference, filing or case number')
    .requiredOption('--filed-by <name>', 'who filed it')
    .option('--note <text>', 'anything else for the audit trail')
    .option('--json', 'print the resulting status as JSON');
}

export function determinationAction(o: DeterminationOptions, now: () => string): RecordDeterminationAction {
  return {
    actor: actorOf(o),
    determination: o.determination,
    at: o.at ?? now(),
    reason: o.reason,
    ...(o.correction ? { correction: true } : {}),
  };
}

export function submissionAction(o: SubmissionOptions): RecordSubmissionAction {
  return {
    actor: actorOf(o),
    clockId: o.clock,
    at: o.at,
    reference: o.reference,
    filedBy: o.filedBy,
    ...(o.note === undefined ? {} : { note: o.note }),
  };
}
