/** Regulatory-engine clocks as every procedure's status, Temporal UI and reports show them. */
import type { RegulatoryClock } from '../domain/regulatory/index.ts';
import type { LegalClock } from '../domain/status.ts';

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
  };
}

/** One Markdown line per clock, for Temporal UI's current details. */
export function legalClockDetails(clocks: readonly LegalClock[]): string[] {
  if (clocks.length === 0) return [];
  return [
    'Legal clocks:',
    ...clocks.map(
      (c) => `- ${c.regime} ${c.jurisdiction}: ${c.title} — ${c.dueAt ? `due ${c.dueAt}` : c.period} (${c.source})`,
    ),
  ];
}
