/** Regulatory-engine clocks as every procedure's status, Temporal UI and reports show them. */
import type { RegulatoryClock } from '../domain/regulatory/index.ts';
import type { LegalClock } from '../domain/status.ts';

/**
 * The notices Herald sends itself: the supervisory-authority notice (GDPR Art. 33, to the
 * directory's authority) and the affected people's notice (Art. 34). Every other clock is met by
 * a filing an operator makes and records with its evidence.
 */
export const HERALD_SENT_CLOCKS = ['gdpr:art33:supervisory-authority', 'gdpr:art34:individuals'] as const;

export function toLegalClock(c: RegulatoryClock): LegalClock {
  return {
    id: c.id,
    regime: c.regime,
    jurisdiction: c.jurisdiction,
    title: c.title,
    recipient: c.recipient.name,
    startEvent: c.startEvent.name,
    dueAt: c.dueAt,
    period: c.period,
    source: `${c.source.instrument}, ${c.source.provision} (checked ${c.source.checkedOn})`,
    inForce: c.inForce,
    startedAt: c.startEvent.at,
    meansOfMeeting: (HERALD_SENT_CLOCKS as readonly string[]).includes(c.id) ? 'herald-sends' : 'operator-files',
  };
}

/** One Markdown line per clock, for Temporal UI's current details. */
export function legalClockDetails(clocks: readonly LegalClock[]): string[] {
  if (clocks.length === 0) return [];
  return [
    'Legal clocks:',
    ...clocks.map(
      (c) =>
        `- ${c.regime} ${c.jurisdiction}: ${c.title} — ${c.dueAt ? `due ${c.dueAt}` : c.period}` +
        `${c.state && c.state !== 'pending' ? ` **${c.state}**` : ''}${c.warnedAt && c.state === 'pending' ? ' **AT RISK**' : ''} (${c.source})`,
    ),
  ];
}
