/**
 * English staff messages as shipped: the registry's first approved version of each (seed-templates.ts).
 * Each names the incident id first so a truncated SMS still says which incident it is about.
 */
import type { LockoutTemplateParams } from '../../documents/lockout-message-types.ts';
import type { TemplateId } from '../../documents/message-types.ts';
import type { TemplateTexts } from '../template-texts.ts';

/** The data-leak procedure's staff messages (the lockout's are in lockout-*.ts). */
export type DataLeakStaffTemplateId = Exclude<
  TemplateId,
  'affected-person' | 'credential-warning' | keyof LockoutTemplateParams
>;

/** The approval-escalation's SMS: the review request, which wraps that cover, sends the same. */
const APPROVAL_SMS = {
  smsHead: 'Herald {incidentId}:',
  smsBody: 'authority notice v{version} awaits legal approval, due {dueAt}.',
  smsTail: 'Details by email.',
};

export const STAFF_EN: { [T in DataLeakStaffTemplateId]: TemplateTexts } = {
  'ops-alert': {
    subject: '[Herald][{severityUpper}] Data-leak incident {incidentId}: {title}',
    text: `Data-leak incident {incidentId} needs an incident responder now.

Title: {title}
Severity: {severity}
Awareness (detected at): {detectedAt}

Acknowledge with: {ackCommand}
Until someone acknowledges, Herald escalates to the next on-call level.
Legal clocks run from the awareness time: the supervisory authority must be notified within
72 hours (GDPR Art. 33).
`,
    smsHead: 'Herald {incidentId} {severityUpper} data leak:',
    smsBody: '{title}. Detected {detectedAt}.',
    smsTail: 'Ack: {ackCommand}',
  },
  'ops-escalation': {
    subject: '[Herald][{severityUpper}][ESCALATION L{level}] Unacknowledged data-leak incident {incidentId}: {title}',
    text: `Escalation level {level}: data-leak incident {incidentId} is still unacknowledged.

Title: {title}
Severity: {severity}
Awareness (detected at): {detectedAt}
Unacknowledged since: {unacknowledgedSince}

Acknowledge with: {ackCommand}
Until someone acknowledges, Herald keeps escalating.
`,
    smsHead: 'Herald {incidentId} ESCALATION L{level}{hasPage, select, yes { page {page}} other {}}:',
    smsBody: '{severityUpper} data leak unacknowledged since {unacknowledgedSince}. {title}.',
    smsTail: 'Ack: {ackCommand}',
  },
  'stakeholder-notice': {
    subject: '[Herald][{severityUpper}] Data-leak incident {incidentId}: {title}',
    text: `For your information and action: Herald is running the data-leak procedure for incident {incidentId}.

Title: {title}
Severity: {severity}
Awareness (detected at): {detectedAt}
Data categories: {dataCategories}
Jurisdictions: {jurisdictions}
Affected people: {affectedKnown, select, yes {{affectedPeople, number}} other {being determined}}
Supervisory-authority notice due: {authorityNoticeDueAt} (GDPR Art. 33)

What happened:
{description}

Legal will be asked to approve the authority notice and the communication to affected people.
`,
    smsHead: 'Herald {incidentId} {severityUpper} data leak:',
    smsBody: '{title}. Authority notice due {authorityNoticeDueAt}.',
    smsTail: 'Details by email.',
  },
  'deadline-missed': {
    subject: '[Herald][DEADLINE MISSED] {incidentId}: {milestoneTitle}',
    text: `A deadline of data-leak incident {incidentId} has passed without the milestone being met.

Incident: {title}
Milestone: {milestoneTitle} ({milestoneId})
Was due at: {dueAt}

The miss is recorded in the audit log and the compliance report. Complete the milestone
without further delay; record reasons for the delay where the law requires them.
`,
    smsHead: 'Herald {incidentId} DEADLINE MISSED:',
    smsBody: '{milestoneTitle} was due {dueAt}.',
    smsTail: 'Act now; details by email.',
  },
  'deadline-at-risk': {
    subject: '[Herald][DEADLINE AT RISK] {incidentId}: {milestoneTitle}',
    text: `The notification of data-leak incident {incidentId} is estimated to finish after its deadline.

Incident: {title}
Milestone: {milestoneTitle} ({milestoneId})
Due at: {dueAt}
Estimated to finish at: {estimatedFinishAt} ({remaining, plural, one {{remaining} recipient} other {{remaining} recipients}} to go; {basis})

Raise the provider rate limits, add sending capacity or prepare the reasons for the delay now:
the deadline has not passed yet.
`,
    smsHead: 'Herald {incidentId} DEADLINE AT RISK:',
    smsBody: '{milestoneTitle} due {dueAt}, estimated {estimatedFinishAt}.',
    smsTail: 'Details by email.',
  },
  'approval-escalation': {
    subject: '[Herald][APPROVAL NEEDED] Authority notice for {incidentId} awaits legal approval',
    text: `The supervisory-authority notice for data-leak incident {incidentId} awaits legal approval.

Incident: {title}
Draft: version {version}{late, select, yes { (late: includes reasons for the delay)} other {}}
SHA-256 of the draft text: {sha256}
Notice due at: {dueAt} (GDPR Art. 33(1): 72 hours after awareness)

Approval binds to this exact text: approve version and SHA-256 together, or reject with
reasons (optionally supplying a corrected text).
`,
    ...APPROVAL_SMS,
  },
  'authority-undelivered': {
    subject: '[Herald][URGENT] Approved authority notice for {incidentId} has not reached the authority',
    text: `The approved supervisory-authority notice for data-leak incident {incidentId} has not been accepted
for the authority's address. The notice milestone stays open until it is.

Incident: {title}
Notice: version {version}, SHA-256 {sha256}
Notice due at: {dueAt} (GDPR Art. 33(1))
Problem: {problem}

Check the authority's address in the directory or the failing service, then send it again with:
{retryCommand}
A notice sent after the deadline needs the reasons for the delay (Herald redrafts it for approval).
`,
    smsHead: 'Herald {incidentId} URGENT:',
    smsBody: 'approved authority notice v{version} not delivered ({problem}), due {dueAt}.',
    smsTail: 'Resend: {retryCommand}',
  },
  'compliance-report': {
    subject: '[Herald] Compliance status report for {incidentId}{hasVersion, select, yes { (v{version})} other {}}',
    text: `The formal compliance status report for data-leak incident {incidentId} is ready.

Incident: {title}
Generated at: {generatedAt}
{hasSummary, select, yes {Status: {summary}
} other {}}SHA-256 of the report: {sha256}

The report is stored with this hash; compare it to confirm you read the unaltered version.
`,
    smsHead: 'Herald {incidentId}:',
    smsBody: 'compliance status report generated {generatedAt}.',
    smsTail: 'Sent by email.',
  },
  // Legal approved the SHA-256 of the notice text: it is the whole body, byte for byte.
  'authority-notice': {
    subject:
      'Personal data breach notification (GDPR Art. 33): {controllerName}, reference {incidentId}, version {version}',
    text: '{noticeText}',
    smsHead: '{controllerName} ref {incidentId}:',
    smsBody: 'personal data breach notification (GDPR Art. 33) v{version} sent to {authorityName} by email.',
    smsTail: '',
  },
  // The approval-escalation cover (coverText) wrapped for legal: the draft follows verbatim.
  'authority-review-request': {
    subject: '[Herald][REVIEW] Authority notice v{version} for {incidentId} needs legal approval',
    text: `{coverText}
Approve with: {approveCommand}

--- draft v{version} ---
{draftText}`,
    ...APPROVAL_SMS,
  },
};
