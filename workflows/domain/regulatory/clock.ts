/**
 * A regulatory clock: one legal duty to notify someone, with the event that started it and the time
 * it is due. Plain JSON, so a workflow can keep clocks in its state and audit trail.
 */
import type { CalendarUsed } from './periods.ts';

/** The day every rule in the tables was last checked against its sources. */
export const RULES_CHECKED_ON = '2026-11-22';

/** Regimes the engine knows. */
export const REGIMES = [
  'GDPR',
  'UK-GDPR',
  'NIS2',
  'DORA',
  'HIPAA',
  'SEC',
  'GLBA',
  'FSA',
  'US-STATE',
  'LGPD',
  'PDPA-SG',
  'CERT-IN',
  'DPDP',
  'NDB',
  'PIPEDA',
] as const;
export type RegimeId = (typeof REGIMES)[number];

/** Who receives the notice. `internal` marks a determination the organisation itself must make. */
export const RECIPIENT_KINDS = [
  'authority',
  'individuals',
  'attorney-general',
  'media',
  'public-filing',
  'business-partner',
  'internal',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  kind: RecipientKind;
  /** Who exactly: "ICO", "HHS Secretary (OCR)", "Attorney General of Texas". */
  name: string;
}

/** Where a rule comes from. */
export interface LegalSource {
  /** The instrument: "Regulation (EU) 2016/679 (GDPR)". */
  instrument: string;
  /** Article, section or paragraph: "Art. 33(1)". */
  provision: string;
  /** When the rule was last checked against the source (`YYYY-MM-DD`). */
  checkedOn: string;
  /** Interpretation notes: what was followed where sources differ or could not be read. */
  note?: string;
}

/** Events that start clocks. */
export const START_EVENTS = [
  'awareness',
  'breach-determined',
  'high-risk-assessed',
  'materiality-determined',
  'classified-major',
  'significant-incident-aware',
  'notifiable-assessed',
  'eligible-breach-believed',
  'initial-notification-submitted',
  'intermediate-report-submitted',
  'incident-notification-submitted',
  'anpd-communication-submitted',
  'individuals-notified',
] as const;
export type StartEventName = (typeof START_EVENTS)[number];

/** The event a clock runs from. */
export interface StartEvent {
  name: StartEventName;
  /** ISO-8601 UTC instant. */
  at: string;
  /** Set when the event's own time is not known yet and an earlier event's time stands in for it. */
  assumedFrom?: StartEventName;
}

/** One legal clock. */
export interface RegulatoryClock {
  /** Stable across recomputations: the same duty keeps its id while its due time moves. */
  id: string;
  /** The rule that produced it (a clock id can come from alternative rules, e.g. HIPAA ≥ 500 / < 500). */
  ruleId: string;
  regime: RegimeId;
  /** `EU`, `UK`, `US`, `US-CA`, `BR`, … */
  jurisdiction: string;
  /** The duty, in words: "Notify the supervisory authority". */
  title: string;
  recipient: Recipient;
  startEvent: StartEvent;
  /** ISO-8601 UTC instant, or null for duties without a fixed period ("without undue delay"). */
  dueAt: string | null;
  /** The period, in words: "72 hours", "30 calendar days", "without undue delay". */
  period: string;
  calendar: CalendarUsed;
  /** The threshold or condition that made the duty apply, with the facts that met it. */
  trigger: string;
  source: LegalSource;
  /** False when the provision is not yet in force at the start event (listed for planning). */
  inForce: boolean;
  /** How the due time was bounded, when another limit applied. */
  notes: string[];
}
