/**
 * One classification of provider errors for the three adapters, so every activity fails the same
 * way for the same kind of problem:
 * - a recipient the provider refuses for good → non-retryable `InvalidRecipient`;
 * - a rate limit → retryable `RateLimited` with `nextRetryDelay` from the provider's hint;
 * - credentials or account misconfigured → non-retryable `ProviderAuth`;
 * - a request the provider will never accept (our bug: bad SOQL, malformed body) → non-retryable
 *   `ProviderRejected`, so a deterministic failure does not retry forever;
 * - anything else (5xx, timeouts, socket errors) → rethrown unchanged: transient, Temporal retries.
 *
 * Failure messages name the provider and the problem but never the address or number: they end
 * up in workflow history.
 */
import { ApplicationFailure } from '@temporalio/common';

/** Failure types adapters raise; workflows match on these strings. */
export const PROVIDER_FAILURE_TYPES = {
  invalidRecipient: 'InvalidRecipient',
  rateLimited: 'RateLimited',
  providerAuth: 'ProviderAuth',
  providerRejected: 'ProviderRejected',
} as const;

export type ProviderName = 'Salesforce' | 'SendGrid' | 'Twilio';

/** Backoff when a provider rate-limits without saying for how long. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = {
  Salesforce: 60_000,
  SendGrid: 10_000,
  Twilio: 10_000,
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

type Verdict =
  | { kind: 'invalid-recipient'; detail: string }
  | { kind: 'rate-limited'; detail: string; delayMs?: number }
  | { kind: 'auth'; detail: string }
  | { kind: 'rejected'; detail: string }
  | { kind: 'transient' };

function clampDelay(ms: number): number {
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.ceil(ms)));
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

// --- SendGrid: ResponseError { code: HTTP status, response: { headers, body: { errors } } } ---

function sendgridVerdict(err: unknown, now: number): Verdict {
  const e = err as { code?: unknown; response?: { headers?: unknown; body?: unknown } };
  if (typeof e?.code !== 'number' || typeof e.response !== 'object') return { kind: 'transient' };
  const status = e.code;
  const errors =
    (e.response.body as { errors?: { message?: string; field?: string | null }[] } | undefined)?.errors ?? [];
  if (status === 400 && errors.some((x) => /^personalizations\.\d+\.(to|cc|bcc)/.test(x.field ?? ''))) {
    return {
      kind: 'invalid-recipient',
      detail: `SendGrid refused the recipient address (HTTP 400: ${errors[0]?.message ?? 'invalid address'})`,
    };
  }
  if (status === 429) {
    const reset = Number(header(e.response.headers, 'x-ratelimit-reset'));
    const delayMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 - now : undefined;
    return {
      kind: 'rate-limited',
      detail: 'SendGrid rate limit reached (HTTP 429)',
      ...(delayMs === undefined ? {} : { delayMs }),
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'auth',
      detail: `SendGrid refused the API key (HTTP ${status}): check the key and its mail.send / messages.read scopes`,
    };
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return {
      kind: 'rejected',
      detail: `SendGrid rejected the request (HTTP ${status}: ${errors.map((x) => x.message).join('; ') || 'no detail'})`,
    };
  }
  return { kind: 'transient' };
}

// --- Twilio: RestException { status, code, message, moreInfo } ---

/** Twilio codes for a recipient that will never take this message: invalid, opted out, not mobile, unreachable. */
const TWILIO_RECIPIENT_CODES: Record<number, string> = {
  21211: "invalid 'To' number",
  21610: 'recipient has opted out (STOP)',
  21612: "'To' number not reachable by SMS",
  21614: "'To' number is not a mobile number",
};

function twilioVerdict(err: unknown, now: number, headers: ErrorContext['headers']): Verdict {
  const e = err as { status?: unknown; code?: unknown };
  if (typeof e?.status !== 'number') return { kind: 'transient' };
  const status = e.status;
  const code = typeof e.code === 'number' ? e.code : undefined;
  const recipientProblem = code === undefined ? undefined : TWILIO_RECIPIENT_CODES[code];
  if (recipientProblem)
    return { kind: 'invalid-recipient', detail: `Twilio refused the recipient (error ${code}: ${recipientProblem})` };
  if (code === 20429 || status === 429) {
    const delayMs = retryAfterMs(header(headers, 'retry-after'), now);
    return {
      kind: 'rate-limited',
      detail: `Twilio rate limit reached (error ${code ?? status})`,
      ...(delayMs === undefined ? {} : { delayMs }),
    };
  }
  if (code === 20003 || status === 401 || status === 403) {
    return {
      kind: 'auth',
      detail: `Twilio refused the credentials (HTTP ${status}${code ? `, error ${code}` : ''}): check account SID and auth token`,
    };
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return { kind: 'rejected', detail: `Twilio rejected the request (HTTP ${status}${code ? `, error ${code}` : ''})` };
  }
  return { kind: 'transient' };
}

// --- Salesforce (jsforce): errors carry `errorCode` (REST) or `name` (OAuth2 token endpoint) ---

const SALESFORCE_AUTH = new Set([
  'INVALID_SESSION_ID', // only reaches us once the capped re-authentication gave up
  'invalid_grant',
  'invalid_client',
  'invalid_client_id',
  'unsupported_grant_type',
  'API_DISABLED_FOR_ORG',
  'INSUFFICIENT_ACCESS',
]);
const SALESFORCE_REJECTED = new Set([
  'MALFORMED_QUERY',
  'INVALID_FIELD',
  'INVALID_TYPE',
  'INVALID_QUERY_FILTER_OPERATOR',
  'INVALID_QUERY_LOCATOR',
  'NOT_FOUND',
]);

function salesforceVerdict(err: unknown): Verdict {
  const e = err as { errorCode?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.errorCode === 'string' ? e.errorCode : typeof e?.name === 'string' ? e.name : undefined;
  // jsforce wraps a failed refreshFn as "Unable to refresh session due to: …", losing the error;
  // our refreshFn puts the code in brackets first (see createSalesforceConnection).
  if (err instanceof Error && /^Unable to refresh session/.test(err.message)) {
    const login = /due to: \[([A-Za-z0-9_]+)\]/.exec(err.message)?.[1];
    if (login === 'REFRESH_LIMIT')
      return {
        kind: 'auth',
        detail: 'Salesforce keeps rejecting fresh sessions: gave up re-authenticating (INVALID_SESSION_ID)',
      };
    if (login !== undefined && SALESFORCE_AUTH.has(login))
      return { kind: 'auth', detail: `Salesforce login refused (${login})` };
    return { kind: 'transient' };
  }
  if (code === undefined) return { kind: 'transient' };
  if (code === 'REQUEST_LIMIT_EXCEEDED')
    return { kind: 'rate-limited', detail: 'Salesforce API request limit exceeded (403 REQUEST_LIMIT_EXCEEDED)' };
  if (SALESFORCE_AUTH.has(code)) return { kind: 'auth', detail: `Salesforce refused the integration user (${code})` };
  if (SALESFORCE_REJECTED.has(code))
    return {
      kind: 'rejected',
      detail: `Salesforce rejected the request (${code}: ${typeof e.message === 'string' ? e.message : ''})`,
    };
  return { kind: 'transient' };
}

/**
 * Turns a provider SDK error into what the activity should throw: an ApplicationFailure for the
 * classified cases, or the original error (transient) for everything else.
 */
export function toActivityError(provider: ProviderName, err: unknown, context: ErrorContext = {}): unknown {
  if (err instanceof ApplicationFailure) return err;
  const now = (context.now ?? Date.now)();
  const verdict =
    provider === 'SendGrid'
      ? sendgridVerdict(err, now)
      : provider === 'Twilio'
        ? twilioVerdict(err, now, context.headers)
        : salesforceVerdict(err);
  switch (verdict.kind) {
    case 'invalid-recipient':
      return ApplicationFailure.nonRetryable(verdict.detail, PROVIDER_FAILURE_TYPES.invalidRecipient);
    case 'rate-limited':
      return ApplicationFailure.create({
        message: verdict.detail,
        type: PROVIDER_FAILURE_TYPES.rateLimited,
        nextRetryDelay: clampDelay(
          verdict.delayMs ?? context.defaultRateLimitDelayMs ?? DEFAULT_RATE_LIMIT_DELAY_MS[provider],
        ),
      });
    case 'auth':
      return ApplicationFailure.nonRetryable(verdict.detail, PROVIDER_FAILURE_TYPES.providerAuth);
    case 'rejected':
      return ApplicationFailure.nonRetryable(verdict.detail, PROVIDER_FAILURE_TYPES.providerRejected);
    case 'transient':
      return err;
  }
}
