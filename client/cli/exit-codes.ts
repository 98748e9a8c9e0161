/**
 * What `herald` exits with, so scripts and incident tools can branch on the outcome without
 * parsing text. Every failure maps to one of these; the message goes to stderr.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { CommanderError } from 'commander';
import { ActionRejectedError, InvalidInputError } from '../data-leak-client.ts';

export const EXIT = {
  ok: 0,
  /** Anything unexpected: Temporal unreachable, a store that can't be opened. */
  error: 1,
  /** `templates review`: the texts fail the accessibility review. */
  reviewFailed: 1,
  /** Bad command line or bad input: nothing was started or changed. */
  usage: 2,
  /** The procedure refused the action (role, state, stale hash); nothing changed. */
  rejected: 3,
  /** No procedure for that incident. */
  notFound: 4,
  /** `audit verify` found an edited or removed entry. */
  auditBroken: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Raised by a command that has already printed its outcome and wants a particular exit code. */
export class CommandExit extends Error {
  override readonly name = 'CommandExit';
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** The exit code for an error that reached the top of the CLI. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CommandExit) return error.code;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof InvalidInputError) return EXIT.usage;
  if (error instanceof ActionRejectedError) return EXIT.rejected;
  if (error instanceof WorkflowNotFoundError) return EXIT.notFound;
  return EXIT.error;
}
