/**
 * Process configuration, parsed once at start with zod. A bad value stops the process with a
 * message naming the variable. Nothing else in Herald reads process.env.
 */
import { parseQuietHoursPolicy, parseQuietWindow } from '../activities/local-time/quiet-hours.ts';
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { DRILL_SCENARIOS } from '../workflows/domain/drill.ts';

const optionalUrl = z.url().optional();

/**
 * Herald's public base URL (what the providers call back), without a trailing slash: the worker and
 * the API build the Twilio callback URL from it the same way, so the signed URL matches.
 */
const publicUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://herald.example.org' })
  .refine((v) => !/[?#]/.test(v), 'must be a base URL without query or fragment')
  .transform((v) => new URL(v).toString().replace(/\/+$/, ''))
  .optional();

/**
 * The SendGrid Event Webhook verification key as SendGrid shows it (base64 DER SubjectPublicKeyInfo,
 * ECDSA P-256), or PEM. Empty counts as unset.
 */
const sendgridWebhookKey = z
  .string()
  .optional()
  .transform((value, ctx): KeyObject | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const problem = 'must be the ECDSA P-256 public key SendGrid shows for the signed Event Webhook (base64)';
    try {
      const key = value.includes('-----BEGIN')
        ? createPublicKey(value)
        : /^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(value)
          ? createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' })
          : undefined;
      if (key?.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return key;
    } catch {
      // Not a key at all: the same message.
    }
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });

/** A PostgreSQL server URL; empty counts as unset. Values never appear in messages (passwords). */
const optionalDatabaseUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    // Not z.url(): libpq-style `postgresql://user@/db?host=/socket` is no WHATWG URL, yet valid.
    .regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// or postgresql:// URL')
    .optional(),
);

/**
 * `id=base64(32 bytes)` pairs, comma-separated: the first encrypts, all decrypt. Messages name a bad
 * entry by position and id only: key material never appears in output.
 */
const payloadKeys = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const keys: { id: string; key: Uint8Array }[] = [];
    const entries = value
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0);
    for (const [i, entry] of entries.entries()) {
      const at = entry.indexOf('=');
      const id = at > 0 ? entry.slice(0, at) : '';
      const b64 = entry.slice(at + 1);
      const key = Buffer.from(b64, 'base64');
      const problem = !/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/.test(id)
        ? 'needs an id before "=" (letters, digits, . _ -)'
        : !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || key.length !== 32
          ? `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`
          : keys.some((k) => k.id === id)
            ? `key id "${id}" appears twice`
            : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: ${problem}` });
        return z.NEVER;
      }
      keys.push({ id, key: new Uint8Array(key) });
    }
    return keys;
  });

/** Where Temporal and the store are: what every Herald process needs. */
/** The organisation's standing regulatory facts (sector regimes, extra holidays): the worker reads it, `herald config` shows it. */
const organisationProfileFile = z.string().min(1).default('config/organisation-profile.example.json');

const connectionSchema = z.object({
  /** OTLP/HTTP traces endpoint (e.g. http://127.0.0.1:4318/v1/traces); unset: no tracing. */
  HERALD_OTLP_ENDPOINT: optionalUrl,
  /** Payload encryption keys (`id=base64`, first encrypts); none: payloads go to Temporal in clear. */
  HERALD_PAYLOAD_KEYS: payloadKeys,
  /** The Temporal frontend (`host:port`). */
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  /** The Temporal namespace Herald's workflows run in. */
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** The task queue the procedures run on (the provider queues are named after it). */
  HERALD_TASK_QUEUE: z.string().default('herald'),
  /** Where the embedded store keeps its files. */
  HERALD_DATA_DIR: z.string().default('.herald/data'),
  /** A PostgreSQL server for the store; when set, HERALD_DATA_DIR is not used. */
  DATABASE_URL: optionalDatabaseUrl,
});

/** Comma-separated values, each checked by `valid`; empty means none. The message names bad entries. */
/** A refinement that reports what `parse` throws (the quiet-hours parsers name the bad part). */
const parsesWith =
  (parse: (value: string) => unknown) =>
  (value: string, ctx: z.RefinementCtx): void => {
    try {
      parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  };

const commaList = (what: string, valid: (entry: string) => boolean) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .superRefine((xs, ctx) => {
      const bad = xs.filter((x) => !valid(x));
      if (bad.length === 0) return;
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of ${what}; not ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      });
    });

/** `host:port` or `[v6]:port`, port 1..65535. */
const ENDPOINT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;
const isEndpoint = (x: string): boolean => {
  const m = ENDPOINT.exec(x);
  return m !== null && Number(m[2]) <= 65535;
};

/** `credential-id=ISO instant`, e.g. `salesforce-connected-app-cert=2027-03-01T00:00:00Z`. */
const KNOWN_EXPIRY =
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,40}=(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/**
 * A well-formed pair whose instant exists on the calendar: Date.parse alone would read
 * 2026-02-30 as 2 March and 24:00 as the next day's midnight.
 */
const isKnownExpiry = (x: string): boolean => {
  const m = KNOWN_EXPIRY.exec(x);
  if (m === null) return false;
  const parts = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetH = 0, offsetM = 0] = parts;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetH <= 23 &&
    offsetM <= 59
  );
};

/** Optional strings (paths, tokens): empty counts as unset (compose passes unset variables through as empty). */
const optionalPath = z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional());

/**
 * Where the audit chain's head is anchored outside the database (signed checkpoints), and the
 * Ed25519 key that signs them (the worker: a private key; `herald audit verify`: public keys do).
 */
const auditAnchorSchema = z.object({
  /** Directory the audit chain's signed head is anchored in, outside the database; unset: no anchors. */
  HERALD_AUDIT_ANCHOR_DIR: optionalPath,
  /** The Ed25519 private key (JWK) the anchors are signed with; required with HERALD_AUDIT_ANCHOR_DIR. */
  HERALD_AUDIT_ANCHOR_KEY_FILE: optionalPath,
});
/** Anchors are signed: a directory without a key is refused (a key alone is for `herald audit verify --anchors`). */
const anchorsNeedKey = (config: z.infer<typeof auditAnchorSchema>, ctx: z.RefinementCtx) => {
  if (config.HERALD_AUDIT_ANCHOR_DIR === undefined || config.HERALD_AUDIT_ANCHOR_KEY_FILE !== undefined) return;
  ctx.addIssue({
    code: 'custom',
    path: ['HERALD_AUDIT_ANCHOR_KEY_FILE'],
    message: 'HERALD_AUDIT_ANCHOR_DIR needs HERALD_AUDIT_ANCHOR_KEY_FILE (anchors are signed)',
  });
};

const envSchema = connectionSchema.extend({
  ...auditAnchorSchema.shape,
  /**
   * Public keys (a JWK Set of Ed25519 keys) the procedures verify actor claims with; the worker's
   * own configuration, so no Signal sender can change them. Unset: every privileged action is refused.
   */
  HERALD_ACTOR_KEYS_FILE: optionalPath,
  /**
   * `1`: privileged actions without a signed claim are taken as their payload states — for a local
   * sandbox only (the tests, `npm run chaos`, `npm run faults`, the benchmarks; the demo verifies
   * claims); every procedure audits it at its start. Unset in production.
   */
  HERALD_INSECURE_UNSIGNED_ACTIONS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['1'], { error: 'must be 1 or unset' }).optional(),
  ),
  /** A workflow bundle built ahead (`npm run bundle-workflows`) for the worker and `herald dev`; unset: they bundle at start. */
  HERALD_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Prometheus endpoint of the worker (`host:port`): the SDK's metrics and Herald's own. Unset: none. */
  HERALD_METRICS_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
    .optional(),
  /** Worker logs: one JSON object per line (default), or the SDK's plain text. */
  HERALD_LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  /** The lowest level the worker logs. */
  HERALD_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** JSON file with on-call ladder, stakeholders, DPO, supervisory authority (see config/). */
  HERALD_DIRECTORY_FILE: z.string().default('config/directory.example.json'),

  /** Salesforce login host (a sandbox org: https://test.salesforce.com). */
  SALESFORCE_LOGIN_URL: z.url().default('https://login.salesforce.com'),
  /** The connected app's consumer key. */
  SALESFORCE_CLIENT_ID: z.string().min(1),
  /** The connected app's consumer secret. */
  SALESFORCE_CLIENT_SECRET: z.string().min(1),
  /** The integration user Herald reads Contacts as. */
  SALESFORCE_USERNAME: z.string().min(1),
  /** That user's password (with its security token appended, where the org needs it). */
  SALESFORCE_PASSWORD: z.string().min(1),
  /**
   * A CRM snapshot whose filter scope matches at least this many Contacts (counted with
   * `SELECT COUNT()` first) is read through a Salesforce Bulk API 2.0 query job — CSV pages by
   * `Sforce-Locator` — instead of REST query paging; below it, REST. `off` always uses REST. A
   * scope of listed record ids always uses REST.
   */
  SALESFORCE_BULK_THRESHOLD: z
    .union([z.literal('off'), z.coerce.number().int().min(1)], {
      error: 'must be a whole number of Contacts, at least 1, or off',
    })
    .default(2_000)
    .transform((v) => (v === 'off' ? Infinity : v)),
  /** The Salesforce REST API version. */
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d+\.0$/, 'must look like 62.0')
    .default('62.0'),

  /** SendGrid API key with Mail Send permission. */
  SENDGRID_API_KEY: z.string().min(1),
  /** Only for the sandbox; unset means the real SendGrid API. */
  SENDGRID_BASE_URL: optionalUrl,
  /** The sender address of every email (a verified SendGrid sender). */
  HERALD_EMAIL_FROM: z.email(),

  /** Twilio account SID. */
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits'),
  /** Twilio auth token: the worker's requests to Twilio authenticate with it. */
  TWILIO_AUTH_TOKEN: z.string().min(1),
  /** The number SMS are sent from (E.164). */
  TWILIO_FROM_NUMBER: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number'),
  /** Only for the sandbox; unset means the real Twilio API. */
  TWILIO_BASE_URL: optionalUrl,
  /** Team chat incoming webhook (Slack/Teams style): the lockout procedure's last send fallback. */
  HERALD_CHAT_WEBHOOK_URL: optionalUrl,
  /** The API's public base URL; set: every SMS asks Twilio for status callbacks at `/callbacks/twilio`. */
  HERALD_PUBLIC_URL: publicUrl,

  /** Deadline of one provider call in milliseconds (a call still open then counts as ambiguous). */
  HERALD_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * SMS per second the Twilio sender may send (its throughput): every mass notification on every
   * worker paces to it together (one schedule per account, in the store); the deadline estimate is
   * made from it.
   */
  HERALD_SMS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(30),
  /** SendGrid mail/send requests per second (each carries up to 1,000 recipients), shared as the SMS rate is. */
  HERALD_EMAIL_REQUESTS_PER_SECOND: z.coerce.number().positive().max(1_000).default(10),
  /** SMS requests in flight at once on this worker process, shared by all the pages it runs. */
  HERALD_SMS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * Quiet hours of the affected people's SMS in their local time (`HH:MM-HH:MM`, or `off`): a text
   * due then waits for the end of them only if it still lands before the internal target and every
   * legal deadline. Email and staff pages never wait.
   */
  HERALD_SMS_QUIET_HOURS: z.string().default('21:00-08:00').superRefine(parsesWith(parseQuietWindow)),
  /** Quiet hours per jurisdiction, overriding the default: `US-CA=21:00-08:00,FR=20:00-08:00,DE=off`. */
  HERALD_SMS_QUIET_HOURS_BY_JURISDICTION: z
    .string()
    .default('')
    .superRefine(parsesWith((v) => parseQuietHoursPolicy('off', v))),

  /** TLS endpoints whose certificates the credential watch reads. */
  HERALD_WATCH_TLS_ENDPOINTS: commaList('host:port endpoints', isEndpoint),
  /** Extra trust anchors (PEM file) for the watched endpoints, e.g. a private CA. */
  HERALD_WATCH_TLS_CA_FILE: z.string().min(1).optional(),
  /** Expiries the watch cannot read itself: `id=ISO instant`, comma-separated. */
  HERALD_WATCH_KNOWN_EXPIRIES: commaList('id=ISO-instant pairs', isKnownExpiry),
  /** Pre-approved vendor-assessment answers (versioned JSON) sent to at-risk accounts' procurement. */
  HERALD_VENDOR_ASSESSMENT_FILE: z.string().min(1).default('config/vendor-assessment.example.json'),
  HERALD_ORGANISATION_PROFILE_FILE: organisationProfileFile,
  /** Account Type of enterprise customers, for the customer contact snapshot. */
  SALESFORCE_ENTERPRISE_ACCOUNT_TYPE: z.string().min(1).default('Enterprise'),
  /**
   * Contact field holding each person's IANA time zone (e.g. `Time_Zone__c`), read for the affected
   * people and for the enterprise customers' crisis contacts alike. Unset, or a value that is no
   * zone: the zone comes from the mailing country and state (for a customer contact without one,
   * its account's billing address), else the directory's `organisation.timeZone`. A field the org
   * does not have fails the read with a ConfigurationError naming it. Languages come from
   * `Preferred_Language__c`, else the country's language, else English.
   */
  SALESFORCE_TIME_ZONE_FIELD: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'must be a field API name such as Time_Zone__c')
    .optional(),
});

const workerSchema = envSchema.superRefine(anchorsNeedKey);
export type HeraldConfig = z.infer<typeof envSchema>;

/** Parses with `schema` or throws one Error listing every bad variable by name. */
function parseOrExplain<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`${what} is invalid:\n${problems}`);
}

/** Parses the environment; throws one Error naming every bad or missing variable. */
export function parseConfig(env: Record<string, string | undefined>): HeraldConfig {
  return parseOrExplain(workerSchema, env, 'Herald configuration');
}

/**
 * Where the API keeps incident-tool triggers without DATABASE_URL: its own embedded store, never the
 * worker's HERALD_DATA_DIR (an embedded store belongs to one process).
 */
const apiDataDir = z.string().min(1).default('.herald/api-data');

/** Where Debian installs Chromium (scripts/setup.sh). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the accessibility review of message templates runs in. */
const chromiumSchema = z.object({
  /** The Chromium the accessibility review starts (playwright-core drives it; nothing is downloaded). */
  HERALD_CHROMIUM: z.string().min(1).default(DEFAULT_CHROMIUM),
});

/** Whether approving a message template needs its accessibility review (the API, and the API in `herald dev` and the demo). */
const templateReviewSchema = chromiumSchema.extend({
  /**
   * required: approving a message template first runs its accessibility review (axe-core in
   * Chromium over the rendered email, a plain-text part, the SMS segment budget) and refuses a
   * version that fails it, or answers 503 when Chromium cannot start; off: approval without a review
   * (for a host without Chromium; docs/templates.md).
   */
  HERALD_TEMPLATE_REVIEW: z.enum(['required', 'off']).default('required'),
});
/** The template review's settings as the API's parts take them. */
export type TemplateReviewConfig = z.infer<typeof templateReviewSchema>;

const cliSchema = connectionSchema
  .extend({
    HERALD_API_DATA_DIR: apiDataDir,
    HERALD_ORGANISATION_PROFILE_FILE: organisationProfileFile,
    ...auditAnchorSchema.shape,
    /** The HTTP API the CLI takes actor claims from for privileged actions (with HERALD_API_TOKEN). */
    HERALD_API_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.url({ protocol: /^https?$/, error: 'must be the API’s http(s) base URL' }).optional(),
    ),
    /** The operator's own API token (or OIDC access token): it decides who acts. */
    HERALD_API_TOKEN: optionalPath,
    // `herald templates review` runs the accessibility review itself.
    ...chromiumSchema.shape,
  })
  .superRefine(anchorsNeedKey)
  .superRefine((config, ctx) => {
    if ((config.HERALD_API_URL === undefined) === (config.HERALD_API_TOKEN === undefined)) return;
    ctx.addIssue({
      code: 'custom',
      path: [config.HERALD_API_URL === undefined ? 'HERALD_API_URL' : 'HERALD_API_TOKEN'],
      message: 'set HERALD_API_URL and HERALD_API_TOKEN together (claims come from the API, as your token)',
    });
  });
export type CliConfig = z.infer<typeof cliSchema>;

/** The CLI's configuration: Temporal and the stores, no provider credentials. */
export function parseCliConfig(env: Record<string, string | undefined>): CliConfig {
  return parseOrExplain(cliSchema, env, 'Herald configuration');
}

/**
 * A Standard Webhooks signing secret as incident.io (Svix) shows it: `whsec_` and base64 of at least
 * 16 bytes. Empty counts as unset; the value never appears in messages.
 */
const standardWebhookSecret = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .refine(
      (v) => /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v.slice(6), 'base64').length >= 16,
      'must be the signing secret incident.io shows for the endpoint (whsec_ followed by base64)',
    )
    .optional(),
);

/** Empty counts as unset; otherwise `fallback`. */
const textOr = (fallback: string) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).default(fallback));

const HERALD_ROLES = ['responder', 'legal', 'compliance', 'integration'] as const;

/**
 * Single sign-on (OIDC access tokens) for the API and the codec server: the identity provider's
 * issuer, the audience Herald's tokens carry, its JWKS (URL or file), and which values of which
 * claim act in which Herald role (`value=role`, comma-separated; the first match wins).
 */
const oidcSchema = z.object({
  /** The identity provider's issuer URL; unset: OIDC access tokens are not accepted. */
  HERALD_OIDC_ISSUER: optionalPath,
  /** The audience Herald's access tokens carry (required with the issuer). */
  HERALD_OIDC_AUDIENCE: optionalPath,
  /** Where the provider publishes its signing keys (or HERALD_OIDC_JWKS_FILE; exactly one). */
  HERALD_OIDC_JWKS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the JWKS' }).optional(),
  ),
  /** The provider's signing keys as a JWK Set file (or HERALD_OIDC_JWKS_URL; exactly one). */
  HERALD_OIDC_JWKS_FILE: optionalPath,
  /** The claim holding the caller's groups or roles. */
  HERALD_OIDC_ROLE_CLAIM: textOr('groups'),
  /** The claim that names the caller (the actor in the audit trail). */
  HERALD_OIDC_ACTOR_CLAIM: textOr('sub'),
  /** `value=role` pairs mapping the role claim's values to Herald roles. */
  HERALD_OIDC_ROLES: commaList(`value=role pairs (role: ${HERALD_ROLES.join(', ')})`, (x) =>
    new RegExp(`^[^=]+=(${HERALD_ROLES.join('|')})$`).test(x),
  ).transform((entries) =>
    entries.map((entry) => {
      const at = entry.lastIndexOf('=');
      return { value: entry.slice(0, at), role: entry.slice(at + 1) as (typeof HERALD_ROLES)[number] };
    }),
  ),
});
export type OidcConfig = z.infer<typeof oidcSchema>;

/** OIDC is on when the issuer is set, and then needs its audience, one JWKS source and a mapping. */
const oidcComplete = (config: OidcConfig, ctx: z.RefinementCtx) => {
  const problem = (path: keyof OidcConfig, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (config.HERALD_OIDC_ISSUER === undefined) {
    for (const name of ['HERALD_OIDC_AUDIENCE', 'HERALD_OIDC_JWKS_URL', 'HERALD_OIDC_JWKS_FILE'] as const) {
      if (config[name] !== undefined) problem(name, 'set HERALD_OIDC_ISSUER too (OIDC is off without it)');
    }
    if (config.HERALD_OIDC_ROLES.length > 0) problem('HERALD_OIDC_ROLES', 'set HERALD_OIDC_ISSUER too');
    return;
  }
  if (config.HERALD_OIDC_AUDIENCE === undefined) problem('HERALD_OIDC_AUDIENCE', 'required with HERALD_OIDC_ISSUER');
  if ((config.HERALD_OIDC_JWKS_URL === undefined) === (config.HERALD_OIDC_JWKS_FILE === undefined)) {
    problem('HERALD_OIDC_JWKS_URL', 'set exactly one of HERALD_OIDC_JWKS_URL and HERALD_OIDC_JWKS_FILE');
  }
  if (config.HERALD_OIDC_ROLES.length === 0) {
    problem('HERALD_OIDC_ROLES', 'map at least one value of the role claim to a Herald role, e.g. herald-legal=legal');
  }
};

/** Whether `host` is a loopback address: only there may the codec server run without authentication. */
export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

const codecServerSchema = z.object({
  HERALD_PAYLOAD_KEYS: payloadKeys.refine((keys) => keys.length > 0, 'the codec server needs at least one key'),
  /** The address the codec server listens on. */
  HERALD_CODEC_HOST: z.string().min(1).default('127.0.0.1'),
  /** The codec server's port. */
  HERALD_CODEC_PORT: z.coerce.number().int().min(0).max(65535).default(8234),
  /** Browser origins allowed to call it: Temporal UI's. */
  HERALD_CODEC_ALLOWED_ORIGINS: commaList('origins (scheme://host:port)', (x) => /^https?:\/\/[^/]+$/.test(x)).default([
    'http://127.0.0.1:8233',
    'http://localhost:8233',
  ]),
  /** Bearer token callers (the Temporal CLI, scripts) present; compared in constant time. */
  HERALD_CODEC_TOKEN: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(16, 'use at least 16 characters').optional(),
  ),
  /** `1`: no authentication at all — refused unless the codec server listens on loopback (local development). */
  HERALD_CODEC_INSECURE_NO_AUTH: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['0', '1']).default('0'),
  ),
  ...oidcSchema.shape,
});
export type CodecServerConfig = z.infer<typeof codecServerSchema>;

/**
 * The codec server decrypts every payload: it needs a token or OIDC, except on loopback with the
 * explicit insecure flag.
 */
const codecAuthRequired = (config: CodecServerConfig, ctx: z.RefinementCtx) => {
  const insecure = config.HERALD_CODEC_INSECURE_NO_AUTH === '1';
  if (insecure && !isLoopbackHost(config.HERALD_CODEC_HOST)) {
    ctx.addIssue({
      code: 'custom',
      path: ['HERALD_CODEC_INSECURE_NO_AUTH'],
      message: `allowed only on a loopback host, not ${config.HERALD_CODEC_HOST}: set HERALD_CODEC_TOKEN or HERALD_OIDC_ISSUER`,
    });
  }
  if (!insecure && config.HERALD_CODEC_TOKEN === undefined && config.HERALD_OIDC_ISSUER === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['HERALD_CODEC_TOKEN'],
      message:
        'the codec server decrypts every payload: set HERALD_CODEC_TOKEN and/or HERALD_OIDC_ISSUER (for a local dev server on 127.0.0.1 only: HERALD_CODEC_INSECURE_NO_AUTH=1)',
    });
  }
};

/** The codec server's configuration: the payload keys, where it listens, who may call it. */
export function parseCodecServerConfig(env: Record<string, string | undefined>): CodecServerConfig {
  return parseOrExplain(
    codecServerSchema.superRefine(codecAuthRequired).superRefine(oidcComplete),
    env,
    'Herald codec server configuration',
  );
}

const endpointUrl = (what: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^https?$/, error: `must be the http(s) URL of the identity provider's ${what}` }).optional(),
  );

/**
 * The console's single sign-on (authorization code flow with PKCE) at the identity provider whose
 * access tokens HERALD_OIDC_* verifies. Unset: the console signs in with pasted tokens only.
 */
const consoleSsoSchema = z.object({
  /** The provider's authorization endpoint; set with the token endpoint and the client id. */
  HERALD_OIDC_AUTHORIZATION_URL: endpointUrl('authorization endpoint'),
  /** The provider's token endpoint. */
  HERALD_OIDC_TOKEN_URL: endpointUrl('token endpoint'),
  /** The console's client id at the provider (its redirect URI: <base>/console/sign-in/callback). */
  HERALD_OIDC_CLIENT_ID: optionalPath,
  /** The client's secret, for a confidential client (sent as HTTP Basic); unset: a public client. */
  HERALD_OIDC_CLIENT_SECRET: optionalPath,
  /** The scopes the console asks for (space-separated). */
  HERALD_OIDC_SCOPE: textOr('openid'),
});
export type ConsoleSsoConfig = z.infer<typeof consoleSsoSchema>;

/** Single sign-on is on with all three of its settings, and needs the OIDC verification it relies on. */
const consoleSsoComplete = (config: ConsoleSsoConfig & OidcConfig, ctx: z.RefinementCtx) => {
  const names = ['HERALD_OIDC_AUTHORIZATION_URL', 'HERALD_OIDC_TOKEN_URL', 'HERALD_OIDC_CLIENT_ID'] as const;
  const set = names.filter((n) => config[n] !== undefined);
  if (set.length === 0) {
    if (config.HERALD_OIDC_CLIENT_SECRET !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['HERALD_OIDC_CLIENT_SECRET'], message: 'set HERALD_OIDC_CLIENT_ID too' });
    }
    return;
  }
  for (const n of names.filter((x) => config[x] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [n], message: `required for single sign-on (with ${set.join(', ')})` });
  }
  if (config.HERALD_OIDC_ISSUER === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['HERALD_OIDC_ISSUER'],
      message: 'single sign-on needs OIDC token verification: set HERALD_OIDC_ISSUER and the rest of HERALD_OIDC_*',
    });
  }
};

const apiSchema = connectionSchema.extend({
  /** The address the API listens on. */
  HERALD_API_HOST: z.string().min(1).default('127.0.0.1'),
  /** The API's port (0: any free port). */
  HERALD_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** JSON list of `{ id, role, sha256 }`: the tokens the API accepts (hashes only). */
  HERALD_API_TOKENS_FILE: z.string().min(1, 'set HERALD_API_TOKENS_FILE (see config/api-tokens.example.json)'),
  /** Which procedure each incident tool's service starts. */
  HERALD_ALERT_ROUTES_FILE: z.string().min(1).default('config/alert-routes.example.json'),
  /** PagerDuty webhook signing secret; unset: the PagerDuty endpoint is off. */
  HERALD_PAGERDUTY_SECRET: z
    .string()
    .min(16, 'use the signing secret PagerDuty shows (at least 16 characters)')
    .optional(),
  /** incident.io's (Standard Webhooks) signing secret; unset: the incident.io endpoint is off. */
  HERALD_INCIDENT_IO_SECRET: standardWebhookSecret,
  /** The embedded store for triggers when DATABASE_URL is unset. */
  HERALD_API_DATA_DIR: apiDataDir,
  /** How long a webhook's answer waits for its first attempt, in ms (PagerDuty gives up after 5 s). */
  HERALD_WEBHOOK_ANSWER_MS: z.coerce.number().int().min(100).max(4_000).default(2_000),
  /** A trigger pending longer than this is alerted (ERROR log) and fails /healthz/triggers. */
  HERALD_TRIGGER_ALERT_AFTER_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  /** Requests a minute per token, then 429 with Retry-After. */
  HERALD_API_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  /** The largest request body; larger ones get 413. */
  HERALD_API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Verification key of SendGrid's signed Event Webhook; unset: `/callbacks/sendgrid` is off. */
  SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridWebhookKey,
  /**
   * The API's public base address: with TWILIO_AUTH_TOKEN, `/callbacks/twilio` checks signatures over
   * it (unset: that endpoint is off); the console's single sign-on returns to it (unset: the address
   * the browser used).
   */
  HERALD_PUBLIC_URL: publicUrl,
  /** Signs Twilio's status callbacks. */
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** Temporal UI's address: the console links each procedure there. */
  HERALD_TEMPORAL_UI_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:8233' })
    .transform((v) => v.replace(/\/+$/, ''))
    .default('http://localhost:8233'),
  /**
   * The Ed25519 private key (a JWK with `d`, a JWK Set whose first key signs, or a PKCS#8 PEM) the
   * API signs actor claims with; its public half belongs in the worker's HERALD_ACTOR_KEYS_FILE.
   * Unset: the API issues no claims, and the procedures refuse privileged actions sent through it.
   */
  HERALD_ACTOR_SIGNING_KEY_FILE: optionalPath,
  ...templateReviewSchema.shape,
  ...oidcSchema.shape,
  ...consoleSsoSchema.shape,
});
export type ApiConfig = z.infer<typeof apiSchema>;

/** Whether the API's provider callback endpoints are configured (they then need the store). */
export function callbacksConfigured(config: ApiConfig): boolean {
  return config.SENDGRID_WEBHOOK_PUBLIC_KEY !== undefined || twilioCallbacks(config) !== undefined;
}

/** The Twilio callback settings, when both are set. */
export function twilioCallbacks(config: ApiConfig): { authToken: string; publicUrl: string } | undefined {
  const { TWILIO_AUTH_TOKEN: authToken, HERALD_PUBLIC_URL: publicUrl } = config;
  return authToken && publicUrl ? { authToken, publicUrl } : undefined;
}

/** The callbacks write delivery states into the worker's store: PGlite is one process's, so a server. */
const apiWithCallbacksSchema = apiSchema
  .superRefine(oidcComplete)
  .superRefine(consoleSsoComplete)
  .superRefine((config, ctx) => {
    if (callbacksConfigured(config) && config.DATABASE_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'the provider callbacks (SENDGRID_WEBHOOK_PUBLIC_KEY, or HERALD_PUBLIC_URL with TWILIO_AUTH_TOKEN) write to the store the worker uses: set DATABASE_URL (the embedded store belongs to one process)',
      });
    }
  });

/** The HTTP API's configuration: Temporal, tokens, incident-tool routes and secrets, the trigger store, limits and delivery callbacks. */
export function parseApiConfig(env: Record<string, string | undefined>): ApiConfig {
  return parseOrExplain(apiWithCallbacksSchema, env, 'Herald API configuration');
}

const toolSchema = z.object({
  /** The `temporal` CLI binary for local dev servers (default: the one setup installs). */
  HERALD_TEMPORAL_CLI: z.string().optional(),
  /** The time-skipping test server binary (default: the one setup installs). */
  HERALD_TEMPORAL_TEST_SERVER: z.string().optional(),
});

/** Paths of the Temporal CLI (dev server) and the time-skipping test server, when overridden. */
export function parseToolPaths(env: Record<string, string | undefined>): { cli?: string; testServer?: string } {
  const tools = toolSchema.parse(env);
  return { cli: tools.HERALD_TEMPORAL_CLI, testServer: tools.HERALD_TEMPORAL_TEST_SERVER };
}

const fraction = z
  .string()
  .regex(/^(\d+(\.\d+)?|1\/\d+)$/, 'must be a number such as 0.002 or a fraction such as 1/720')
  .transform((v) => (v.includes('/') ? 1 / Number(v.split('/')[1]) : Number(v)))
  .refine((v) => v > 0 && v <= 1, 'must be greater than 0 and at most 1');

const demoSchema = z.object({
  /** Compresses every clock of the demo procedure: 1/720 plays 72 h in 6 minutes. */
  HERALD_DEMO_TIME_SCALE: fraction.prefault('1/720'),
  /** The demo's Temporal dev server port. */
  HERALD_DEMO_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  /** The demo's Temporal UI port. */
  HERALD_DEMO_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** The port of the HTTP API and console the demo and `herald dev` serve (0: any free port). */
  HERALD_DEMO_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Students the sandbox CRM is seeded with (the demo incident touches about one in seven). */
  HERALD_DEMO_STUDENTS: z.coerce.number().int().min(10).max(100_000).default(3000),
  /** 1: exit when the procedure ends; otherwise keep Temporal UI up until Ctrl+C. */
  HERALD_DEMO_EXIT: z.enum(['0', '1']).default('0'),
  /** Which procedure the demo runs. */
  HERALD_DEMO_PROCEDURE: z.enum(['data-leak', 'lockout']).default('data-leak'),
  /**
   * Runs the demo's procedure (data-leak or lockout) as a drill with this scenario (none,
   * provider-down, credentials-revoked, crm-frozen; docs/drills.md): external notices to the drill
   * sink, the fault injected on the sandbox for two policy hours, the drill's report printed at the
   * end with what the sandbox received. Unset: a plain incident.
   */
  HERALD_DEMO_DRILL: z.enum(DRILL_SCENARIOS).optional(),
  // The API of the demo and `herald dev` serves the templates and approves them as the API does.
  ...templateReviewSchema.shape,
});
export type DemoConfig = z.infer<typeof demoSchema>;

export function parseDemoConfig(env: Record<string, string | undefined>): DemoConfig {
  return parseOrExplain(demoSchema, env, 'Herald demo configuration');
}

/** True when real provider credentials are configured, so the demo uses the real services. */
export function hasRealProviderCredentials(env: Record<string, string | undefined>): boolean {
  return ['SALESFORCE_CLIENT_ID', 'SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID'].every((k) => !!env[k]);
}

/**
 * Every process's schema, by process: `npm run docs` writes docs/reference/configuration.md from
 * these (names, defaults) and from the JSDoc above each key (meanings).
 */
export const CONFIG_SCHEMAS = {
  worker: workerSchema,
  api: apiWithCallbacksSchema,
  cli: cliSchema,
  codecServer: codecServerSchema,
  demo: demoSchema,
  localTemporal: toolSchema,
} as const;
