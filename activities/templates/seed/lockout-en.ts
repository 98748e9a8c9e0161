/**
 * English texts of the lockout procedure's messages (staff, customers, procurement, report cover)
 * and of the service-problem and legal-clock notices, as shipped: the registry's first approved
 * version of each. Staff messages name the lockout first so a truncated SMS still says which.
 */
import type { LockoutTemplateParams } from '../../documents/lockout-message-types.ts';
import type { TemplateTexts } from '../template-texts.ts';

export type LockoutTexts = { readonly [T in keyof LockoutTemplateParams]: TemplateTexts };

const CAUSE =
  '{cause, select, token {an expired or revoked integration token} acl {an access-control list mismatch blocking sync jobs}' +
  ' certificate {a certificate-chain validation failure}' +
  ' auditLog {an audit-log compliance lockout during a surveillance period} other {a data-residency conflict}}';

/** What every staff lockout message states about the lockout and its scope. */
const HEAD = `Title: {title}
Cause: ${CAUSE}
Awareness (detected at): {detectedAt}
Degraded: {surfaces}
Regions: {regions}
EU personal-data processing interrupted: {euInterrupted, select, yes {YES (GDPR assessment running)} other {no}}`;

export const LOCKOUT_EN: LockoutTexts = {
  'lockout-alert': {
    subject: '[Herald][{severityUpper}] Compliance lockout {lockoutId}: {title}',
    text: `Compliance lockout {lockoutId}: Salesforce integrations are blocked. An engineer and compliance are needed now.

${HEAD}

Acknowledge with: {ackCommand}
Until someone acknowledges, Herald escalates to the next on-call level.
`,
    smsHead: 'Herald {lockoutId} {severityUpper} lockout:',
    smsBody: '{title}. {surfacesShort} degraded.',
    smsTail: 'Ack: {ackCommand}',
  },
  'lockout-escalation': {
    subject: '[Herald][{severityUpper}][ESCALATION L{level}] Compliance lockout {lockoutId}',
    text: `Escalation level {level}: compliance lockout {lockoutId} needs attention.
{hasReason, select, yes {Reason: {reason}} other {Nobody has acknowledged the alert.}}

${HEAD}

Acknowledge with: {ackCommand}
`,
    smsHead: 'Herald {lockoutId} ESCALATION L{level}{hasPage, select, yes { page {page}} other {}}:',
    smsBody: '{severityUpper} lockout. {hasReason, select, yes {{reason}} other {Unacknowledged.}}',
    smsTail: 'Ack: {ackCommand}',
  },
  'lockout-stakeholder-notice': {
    subject: '[Herald][{severityUpper}] Salesforce integrations locked out: {title} ({lockoutId})',
    text: `A compliance lockout ({lockoutId}) is blocking the platform's Salesforce integrations.

${HEAD}

{description}

Status updates follow every {cadence} until the lockout is resolved.
`,
    smsHead: 'Herald {lockoutId}:',
    smsBody: 'Salesforce integrations locked out ({surfacesShort} degraded, {regionsShort}).',
    smsTail: 'Details by email.',
  },
  'lockout-status-update': {
    subject: '[Herald] Status update {sequence} on lockout {lockoutId}: {title}',
    text: `Status update {sequence} on compliance lockout {lockoutId} (still unresolved).

${HEAD}

{hasApprovedText, select, yes {{approvedText}} other {Engineering and compliance are working on it.}}

{hasNextAt, select, yes {Next update by {nextAt}.} other {}}
`,
    smsHead: 'Herald {lockoutId} update {sequence}:',
    smsBody: '{hasApprovedText, select, yes {{approvedText}} other {Lockout unresolved; teams working on it.}}',
    smsTail: '',
  },
  'lockout-resolution': {
    subject: '[Herald] Resolved: compliance lockout {lockoutId}: {title}',
    text: `Compliance lockout {lockoutId} is resolved; the Salesforce integrations are unblocked.

${HEAD}
Resolved at: {hasResolvedAt, select, yes {{resolvedAt}} other {now}}
Root cause: {hasRootCause, select, yes {{rootCause}} other {not stated}}

A post-incident report follows.
`,
    smsHead: 'Herald {lockoutId} RESOLVED:',
    smsBody: '{rootCause}',
    smsTail: '',
  },
  'lockout-deadline-missed': {
    subject: '[Herald][DEADLINE MISSED] Lockout {lockoutId}: {milestoneTitle}',
    text: `A deadline of compliance lockout {lockoutId} has passed without the milestone being met.

Milestone: {milestoneTitle} ({milestone})
Was due at: {hasDueAt, select, yes {{dueAt}} other {?}}

The miss is recorded in the audit log and the compliance report.
`,
    smsHead: 'Herald {lockoutId} DEADLINE MISSED:',
    smsBody: '{milestoneTitle} was due {hasDueAt, select, yes {{dueAt}} other {?}}.',
    smsTail: '',
  },
  'lockout-report-cover': {
    subject:
      '[Herald] {kind, select, compliance {Compliance status report} other {Post-incident report}}: lockout {lockoutId} (sha256 {sha256Short})',
    text: '{reportText}',
    smsHead: 'Herald {lockoutId}:',
    smsBody:
      '{kind, select, compliance {compliance status report} other {post-incident report}} sent to your email (sha256 {sha256Short}).',
    smsTail: '',
  },
  'lockout-customer-notice': {
    subject: 'Service notice for {accountName}: {affected} degraded ({lockoutId})',
    text: `Dear {accountName} team,

Since {since}, a security control has blocked our platform's CRM integrations. As a result, {affected} may be degraded in {regions}.
The control acted as designed; our engineering and compliance teams are working on it now.

We will send status updates every {cadence} until it is resolved.
Reference: {lockoutId}
`,
    smsHead: 'Service notice {lockoutId}:',
    smsBody: '{affected} degraded ({regionsShort}). Updates every {cadence} by email.',
    smsTail: '',
  },
  'lockout-procurement-notice': {
    subject: 'Vendor assessment update for {accountName}: integration lockout {lockoutId}',
    text: `Dear {accountName} procurement and security team,

Since {since}, a security control has blocked our platform's CRM integrations ({affected} degraded in {regions}).
Attached are our pre-approved vendor-assessment answers, version {documentVersion}, covering data impact, certifications and how we keep you informed.

Please confirm receipt by replying to this message or to your account owner.
Reference: {lockoutId}
`,
    smsHead: 'Vendor notice {lockoutId}:',
    smsBody:
      'integration lockout affecting {accountName}. Assessment answers v{documentVersion} sent by email; please confirm receipt.',
    smsTail: '',
  },
  'lockout-procurement-escalation': {
    subject: '[Herald] {accountName} procurement has not confirmed the lockout notice ({lockoutId})',
    text: `You own the account {accountName}. Its procurement and security contacts were sent the vendor-assessment answers (version {documentVersion}) at {hasNoticeSentAt, select, yes {{noticeSentAt}} other {?}} and have not confirmed receipt.

Lockout: {title} ({lockoutId})

Please contact them directly, then record it with:
  herald lockout procurement {lockoutId} --account {hasAccountId, select, yes {{accountId}} other {<account id>}} --as <you> --note "…"
`,
    smsHead: 'Herald {lockoutId}:',
    smsBody: '{accountName} procurement has not confirmed the lockout notice. Please call them.',
    smsTail: '',
  },
  'lockout-customer-resolution': {
    subject: 'Resolved: service notice {lockoutId} for {accountName}',
    text: `Dear {accountName} team,

The integration lockout reported earlier is resolved{hasResolvedAt, select, yes { as of {resolvedAt}} other {}}; {affected} work normally again.
Cause: {hasRootCause, select, yes {{rootCause}} other {under review}}

A post-incident report is available from your account owner on request.
Reference: {lockoutId}
`,
    smsHead: 'Resolved {lockoutId}:',
    smsBody: '{affected} work normally again.',
    smsTail: '',
  },
  'service-problem': {
    subject:
      '[Herald][ACTION NEEDED] {service} {permanent, select, yes {is blocked} other {is failing}} for {reference} ({failureType})',
    text: `The {service} service {permanent, select, yes {is blocked} other {is failing}} for procedure {reference} since {since}.

Failure: {failureType}
Cause: {cause}
Waiting on it: {hasSteps, select, yes {{steps}} other {nothing yet}}

Every other step and deadline watch runs on; notices go out on the channels that still work. {permanent, select, yes {Herald re-checks it every {recheckMinutes} minutes and resumes by itself when it works again.} other {Herald keeps retrying with a growing backoff.}}
Once it is fixed, retry now with: {retryCommand}
`,
    smsHead: 'Herald {reference}: {service} {permanent, select, yes {blocked} other {failing}} ({failureType}).',
    smsBody: '{cause}',
    smsTail: 'Retry: {retryCommand}',
  },
  'legal-clock-notice': {
    subject:
      '[Herald][LEGAL CLOCK {kind, select, missed {MISSED} other {AT RISK}}] {regime} {jurisdiction}: {clockTitle} — {reference}',
    text: `{kind, select, missed {The legal clock "{clockTitle}" for {reference} passed unmet at {dueAt}.} other {The legal clock "{clockTitle}" for {reference} is due at {dueAt} and is not met yet.}}

Regime: {regime} ({jurisdiction})
Recipient: {recipient}
Source: {source}

{heraldSends, select, yes {Herald sends this notice itself once it is approved; check what holds it up.} other {Herald does not file this one: file it with {recipient}, then record the filing:
{recordCommand}}}{kind, select, missed {
A late filing usually has to state the reasons for the delay.} other {}}
`,
    smsHead: 'Herald {reference} LEGAL CLOCK {kind, select, missed {MISSED} other {AT RISK}}:',
    smsBody: '{regime} {jurisdiction} {clockTitle}, due {dueAt}.',
    smsTail: 'Details by email.',
  },
};
