/**
 * One classification of provider answers for every adapter, so every activity fails the same way
 * for the same kind of problem. What an answer means is looked up in the table
 * (answer-table.ts); this module reads each SDK's error into the table's terms and turns the
 * verdict into what the activity throws:
 * - a person the provider refuses → non-retryable `InvalidRecipient` (deliver-once records the
 *   person as unreachable on that channel; the workflow tries another one);
 * - a rate limit → retryable `RateLimited` with `nextRetryDelay` from the provider's reset hint;
 * - refused credentials → non-retryable `ProviderAuth`; a missing scope or permission →
 *   `InvalidScope`; our sender / account / org settings → `ConfigurationError`; a request the
 *   provider will never accept (our bug) → `ProviderRejected`: step-level and permanent;
 * - anything else (5xx, time-outs, socket errors) → rethrown unchanged: transient, Temporal retries.
 *
 * Each failure carries {@link ProviderFailureDetails} (provider, kind, status, code) as its first
 * detail, so the workflow can say what blocks a step without importing this module. Messages name
 * the provider and the problem in our words, never the provider's text: that can hold the address
 * or number, and failures end up in workflow history.
 */
import { ApplicationFailure } from '@temporalio/common';
import { lookUpAnswer } from './answer-table.ts';
import type { AnswerKind, AnswerRow, ProviderAnswer, ProviderName } from './answer-table.ts';

export type { AnswerKind, ProviderName } from './answer-table.ts';

/** Failure types adapters raise; workflows match on these strings. */
export const PROVIDER_FAILURE_TYPES = {
  invalidRecipient: 'InvalidRecipient',
  rateLimited: 'RateLimited',
  providerAuth: 'ProviderAuth',
  invalidScope: 'InvalidScope',
  configurationError: 'ConfigurationError',
  providerRejected: 'ProviderRejected',
} as const;
export type ProviderFailureType = (typeof PROVIDER_FAILURE_TYPES)[keyof typeof PROVIDER_FAILURE_TYPES];

/** The failure type each kind of answer raises; transient answers raise none. */
export const FAILURE_TYPE_OF_KIND = {
  recipient: 'InvalidRecipient',
  'rate-limited': 'RateLimited',
  credentials: 'ProviderAuth',
  permission: 'InvalidScope',
  configuration: 'ConfigurationError',
  'our-request': 'ProviderRejected',
} as const satisfies Record<Exclude<AnswerKind, 'transient'>, ProviderFailureType>;

/** The first detail of every classified failure: plain JSON, no addresses or numbers. */
export interface ProviderFailureDetails {
  provider: ProviderName;
  /** One word for what went wrong (see ANSWER_KINDS). */
  kind: AnswerKind;
  /** The id of the table row that matched. */
  rule: string;
  status?: number;
  code?: number | string;
  /** Where the answer is documented. */
  source: string;
}

/** Backoff when a provider rate-limits without saying for how long. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = {
  Salesforce: 60_000,
  SendGrid: 10_000,
  Twilio: 10_000,
  ChatWebhook: 10_000,
} as const satisfies Record<ProviderName, number>;

/** Bounds for a provider-supplied delay: never hammer, never sleep for hours on a bad header. */
const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;

/** What an adapter knows about a failed call besides the error itself. */
export interface ErrorContext {
  /** Response headers when the SDK error does not carry them (Twilio). */
  headers?: Record<string, string | undefined>;
  /** Clock for delay arithmetic; tests may pin it. */
  now?: () => number;
  /** Backoff when no hint is given; defaults to DEFAULT_RATE_LIMIT_DELAY_MS. */
  defaultRateLimitDelayMs?: number;
}

/**
 * A chat webhook's refusal as the adapter saw it (the webhook has no SDK: this is its error).
 * 5xx ones are transient and rethrown as they are, so the message says the status.
 */
export class ChatWebhookHttpError extends Error {
  override readonly name = 'ChatWebhookHttpError';

  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string | undefined>,
  ) {
    super(`chat webhook failed (HTTP ${status})`);
  }
}

/** An SDK error read into the table's terms, with the headers that may carry a reset hint. */
interface ReadAnswer {
  answer: ProviderAnswer;
  headers?: unknown;
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
  }
  return undefined;
}

/** Retry-After: delta seconds or an HTTP date. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - now;
}

/** SendGrid: ResponseError { code: HTTP status, response: { headers, body: { errors } } }. */
function readSendgrid(err: unknown): ReadAnswer | undefined {
  const e = err as { code?: unknown; response?: { headers?: unknown; body?: unknown } };
  if (typeof e?.code !== 'number' || typeof e.response !== 'object' || e.response === null) return undefined;
  const errors = (e.response.body as { errors?: { message?: unknown; field?: unknown }[] } | undefined)?.errors;
  const list = Array.isArray(errors) ? errors : [];
  return {
    answer: {
      status: e.code,
      texts: list.flatMap((x) => (typeof x.message === 'string' ? [x.message] : [])),
      fields: list.flatMap((x) => (typeof x.field === 'string' ? [x.field] : [])),
    },
    headers: e.response.headers,
  };
}

/** Twilio: RestException { status, code, message }. */
function readTwilio(err: unknown, headers: ErrorContext['headers']): ReadAnswer | undefined {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.status !== 'number') return undefined;
  return {
    answer: {
      status: e.status,
      ...(typeof e.code === 'number' ? { code: e.code } : {}),
      texts: typeof e.message === 'string' ? [e.message] : [],
      fields: [],
    },
    headers,
  };
}

/**
 * Salesforce (jsforce): REST errors carry `errorCode`, OAuth errors their `name`. jsforce wraps a
 * failed refreshFn as "Unable to refresh session due to: …"; our refreshFn puts the code in
 * brackets first (see createSalesforceConnection). A refresh failure without one (network) is transient.
 */
function readSalesforce(err: unknown): ReadAnswer | undefined {
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown };
  let code = typeof e?.errorCode === 'string' ? e.errorCode : typeof e?.name === 'string' ? e.name : undefined;
  if (err instanceof Error && /^Unable to refresh session/.test(err.message)) {
    code = /due to: \[([A-Za-z0-9_]+)\]/.exec(err.message)?.[1];
  }
  if (code === undefined) return undefined;
  return { answer: { code, texts: typeof e.message === 'string' ? [e.message] : [], fields: [] } };
}

/** Chat webhook: a {@link ChatWebhookHttpError}, the body's first word (plain or JSON string) as its code. */
function readChatWebhook(err: unknown): ReadAnswer | undefined {
  if (!(err instanceof ChatWebhookHttpError)) return undefined;
  const word = /^"?([a-z_]+)/.exec(err.body.trim())?.[1];
  return {
    answer: { status: err.status, ...(word ? { code: word } : {}), texts: [err.body], fields: [] },
    headers: err.headers,
  };
}

function readAnswer(provider: ProviderName, err: unknown, context: ErrorContext): ReadAnswer | undefined {
  switch (provider) {
    case 'SendGrid':
      return readSendgrid(err);
    case 'Twilio':
      return readTwilio(err, context.headers);
    case 'Salesforce':
      return readSalesforce(err);
    case 'ChatWebhook':
      return readChatWebhook(err);
  }
}

/** The provider's reset hint in milliseconds from `now`, if it gave one. */
function resetHintMs(provider: ProviderName, headers: unknown, now: number): number | undefined {
  if (provider === 'SendGrid') {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? reset * 1000 - now : undefined;
  }
  return retryAfterMs(header(headers, 'retry-after'), now);
}

function clampDelay(ms: number): number {
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.ceil(ms)));
}

/** Our words for the failure: provider, kind, the row's meaning, status and code. Never the provider's text. */
function describe(provider: ProviderName, row: AnswerRow, answer: ProviderAnswer): string {
  const at = [
    answer.status === undefined ? undefined : `HTTP ${answer.status}`,
    answer.code === undefined ? undefined : `error ${answer.code}`,
    ...answer.fields.slice(0, 1).map((f) => `field ${f}`),
  ].filter((x) => x !== undefined);
  return `${provider} (${row.kind}): ${row.meaning}${at.length > 0 ? ` [${at.join(', ')}]` : ''}`;
}

/**
 * The table row describing an SDK error, with the answer as read; undefined when the error is no
 * provider answer at all (socket error, our own time-out) or no row knows it (transient).
 */
export function describeProviderError(
  provider: ProviderName,
  err: unknown,
  context: ErrorContext = {},
): { row: AnswerRow; answer: ProviderAnswer; headers?: unknown } | undefined {
  const read = readAnswer(provider, err, context);
  const row = read === undefined ? undefined : lookUpAnswer(provider, 'request', read.answer);
  return read === undefined || row === undefined ? undefined : { row, ...read };
}

/**
 * Turns a provider SDK error into what the activity should throw: an ApplicationFailure for the
 * classified cases, or the original error (transient) for everything else.
 */
export function toActivityError(provider: ProviderName, err: unknown, context: ErrorContext = {}): unknown {
  if (err instanceof ApplicationFailure) return err;
  const described = describeProviderError(provider, err, context);
  if (described === undefined) return err;
  const { row, answer } = described;
  if (row.kind === 'transient') return err;
  const details: ProviderFailureDetails = {
    provider,
    kind: row.kind,
    rule: row.id,
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(answer.code === undefined ? {} : { code: answer.code }),
    source: row.source,
  };
  const message = describe(provider, row, answer);
  const type: ProviderFailureType = FAILURE_TYPE_OF_KIND[row.kind];
  if (row.kind === 'rate-limited') {
    const now = (context.now ?? Date.now)();
    const hint = resetHintMs(provider, described.headers, now);
    return ApplicationFailure.create({
      message,
      type,
      details: [details],
      nextRetryDelay: clampDelay(hint ?? context.defaultRateLimitDelayMs ?? DEFAULT_RATE_LIMIT_DELAY_MS[provider]),
    });
  }
  return ApplicationFailure.create({ message, type, details: [details], nonRetryable: true });
}

/**
 * What a delivery report (Twilio status callback ErrorCode, SendGrid Event Webhook event) means,
 * from the same table: `recipient` for a person the message did not reach, `transient` for a
 * provider still trying, undefined for a report the table does not know.
 */
export function classifyDeliveryReport(provider: 'Twilio' | 'SendGrid', code: number | string): AnswerKind | undefined {
  const numeric = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code;
  return lookUpAnswer(provider, 'report', { code: numeric, texts: [], fields: [] })?.kind;
}

/** True for failures an operator must fix on the provider's side: credentials, permission, configuration. */
export function isAccountProblem(err: unknown): err is ApplicationFailure {
  return (
    err instanceof ApplicationFailure &&
    (err.type === PROVIDER_FAILURE_TYPES.providerAuth ||
      err.type === PROVIDER_FAILURE_TYPES.invalidScope ||
      err.type === PROVIDER_FAILURE_TYPES.configurationError)
  );
}
