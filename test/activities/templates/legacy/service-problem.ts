/**
 * The page ops get when a service stops working for a procedure: what failed, since when, what
 * waits on it, what Herald does meanwhile and how to retry once it is fixed. English, like every
 * staff message; the SMS keeps the reference and the retry command whole.
 */
import type { RenderedMessage } from '../../../../activities/documents/message-types.ts';
import { formatInstant, oneLine } from '../../../../activities/documents/format.ts';
import { fitSms } from '../../../../activities/documents/sms.ts';

export interface ServiceProblem {
  /** The procedure's business id as the CLI takes it. */
  reference: string;
  service: string;
  failureType: string;
  cause: string;
  since: string;
  permanent: boolean;
  /** Steps waiting on the service. */
  steps: string[];
  /** The command that retries the waiting steps now. */
  retryCommand: string;
  /** Minutes between automatic re-checks. */
  recheckMinutes: number;
}

export function renderServiceProblem(p: ServiceProblem): RenderedMessage {
  const what = p.permanent ? 'is blocked' : 'is failing';
  const meanwhile = p.permanent
    ? `Herald re-checks it every ${p.recheckMinutes} minutes and resumes by itself when it works again.`
    : 'Herald keeps retrying with a growing backoff.';
  return {
    subject: `[Herald][ACTION NEEDED] ${p.service} ${what} for ${p.reference} (${p.failureType})`,
    text: [
      `The ${p.service} service ${what} for procedure ${p.reference} since ${formatInstant(p.since)}.`,
      '',
      `Failure: ${p.failureType}`,
      `Cause: ${oneLine(p.cause)}`,
      `Waiting on it: ${p.steps.join(', ') || 'nothing yet'}`,
      '',
      `Every other step and deadline watch runs on; notices go out on the channels that still work. ${meanwhile}`,
      `Once it is fixed, retry now with: ${p.retryCommand}`,
      '',
    ].join('\n'),
    sms: fitSms({
      head: `Herald ${p.reference}: ${p.service} ${what.replace('is ', '')} (${p.failureType}).`,
      body: oneLine(p.cause),
      tail: `Retry: ${p.retryCommand}`,
    }),
  };
}
