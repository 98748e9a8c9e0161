/**
 * What legal and the DPO are told about a legal clock: at risk (its slack is running out) or
 * missed (the due time passed unmet). English, like every staff message; the SMS keeps the
 * reference and the due time whole.
 */
import type { RenderedMessage } from '../../../../activities/documents/message-types.ts';
import { formatInstant, oneLine } from '../../../../activities/documents/format.ts';
import { fitSms } from '../../../../activities/documents/sms.ts';

export interface LegalClockNotice {
  /** The procedure's business id. */
  reference: string;
  kind: 'at-risk' | 'missed';
  clock: {
    id: string;
    regime: string;
    jurisdiction: string;
    title: string;
    recipient: string;
    dueAt: string;
    source: string;
    meansOfMeeting: 'herald-sends' | 'operator-files';
  };
  /** The command that records the filing that meets it. */
  recordCommand: string;
}

export function renderLegalClockNotice(p: LegalClockNotice): RenderedMessage {
  const { clock } = p;
  const what = p.kind === 'missed' ? 'MISSED' : 'AT RISK';
  const meet =
    clock.meansOfMeeting === 'herald-sends'
      ? 'Herald sends this notice itself once it is approved; check what holds it up.'
      : `Herald does not file this one: file it with ${oneLine(clock.recipient)}, then record the filing:`;
  return {
    subject: `[Herald][LEGAL CLOCK ${what}] ${clock.regime} ${clock.jurisdiction}: ${oneLine(clock.title)} — ${p.reference}`,
    text: [
      p.kind === 'missed'
        ? `The legal clock "${oneLine(clock.title)}" for ${p.reference} passed unmet at ${formatInstant(clock.dueAt)}.`
        : `The legal clock "${oneLine(clock.title)}" for ${p.reference} is due at ${formatInstant(clock.dueAt)} and is not met yet.`,
      '',
      `Regime: ${clock.regime} (${clock.jurisdiction})`,
      `Recipient: ${oneLine(clock.recipient)}`,
      `Source: ${oneLine(clock.source)}`,
      '',
      meet,
      ...(clock.meansOfMeeting === 'operator-files' ? [p.recordCommand] : []),
      ...(p.kind === 'missed' ? ['A late filing usually has to state the reasons for the delay.'] : []),
      '',
    ].join('\n'),
    sms: fitSms({
      head: `Herald ${p.reference} LEGAL CLOCK ${what}:`,
      body: `${clock.regime} ${clock.jurisdiction} ${oneLine(clock.title)}, due ${formatInstant(clock.dueAt)}.`,
      tail: 'Details by email.',
    }),
  };
}
