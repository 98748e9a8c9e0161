/** Typed parameters of Herald's message templates, one entry per template id. */
import type { Severity } from '../../workflows/domain/incident.ts';
import type { EmailAttachment } from '../ports.ts';
import type { LocalizedText } from './locale.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import type { CredentialWarningInput } from './credential-warning.ts';
import { LOCKOUT_TEMPLATE_IDS } from './lockout-message-types.ts';
import type { LockoutTemplateParams } from './lockout-message-types.ts';

/** A rendered message: email subject and body, and an SMS body of at most 320 characters. */
export interface RenderedMessage {
  subject: string;
  text: string;
  sms: string;
  /** Documents the email carries (SMS never does). */
  attachments?: EmailAttachment[];
  /** The template version it was rendered from (named in the delivery's audit entry). */
  template?: TemplateUse;
}

/** What every incident message names. */
export interface IncidentRef {
  incidentId: string;
  title: string;
  /** The reader's IANA zone: times are shown in it and in UTC. Absent: UTC alone. */
  timeZone?: string;
}

/** Data protection officer contact, as affected people and authorities see it. */
export interface DpoContact {
  name: string;
  email: string;
  phone?: string;
}

/** Parameters per template id. Times are ISO instants. */
export interface TemplateParams extends LockoutTemplateParams {
  /** First alert to the on-call responder. */
  'ops-alert': IncidentRef & { severity: Severity; detectedAt: string };
  /** Alert moved up the on-call ladder because nobody acknowledged. */
  'ops-escalation': IncidentRef & {
    severity: Severity;
    detectedAt: string;
    /** Escalation level reached (1 = first step above the initial on-call). */
    level: number;
    /** When the unacknowledged alert first went out. */
    unacknowledgedSince: string;
    /** The page of the ladder (a level re-paged at the top says which time). */
    page?: number;
  };
  /** Heads-up to DPO, legal, CISO, registrar and communications. */
  'stakeholder-notice': IncidentRef & {
    severity: Severity;
    detectedAt: string;
    description: string;
    dataCategories: readonly string[];
    jurisdictions: readonly string[];
    /** Deadline of the authority notice (72 h after awareness). */
    authorityNoticeDueAt: string;
    /** Affected people counted so far; null when not yet determined. */
    affectedPeople: number | null;
  };
  /** A milestone passed its deadline without being met. */
  'deadline-missed': IncidentRef & {
    milestoneId: string;
    milestoneTitle: string;
    dueAt: string;
  };
  /** A mass notification is estimated to finish after its milestone's deadline. */
  'deadline-at-risk': IncidentRef & {
    milestoneId: string;
    milestoneTitle: string;
    dueAt: string;
    estimatedFinishAt: string;
    remaining: number;
    /** How the estimate was made, e.g. "planned: 30 SMS/s" or "observed: 27.5 recipients/s". */
    basis: string;
  };
  /** The authority notice still awaits legal approval close to its deadline. */
  'approval-escalation': IncidentRef & {
    version: number;
    sha256: string;
    dueAt: string;
    late: boolean;
  };
  /** The approved authority notice has not reached the authority: refused, or its channel is failing. */
  'authority-undelivered': IncidentRef & {
    version: number;
    sha256: string;
    dueAt: string;
    /** What went wrong, in the provider's words (no addresses). */
    problem: string;
    /** The command that sends it again once the address or the service is fixed. */
    retryCommand: string;
  };
  /** Cover message for the compliance report; the report travels as its own document. */
  'compliance-report': IncidentRef & {
    generatedAt: string;
    sha256: string;
    version?: number;
    /** Short status line, e.g. "2 of 5 milestones met, 1 missed". */
    summary?: string;
  };
  /**
   * Email to the supervisory authority; `noticeText` is the approved notice, the body verbatim.
   * Rendering throws unless `sha256` (the approved hash) is the SHA-256 of `noticeText`.
   */
  'authority-notice': IncidentRef & {
    authorityName: string;
    controllerName: string;
    version: number;
    sha256: string;
    noticeText: string;
  };
  /**
   * Legal is asked to approve the authority notice's draft: the `approval-escalation` cover
   * (`coverText`, rendered from its own template) with the approve command and the draft verbatim.
   */
  'authority-review-request': TemplateParams['approval-escalation'] & {
    coverText: string;
    approveCommand: string;
    /** The stored draft, shown byte for byte. */
    draftText: string;
  };
  /** GDPR Art. 34 communication to an affected person, in plain language. */
  'affected-person': {
    incidentId: string;
    /** The university, as the person knows it. */
    organisation: string;
    /** Name to greet; a neutral greeting when absent. */
    recipientName?: string;
    /** Date the university became aware. */
    detectedAt: string;
    /** The recipient's IANA zone: dates are their local dates. Absent: UTC. */
    timeZone?: string;
    /** The recipient's country (ISO alpha-2): dates take its regional form ("en" in US → "March 1, 2025"). */
    country?: string;
    /** What happened, in plain words (Art. 34(2), nature of the breach). */
    whatHappened: LocalizedText;
    /** Kinds of personal data concerned, e.g. "name", "student ID". */
    dataCategories: readonly LocalizedText[];
    /** Likely consequences (Art. 33(3)(c) via 34(2)); a generic sentence when absent. */
    likelyConsequences?: LocalizedText;
    /** What the university did and is doing (Art. 33(3)(d) via 34(2)). */
    measuresTaken: LocalizedText;
    /** Extra advice for this incident, shown before the standard advice. */
    advice?: readonly LocalizedText[];
    dpo: DpoContact;
  };
  /** A credential's owners are warned before it expires (the credential watch: no procedure). */
  'credential-warning': CredentialWarningInput;
}

export type TemplateId = keyof TemplateParams;

export const TEMPLATE_IDS = [
  'ops-alert',
  'ops-escalation',
  'stakeholder-notice',
  'deadline-missed',
  'deadline-at-risk',
  'approval-escalation',
  'authority-undelivered',
  'compliance-report',
  'authority-notice',
  'authority-review-request',
  'affected-person',
  'credential-warning',
  ...LOCKOUT_TEMPLATE_IDS,
] as const satisfies readonly TemplateId[];
