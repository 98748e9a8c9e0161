/**
 * Evaluates the data-form conditions of the rule tables against incident facts, and resolves the
 * time of each start event.
 */
import type { StartEvent, StartEventName } from './clock.ts';
import { affectedIn, type IncidentFacts } from './facts.ts';
import type { Condition } from './rule-types.ts';

/**
 * When a start event happened, as an ISO string, or null while it has not. `individuals-notified`
 * is per jurisdiction. `breach-determined` falls back to awareness (its earliest possible time),
 * reported as assumed.
 */
export function resolveStartEvent(
  facts: IncidentFacts,
  event: StartEventName,
  jurisdiction: string,
): StartEvent | null {
  const known = (at: string | undefined): StartEvent | null => (at === undefined ? null : { name: event, at });
  const d = facts.determinations;
  const s = facts.submissions;
  switch (event) {
    case 'awareness':
      return { name: event, at: facts.awareAt };
    case 'breach-determined':
      return facts.breachDeterminedAt === undefined
        ? { name: event, at: facts.awareAt, assumedFrom: 'awareness' }
        : { name: event, at: facts.breachDeterminedAt };
    case 'high-risk-assessed':
      return known(d.highRiskAssessedAt);
    case 'materiality-determined':
      return known(d.secMaterialAt);
    case 'classified-major':
      return known(d.doraMajorAt);
    case 'significant-incident-aware':
      return known(d.nis2SignificantAt);
    case 'notifiable-assessed':
      return known(d.sgNotifiableAt);
    case 'eligible-breach-believed':
      return known(d.auEligibleAt);
    case 'initial-notification-submitted':
      return known(s.doraInitialNotificationAt);
    case 'intermediate-report-submitted':
      return known(s.doraIntermediateReportAt);
    case 'incident-notification-submitted':
      return known(s.nis2IncidentNotificationAt);
    case 'anpd-communication-submitted':
      return known(s.anpdCommunicationAt);
    case 'individuals-notified':
      return known(s.individualsNotifiedAt[jurisdiction]);
  }
}

/** Whether a condition holds for the facts (`jurisdiction` is the rule's, for per-jurisdiction events). */
export function holds(condition: Condition, facts: IncidentFacts, jurisdiction: string): boolean {
  switch (condition.kind) {
    case 'affected':
      return affectedIn(facts, condition.jurisdiction) >= condition.atLeast;
    case 'affected-below':
      return affectedIn(facts, condition.jurisdiction) < condition.below;
    case 'sector':
      if (condition.flag === 'hipaa') return facts.sector.hipaa === condition.equals;
      if (condition.flag === 'nis2') return facts.sector.nis2 !== null;
      return facts.sector[condition.flag];
    case 'not-sector':
      return !facts.sector[condition.flag];
    case 'data':
      return condition.anyOf.some((c) => facts.dataCategories.includes(c));
    case 'data-not-secured':
      return !facts.dataSecured;
    case 'event-known':
      return resolveStartEvent(facts, condition.event, jurisdiction) !== null;
    case 'not-ruled-out':
      return !facts.ruledOut[condition.test];
    case 'all':
      return condition.of.every((c) => holds(c, facts, jurisdiction));
    case 'any':
      return condition.of.some((c) => holds(c, facts, jurisdiction));
  }
}
