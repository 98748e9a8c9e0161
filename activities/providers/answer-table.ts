/**
 * Every provider answer Herald recognises, in one table: provider + HTTP status + documented code
 * (or message / field where the provider has no code) → what it means for the procedure. The first
 * matching row wins, so specific rows come before each provider's catch-alls. An answer no row
 * matches (5xx, time-outs, dropped sockets) is transient: Temporal retries it.
 *
 * The table is data: errors.ts reads an SDK error into a {@link ProviderAnswer} and looks it up;
 * test/activities/providers/answer-table.test.ts checks every row.
 */

/** The providers Herald talks to. */
export type ProviderName = 'Salesforce' | 'SendGrid' | 'Twilio' | 'ChatWebhook';

/**
 * What an answer means for the procedure, in one word each:
 * - `recipient`: this person cannot be reached on this channel (the workflow tries another one);
 *   an outcome for that person, never a step failure;
 * - `rate-limited`: retry after the provider's reset hint;
 * - `credentials`: the key, token or user is refused (revoked, frozen, suspended): step-level, permanent;
 * - `permission`: the credentials work but lack a scope or permission: step-level, permanent;
 * - `configuration`: our sender, account or org settings are wrong: step-level, permanent;
 * - `our-request`: the provider will never accept what we sent (our bug): step-level, permanent;
 * - `transient`: outage, overload, time-out: retried with backoff.
 */
export const ANSWER_KINDS = [
  'recipient',
  'rate-limited',
  'credentials',
  'permission',
  'configuration',
  'our-request',
  'transient',
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** An inclusive range of HTTP statuses or numeric codes. */
export interface CodeRange {
  from: number;
  to: number;
}

/** One provider answer as the table sees it, whatever SDK produced it. */
export interface ProviderAnswer {
  status?: number;
  /** Twilio's numeric code, Salesforce's errorCode or OAuth error, a chat webhook's body word. */
  code?: number | string;
  /** The provider's messages (SendGrid errors[].message, Twilio message, chat body). Matched, never repeated. */
  texts: readonly string[];
  /** SendGrid's errors[].field values. */
  fields: readonly string[];
}

/** One row of the table. */
export interface AnswerRow {
  /** Stable name of the row, carried in failure details (e.g. "twilio-21211"). */
  id: string;
  provider: ProviderName;
  /** `request`: the answer to our API call. `report`: a delivery report that arrives later (callback, event). */
  stage: 'request' | 'report';
  status?: number | CodeRange;
  code?: number | string | CodeRange;
  /** Matches one of the provider's messages. */
  text?: RegExp;
  /** Matches one of SendGrid's error fields. */
  field?: RegExp;
  kind: AnswerKind;
  /** What it means, in our words: this, not the provider's text, goes into failure messages. */
  meaning: string;
  /** Where the answer is documented. */
  source: string;
}

const TWILIO_ERRORS = 'https://www.twilio.com/docs/api/errors';
const SENDGRID_MAIL_ERRORS = 'https://www.twilio.com/docs/sendgrid/api-reference/mail-send/errors';
const SENDGRID_4XX =
  'https://support.sendgrid.com/hc/en-us/articles/18322114821403-4XX-API-Errors-and-Troubleshooting-Suggestions';
const SENDGRID_V3_ERRORS = 'https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/errors';
const SENDGRID_EVENTS = 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event';
const SALESFORCE_ERRORS = 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm';
const SALESFORCE_BULK_QUERY =
  'https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm';
const SALESFORCE_OAUTH = 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm';
const SLACK_WEBHOOKS = 'https://api.slack.com/messaging/webhooks#handling_errors';

const CLIENT_ERRORS: CodeRange = { from: 400, to: 499 };
const SERVER_ERRORS: CodeRange = { from: 500, to: 599 };

const twilio = (code: number, kind: AnswerKind, meaning: string): AnswerRow => ({
  id: `twilio-${code}`,
  provider: 'Twilio',
  stage: 'request',
  code,
  kind,
  meaning,
  source: `${TWILIO_ERRORS}/${code}`,
});

const twilioReport = (code: number, meaning: string): AnswerRow => ({
  id: `twilio-report-${code}`,
  provider: 'Twilio',
  stage: 'report',
  code,
  kind: 'recipient',
  meaning,
  source: `${TWILIO_ERRORS}/${code}`,
});

const salesforce = (code: string, kind: AnswerKind, meaning: string, source = SALESFORCE_ERRORS): AnswerRow => ({
  id: `salesforce-${code}`,
  provider: 'Salesforce',
  stage: 'request',
  code,
  kind,
  meaning,
  source,
});

/** The table. Order matters: the first matching row wins. */
export const ANSWER_TABLE: readonly AnswerRow[] = [
  // --- Twilio Programmable Messaging: RestException { status, code } on create / list / fetch ---
  twilio(21211, 'recipient', "invalid 'To' number"),
  // Geo permissions are per destination country: the person's number, not the step, is unreachable.
  twilio(21408, 'recipient', "sending to the 'To' number's region is not enabled (geo permissions)"),
  twilio(21610, 'recipient', "the 'To' number replied STOP (unsubscribed)"),
  twilio(21612, 'recipient', "the 'To' number cannot be reached from this sender"),
  twilio(21614, 'recipient', "the 'To' number is not a mobile number"),
  twilio(21635, 'recipient', "the 'To' number is a landline"),
  // The body is ours: every recipient would be refused, so the step blocks with the real cause
  // (a template too long) instead of marking each person unreachable.
  twilio(21617, 'our-request', 'the message body exceeds 1,600 characters'),
  twilio(21602, 'our-request', 'the message body is empty'),
  twilio(21603, 'configuration', "no 'From' number or Messaging Service configured"),
  twilio(21212, 'configuration', "the configured 'From' number is invalid"),
  twilio(21606, 'configuration', "the configured 'From' number is not a message-capable number of this account"),
  // A trial account may text verified numbers only: the account, not the person, needs fixing.
  twilio(21608, 'configuration', 'a trial account may text verified numbers only (upgrade the account)'),
  twilio(21660, 'configuration', "the configured 'From' number belongs to another account"),
  twilio(21701, 'configuration', 'the configured Messaging Service does not exist in this account'),
  twilio(21705, 'configuration', 'the configured Messaging Service SID is invalid'),
  {
    id: 'twilio-messaging-service',
    provider: 'Twilio',
    stage: 'request',
    code: { from: 21700, to: 21799 },
    kind: 'configuration',
    meaning: 'the Messaging Service configuration is refused (217xx)',
    source: TWILIO_ERRORS,
  },
  twilio(20003, 'credentials', 'account SID and auth token (or API key) refused, or the account is suspended'),
  twilio(20403, 'credentials', 'the account may not use the API (suspended or closed)'),
  twilio(70051, 'permission', 'the API key lacks the permission for this resource (restricted key)'),
  twilio(20429, 'rate-limited', 'too many requests'),
  twilio(20404, 'configuration', 'the account or resource named by the configuration does not exist'),
  twilio(20001, 'our-request', 'a request parameter is invalid'),
  {
    id: 'twilio-429',
    provider: 'Twilio',
    stage: 'request',
    status: 429,
    kind: 'rate-limited',
    meaning: 'too many requests',
    source: TWILIO_ERRORS,
  },
  {
    id: 'twilio-auth-status',
    provider: 'Twilio',
    stage: 'request',
    status: { from: 401, to: 403 },
    kind: 'credentials',
    meaning: 'the credentials are refused',
    source: `${TWILIO_ERRORS}/20003`,
  },
  // Any other messaging error (21xxx, 30xxx) on a one-recipient create refuses that one message:
  // the person is unreachable by SMS, the workflow tries another channel.
  {
    id: 'twilio-other-21xxx',
    provider: 'Twilio',
    stage: 'request',
    status: CLIENT_ERRORS,
    code: { from: 21000, to: 21999 },
    kind: 'recipient',
    meaning: 'Twilio refused this message',
    source: TWILIO_ERRORS,
  },
  {
    id: 'twilio-other-30xxx',
    provider: 'Twilio',
    stage: 'request',
    status: CLIENT_ERRORS,
    code: { from: 30000, to: 30999 },
    kind: 'recipient',
    meaning: 'Twilio refused this message',
    source: TWILIO_ERRORS,
  },
  {
    id: 'twilio-408',
    provider: 'Twilio',
    stage: 'request',
    status: 408,
    kind: 'transient',
    meaning: 'request time-out',
    source: TWILIO_ERRORS,
  },
  {
    id: 'twilio-other-4xx',
    provider: 'Twilio',
    stage: 'request',
    status: CLIENT_ERRORS,
    kind: 'our-request',
    meaning: 'Twilio rejected the request',
    source: TWILIO_ERRORS,
  },
  {
    id: 'twilio-5xx',
    provider: 'Twilio',
    stage: 'request',
    status: SERVER_ERRORS,
    kind: 'transient',
    meaning: 'Twilio server error',
    source: TWILIO_ERRORS,
  },
  // Delivery failures reported later, in the message status / StatusCallback ErrorCode.
  twilioReport(30003, 'unreachable destination handset'),
  twilioReport(30004, 'message blocked by the recipient or carrier'),
  twilioReport(30005, 'unknown destination handset'),
  twilioReport(30006, 'landline or unreachable carrier'),
  twilioReport(30007, 'message filtered by the carrier'),
  twilioReport(30008, 'unknown delivery error'),
  twilioReport(21610, 'the recipient replied STOP (unsubscribed)'),

  // --- SendGrid v3: ResponseError { code: HTTP status, response.body.errors[{ message, field }] } ---
  {
    id: 'sendgrid-recipient-field',
    provider: 'SendGrid',
    stage: 'request',
    status: 400,
    field: /^personalizations\.\d+\.(to|cc|bcc)\b/,
    kind: 'recipient',
    meaning: 'SendGrid refused the recipient address',
    source: SENDGRID_MAIL_ERRORS,
  },
  {
    id: 'sendgrid-from-field',
    provider: 'SendGrid',
    stage: 'request',
    status: 400,
    field: /^from\b/,
    kind: 'configuration',
    meaning: 'the configured sender address is refused',
    source: SENDGRID_MAIL_ERRORS,
  },
  {
    id: 'sendgrid-credits',
    provider: 'SendGrid',
    stage: 'request',
    status: { from: 401, to: 403 },
    text: /maximum credits exceeded/i,
    kind: 'configuration',
    meaning: "the plan's sending credits are used up",
    source: SENDGRID_4XX,
  },
  {
    id: 'sendgrid-sender-identity',
    provider: 'SendGrid',
    stage: 'request',
    status: 403,
    text: /verified Sender Identity|not authorized to send from/i,
    kind: 'configuration',
    meaning: 'the configured sender address is not a verified Sender Identity',
    source: `${TWILIO_ERRORS}/60222`,
  },
  {
    id: 'sendgrid-scope',
    provider: 'SendGrid',
    stage: 'request',
    status: { from: 401, to: 403 },
    text: /not authorized|access forbidden|permission|scope/i,
    kind: 'permission',
    meaning: 'the API key lacks the scope for this call (mail.send, messages.read)',
    source: SENDGRID_4XX,
  },
  {
    id: 'sendgrid-auth',
    provider: 'SendGrid',
    stage: 'request',
    status: { from: 401, to: 403 },
    kind: 'credentials',
    meaning: 'the API key is invalid, expired or revoked',
    source: SENDGRID_4XX,
  },
  {
    id: 'sendgrid-413',
    provider: 'SendGrid',
    stage: 'request',
    status: 413,
    kind: 'our-request',
    meaning: 'the request is larger than SendGrid accepts',
    source: SENDGRID_V3_ERRORS,
  },
  {
    id: 'sendgrid-429',
    provider: 'SendGrid',
    stage: 'request',
    status: 429,
    kind: 'rate-limited',
    meaning: 'too many requests',
    source: SENDGRID_V3_ERRORS,
  },
  {
    id: 'sendgrid-451',
    provider: 'SendGrid',
    stage: 'request',
    status: 451,
    kind: 'configuration',
    meaning: 'the account is bound to another region (data residency)',
    source: SENDGRID_V3_ERRORS,
  },
  {
    id: 'sendgrid-408',
    provider: 'SendGrid',
    stage: 'request',
    status: 408,
    kind: 'transient',
    meaning: 'request time-out',
    source: SENDGRID_V3_ERRORS,
  },
  // A 400 on another field (subject, content, attachments) or none: what we sent is wrong.
  {
    id: 'sendgrid-other-4xx',
    provider: 'SendGrid',
    stage: 'request',
    status: CLIENT_ERRORS,
    kind: 'our-request',
    meaning: 'SendGrid rejected the request',
    source: SENDGRID_MAIL_ERRORS,
  },
  {
    id: 'sendgrid-5xx',
    provider: 'SendGrid',
    stage: 'request',
    status: SERVER_ERRORS,
    kind: 'transient',
    meaning: 'SendGrid server error',
    source: SENDGRID_V3_ERRORS,
  },
  // Event Webhook events after acceptance: the address refused the message.
  ...(['bounce', 'blocked', 'dropped'] as const).map((event): AnswerRow => ({
    id: `sendgrid-report-${event}`,
    provider: 'SendGrid',
    stage: 'report',
    code: event,
    kind: 'recipient',
    meaning: `the message ${event === 'dropped' ? 'was dropped by SendGrid' : 'bounced'}`,
    source: SENDGRID_EVENTS,
  })),
  {
    id: 'sendgrid-report-deferred',
    provider: 'SendGrid',
    stage: 'report',
    code: 'deferred',
    kind: 'transient',
    meaning: 'the receiving server deferred the message; SendGrid keeps trying',
    source: SENDGRID_EVENTS,
  },

  // --- Salesforce (jsforce): errorCode (REST) or OAuth error name; refresh failures carry it in brackets ---
  salesforce('REQUEST_LIMIT_EXCEEDED', 'rate-limited', 'API request limit exceeded (403)'),
  salesforce(
    'REFRESH_LIMIT',
    'credentials',
    'fresh sessions keep being refused (INVALID_SESSION_ID after re-authentication gave up)',
  ),
  salesforce('INVALID_SESSION_ID', 'credentials', 'the session is refused'),
  salesforce(
    'invalid_grant',
    'credentials',
    'login refused: integration user frozen or deactivated, password changed, or app access revoked',
    SALESFORCE_OAUTH,
  ),
  salesforce('invalid_client_id', 'credentials', 'the connected app client id is refused', SALESFORCE_OAUTH),
  salesforce('invalid_client', 'credentials', 'the connected app client secret is refused', SALESFORCE_OAUTH),
  salesforce(
    'unsupported_grant_type',
    'configuration',
    'the connected app does not allow the username-password flow',
    SALESFORCE_OAUTH,
  ),
  salesforce('INSUFFICIENT_ACCESS', 'permission', 'the integration user lacks access to the object or record'),
  salesforce(
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'permission',
    'the integration user lacks access to the object or record',
  ),
  salesforce('API_DISABLED_FOR_ORG', 'permission', 'API access is not enabled for this org'),
  salesforce('API_CURRENTLY_DISABLED', 'permission', "the integration user lacks the 'API Enabled' permission"),
  salesforce('INVALID_FIELD', 'configuration', 'a field Herald reads does not exist in this org'),
  salesforce('INVALID_TYPE', 'configuration', 'an object Herald reads does not exist in this org'),
  salesforce('MALFORMED_QUERY', 'our-request', 'the query is malformed'),
  salesforce('INVALID_QUERY_FILTER_OPERATOR', 'our-request', 'the query uses an invalid filter operator'),
  salesforce('INVALID_QUERY_LOCATOR', 'our-request', 'the query cursor is no longer valid'),
  salesforce('NOT_FOUND', 'our-request', 'the requested resource does not exist'),
  salesforce(
    'JOB_NOT_COMPLETE',
    'our-request',
    'Bulk API results were asked for before the query job completed',
    SALESFORCE_BULK_QUERY,
  ),
  // Herald's own code: the adapter replaced failed or aborted query jobs until its limit (Salesforce gives no reason).
  salesforce(
    'BULK_QUERY_JOB_FAILED',
    'our-request',
    'Bulk API query jobs for the snapshot kept ending Failed or Aborted',
    SALESFORCE_BULK_QUERY,
  ),
  salesforce('SERVER_UNAVAILABLE', 'transient', 'Salesforce is temporarily unavailable'),
  salesforce('UNKNOWN_EXCEPTION', 'transient', 'Salesforce internal error'),

  // --- Team chat incoming webhook (Slack style): status + a word in the body ---
  {
    id: 'chat-429',
    provider: 'ChatWebhook',
    stage: 'request',
    status: 429,
    kind: 'rate-limited',
    meaning: 'the webhook is rate-limited',
    source: SLACK_WEBHOOKS,
  },
  {
    id: 'chat-action-prohibited',
    provider: 'ChatWebhook',
    stage: 'request',
    status: 403,
    code: 'action_prohibited',
    kind: 'permission',
    meaning: 'an admin restricted posting to this channel',
    source: SLACK_WEBHOOKS,
  },
  {
    id: 'chat-410',
    provider: 'ChatWebhook',
    stage: 'request',
    status: 410,
    kind: 'configuration',
    meaning: "the webhook's channel is archived",
    source: SLACK_WEBHOOKS,
  },
  // The URL is the credential: unknown or revoked, the webhook answers 404 (no_service) or 403.
  {
    id: 'chat-revoked',
    provider: 'ChatWebhook',
    stage: 'request',
    status: { from: 401, to: 404 },
    kind: 'credentials',
    meaning: 'the webhook URL is revoked or wrong (HERALD_CHAT_WEBHOOK_URL)',
    source: SLACK_WEBHOOKS,
  },
  {
    id: 'chat-408',
    provider: 'ChatWebhook',
    stage: 'request',
    status: 408,
    kind: 'transient',
    meaning: 'request time-out',
    source: SLACK_WEBHOOKS,
  },
  {
    id: 'chat-other-4xx',
    provider: 'ChatWebhook',
    stage: 'request',
    status: CLIENT_ERRORS,
    kind: 'our-request',
    meaning: 'the webhook refused the post (invalid payload)',
    source: SLACK_WEBHOOKS,
  },
  {
    id: 'chat-5xx',
    provider: 'ChatWebhook',
    stage: 'request',
    status: SERVER_ERRORS,
    kind: 'transient',
    meaning: 'chat webhook server error',
    source: SLACK_WEBHOOKS,
  },
];

function inRange(value: number | string | undefined, want: number | string | CodeRange): boolean {
  if (typeof want !== 'object') return value === want;
  return typeof value === 'number' && value >= want.from && value <= want.to;
}

/** Whether `row` describes `answer` from `provider` at `stage`. */
export function rowMatches(
  row: AnswerRow,
  provider: ProviderName,
  stage: AnswerRow['stage'],
  answer: ProviderAnswer,
): boolean {
  return (
    row.provider === provider &&
    row.stage === stage &&
    (row.status === undefined || inRange(answer.status, row.status)) &&
    (row.code === undefined || inRange(answer.code, row.code)) &&
    (row.text === undefined || answer.texts.some((t) => row.text?.test(t) === true)) &&
    (row.field === undefined || answer.fields.some((f) => row.field?.test(f) === true))
  );
}

/** The first row of the table describing `answer`, or undefined (transient). */
export function lookUpAnswer(
  provider: ProviderName,
  stage: AnswerRow['stage'],
  answer: ProviderAnswer,
): AnswerRow | undefined {
  return ANSWER_TABLE.find((row) => rowMatches(row, provider, stage, answer));
}
