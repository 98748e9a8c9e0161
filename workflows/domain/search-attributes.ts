/** Search attributes Herald sets, so operators can find incidents in Temporal UI. No PII here. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const INCIDENT_ID = defineSearchAttributeKey('HeraldIncidentId', SearchAttributeType.KEYWORD);
export const SEVERITY = defineSearchAttributeKey('HeraldSeverity', SearchAttributeType.KEYWORD);
export const PHASE = defineSearchAttributeKey('HeraldPhase', SearchAttributeType.KEYWORD);
export const NEXT_DEADLINE = defineSearchAttributeKey('HeraldNextDeadline', SearchAttributeType.DATETIME);
/** Services holding steps up (email, sms, chat, crm, store, procedure): `HeraldBlocked IS NOT NULL`. */
export const BLOCKED = defineSearchAttributeKey('HeraldBlocked', SearchAttributeType.KEYWORD_LIST);
/** A drill's scenario (`none` without a fault); absent on real incidents: `HeraldDrill IS NULL`. */
export const DRILL = defineSearchAttributeKey('HeraldDrill', SearchAttributeType.KEYWORD);

/** Every key, for registering them on a server. */
export const HERALD_SEARCH_ATTRIBUTES = [INCIDENT_ID, SEVERITY, PHASE, NEXT_DEADLINE, BLOCKED, DRILL] as const;
