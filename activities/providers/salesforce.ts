/**
 * CrmPort over Salesforce REST (jsforce): pages of affected Contacts for a CrmScope.
 */
import { ApplicationFailure } from '@temporalio/common';
import jsforce from 'jsforce';
import type { Connection } from 'jsforce';
import { ZodError } from 'zod';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import type { CrmScope } from '../../workflows/domain/incident.ts';
import type {
  CredentialCheck,
  CredentialProbe,
  CrmPage,
  CrmUser,
  CrmPort,
  CustomerAccount,
  CustomerContact,
  CustomerCrmPort,
} from '../ports.ts';
import { canonicalTimeZone } from '../local-time/zones.ts';
import { defaultLocaleFor, toCountryCode } from './countries.ts';
import { isAccountProblem, PROVIDER_FAILURE_TYPES, toActivityError } from './errors.ts';
import { buildContactCountQuery, buildContactQueries, FIELD_API_NAME } from './salesforce-soql.ts';
import { BULK_JOB_ID, BULK_LOCATOR, SalesforceBulkQuery } from './salesforce-bulk.ts';
import { customerRoleOf, enterpriseAccountsQuery, roleContactsQuery, usersQuery } from './salesforce-customers.ts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, withTimeout } from './timeout.ts';

/** jsforce defaults to API 50.0; Herald is written against 62.0. */
export const SALESFORCE_API_VERSION = '62.0';

export interface SalesforceClientOptions {
  /** Login host; https://login.salesforce.com when absent (use test.salesforce.com for sandboxes, or the Herald sandbox URL). */
  loginUrl?: string;
  clientId: string;
  clientSecret: string;
  username: string;
  /** Password, with the security token appended where the org requires one. */
  password: string;
  /** Re-authentications allowed within `refreshWindowMs` before giving up; default 3. */
  maxRefreshes?: number;
  refreshWindowMs?: number;
  /** Explicit HTTP proxy. jsforce otherwise uses HTTP(S)_PROXY from the environment, ignoring NO_PROXY. */
  httpProxy?: string;
  /** REST API version; default 62.0 (jsforce's own default is 50.0). The sandbox serves 62.0 only. */
  apiVersion?: string;
}

/**
 * Builds a jsforce Connection that logs in with the OAuth2 username-password flow through its
 * `refreshFn`. No call is made here; SalesforceCrm triggers the first login, and jsforce calls the
 * same function on every 401, so first login, expiry and re-login share one path. `refreshFn` is
 * capped (`maxRefreshes` per `refreshWindowMs`): jsforce would re-login forever against an
 * always-401 server. (conn.login() is not used: it installs its own, uncapped, refresh function.)
 */
export function createSalesforceConnection(options: SalesforceClientOptions): Connection {
  const maxRefreshes = options.maxRefreshes ?? 3;
  const windowMs = options.refreshWindowMs ?? 60_000;
  const refreshes: number[] = [];
  const loginUrl = options.loginUrl ?? 'https://login.salesforce.com';
  const oauth2 = new jsforce.OAuth2({
    loginUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.httpProxy ? { httpProxy: options.httpProxy } : {}),
  });
  return new jsforce.Connection({
    version: options.apiVersion ?? SALESFORCE_API_VERSION,
    loginUrl,
    oauth2,
    ...(options.httpProxy ? { httpProxy: options.httpProxy } : {}),
    refreshFn: (conn, callback) => {
      const now = Date.now();
      while (refreshes.length > 0 && (refreshes[0] as number) <= now - windowMs) refreshes.shift();
      if (refreshes.length >= maxRefreshes) {
        // The code in brackets survives jsforce's "Unable to refresh session due to: …" wrapping.
        callback(new Error(`[REFRESH_LIMIT] gave up after ${maxRefreshes} logins in ${windowMs} ms`));
        return;
      }
      refreshes.push(now);
      conn.oauth2.authenticate(options.username, options.password).then(
        (res) => {
          conn.instanceUrl = res.instance_url;
          callback(null, res.access_token, res);
        },
        (err: unknown) => {
          const e = err instanceof Error ? err : new Error(String(err));
          callback(new Error(`[${e.name}] ${e.message}`));
        },
      );
    },
  });
}

export interface SalesforceCrmOptions {
  /** Records per page (Salesforce honours 200..2000); default 200. */
  pageSize?: number;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Locale when a Contact has no Preferred_Language__c and its country gives none; default "en". */
  defaultLocale?: string;
  /** Expand a MailingCountry filter value to every known spelling ("DE" → "Germany", …); default true. */
  expandCountryNames?: boolean;
  /** Account `Type` of enterprise customers, for the customer contact snapshot; default "Enterprise". */
  enterpriseAccountType?: string;
  /**
   * Contact field holding the person's IANA time zone (e.g. `Time_Zone__c`); none read when absent.
   * A value Intl does not know as a zone is ignored: the address, then the organisation decide.
   */
  timeZoneField?: string;
  /**
   * A filter scope matching at least this many Contacts (a `SELECT COUNT()` first) is read through
   * Bulk API 2.0 instead of REST paging; default {@link DEFAULT_BULK_THRESHOLD}. `Infinity` turns
   * Bulk off. A records scope always uses REST: its ids go into the query in chunks of 300, one
   * REST page each, where a Bulk job per chunk would only add requests.
   */
  bulkThreshold?: number;
  /** Records per Bulk API results page (`maxRecords`); default 10,000. */
  bulkPageSize?: number;
  /** First wait between Bulk job status checks, doubling up to 2 s; default 250 ms. */
  bulkPollIntervalMs?: number;
}

/** Contacts in scope from which a snapshot goes through Bulk API 2.0. */
export const DEFAULT_BULK_THRESHOLD = 2_000;

/** Query jobs started for one snapshot before a failing Bulk API is reported as ProviderRejected. */
export const MAX_BULK_JOBS = 3;

/** The longest one call waits on a Bulk job before handing back an empty page (the activity heartbeats). */
const BULK_POLL_BUDGET_MS = 10_000;
const MAX_BULK_POLL_INTERVAL_MS = 2_000;

interface ContactRecord {
  Id: string;
  FirstName?: string | null;
  LastName?: string | null;
  Email?: string | null;
  MobilePhone?: string | null;
  MailingCountry?: string | null;
  MailingState?: string | null;
  Preferred_Language__c?: string | null;
  /** The configured time-zone field, among any others. */
  [field: string]: unknown;
}

interface AccountRecord {
  Id: string;
  Name?: string | null;
  At_Risk__c?: boolean | null;
  OwnerId?: string | null;
  BillingCountry?: string | null;
  BillingState?: string | null;
}

interface UserRecord {
  Id: string;
  Name?: string | null;
  Email?: string | null;
  MobilePhone?: string | null;
}

/** Ids per User query: keeps the SOQL well under Salesforce's 100,000-character limit. */
const USER_IDS_PER_QUERY = 200;

interface RoleContactRecord {
  Id: string;
  AccountId?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  Title?: string | null;
  Email?: string | null;
  MobilePhone?: string | null;
  Crisis_Role__c?: string | null;
  MailingCountry?: string | null;
  MailingState?: string | null;
  Preferred_Language__c?: string | null;
  /** The configured time-zone field, among any others. */
  [field: string]: unknown;
}

interface QueryResult {
  totalSize: number;
  records: ContactRecord[];
  done: boolean;
  nextRecordsUrl?: string;
}

/** Where a REST read stands: which of the scope's queries, and Salesforce's locator within it. */
interface RestCursor {
  query: number;
  locator?: string;
}

/** Where a Bulk API read stands: its query job, whether it finished, the next results page. */
interface BulkCursor {
  job: string;
  /** Jobs started so far for this snapshot (failed or aborted ones are replaced). */
  jobs: number;
  /** The job reached JobComplete: no more status checks. */
  ready?: true;
  locator?: string;
}

type Cursor = RestCursor | BulkCursor;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function isCursor(c: Record<string, unknown>): boolean {
  const locatorOk = (pattern: RegExp) =>
    c.locator === undefined || (typeof c.locator === 'string' && pattern.test(c.locator));
  if ('job' in c) {
    return (
      typeof c.job === 'string' &&
      BULK_JOB_ID.test(c.job) &&
      Number.isInteger(c.jobs) &&
      (c.jobs as number) >= 1 &&
      (c.ready === undefined || c.ready === true) &&
      locatorOk(BULK_LOCATOR)
    );
  }
  return Number.isInteger(c.query) && (c.query as number) >= 0 && locatorOk(/^[A-Za-z0-9-]+$/);
}

function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (typeof c === 'object' && c !== null && isCursor(c as Record<string, unknown>)) return c as Cursor;
  } catch {
    // fall through
  }
  throw ApplicationFailure.nonRetryable(
    'Salesforce cursor is not one this adapter produced',
    PROVIDER_FAILURE_TYPES.providerRejected,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const clean = (v: string | null | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** An address's ISO country code and its state, each only when the record has one. */
function address(
  country: string | null | undefined,
  state: string | null | undefined,
): {
  country?: string;
  state?: string;
} {
  const code = toCountryCode(country);
  const st = clean(state);
  return { ...(code === undefined ? {} : { country: code }), ...(st === undefined ? {} : { state: st }) };
}

/**
 * What a Contact states about its reader: `Preferred_Language__c` (lower-cased), the configured
 * time-zone field (only a zone Intl knows), the mailing address. Each only when present.
 */
function readerFacts(
  r: Pick<ContactRecord, 'MailingCountry' | 'MailingState' | 'Preferred_Language__c'> & Record<string, unknown>,
  timeZoneField: string | undefined,
): { locale?: string; timeZone?: string; country?: string; state?: string } {
  const locale = clean(r.Preferred_Language__c)?.toLowerCase();
  const zoneValue = timeZoneField === undefined ? undefined : r[timeZoneField];
  const timeZone = canonicalTimeZone(typeof zoneValue === 'string' ? zoneValue : undefined);
  return {
    ...(locale === undefined ? {} : { locale }),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...address(r.MailingCountry, r.MailingState),
  };
}

/** CrmPort over a jsforce Connection (see createSalesforceConnection). */
export class SalesforceCrm implements CrmPort, CustomerCrmPort, CredentialProbe {
  readonly #conn: Connection;
  readonly #pageSize: number;
  readonly #timeoutMs: number;
  readonly #defaultLocale: string;
  readonly #expandCountryNames: boolean;
  readonly #enterpriseAccountType: string;
  readonly #timeZoneField: string | undefined;
  readonly #bulk: SalesforceBulkQuery;
  readonly #bulkThreshold: number;
  readonly #bulkPageSize: number;
  readonly #bulkPollIntervalMs: number;

  constructor(connection: Connection, options: SalesforceCrmOptions = {}) {
    this.#conn = connection;
    this.#pageSize = options.pageSize ?? 200;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS;
    this.#defaultLocale = options.defaultLocale ?? 'en';
    this.#expandCountryNames = options.expandCountryNames ?? true;
    this.#enterpriseAccountType = options.enterpriseAccountType ?? 'Enterprise';
    if (options.timeZoneField !== undefined && !FIELD_API_NAME.test(options.timeZoneField)) {
      throw new Error(`timeZoneField ${JSON.stringify(options.timeZoneField)} is not a Salesforce field API name`);
    }
    this.#timeZoneField = options.timeZoneField;
    this.#bulkThreshold = options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD;
    if (!(this.#bulkThreshold >= 1)) throw new Error(`bulkThreshold must be at least 1, not ${this.#bulkThreshold}`);
    this.#bulkPageSize = options.bulkPageSize ?? 10_000;
    if (!Number.isInteger(this.#bulkPageSize) || this.#bulkPageSize < 1) {
      throw new Error(`bulkPageSize must be a positive integer, not ${this.#bulkPageSize}`);
    }
    this.#bulkPollIntervalMs = options.bulkPollIntervalMs ?? 250;
    this.#bulk = new SalesforceBulkQuery(connection, { timeoutMs: this.#timeoutMs });
  }

  /**
   * A cheap authenticated call (`GET /limits`). A 401 goes through the capped re-login first, so
   * `valid: false` means Salesforce refused fresh sessions too (revoked token, frozen user, revoked
   * connected app); an unreachable Salesforce throws (transient) instead.
   */
  async checkCredentials(): Promise<CredentialCheck> {
    try {
      await this.#ensureSession();
      const limits = await this.#get<{ DailyApiRequests?: { Max?: number; Remaining?: number } }>('/limits');
      const daily = limits.DailyApiRequests;
      return {
        valid: true,
        detail:
          daily?.Max !== undefined && daily.Remaining !== undefined
            ? `session valid; ${daily.Remaining} of ${daily.Max} daily API requests left`
            : 'session valid',
      };
    } catch (err) {
      if (isAccountProblem(err)) {
        return { valid: false, detail: err.message };
      }
      throw err;
    }
  }

  /** One page of enterprise customer accounts (Account.Type), ordered by Id. */
  async findEnterpriseAccounts(cursor?: string): Promise<{ accounts: CustomerAccount[]; nextCursor?: string }> {
    const result = await this.#page<AccountRecord>(enterpriseAccountsQuery(this.#enterpriseAccountType), cursor);
    const accounts = result.records.map((r) => {
      const account: CustomerAccount = { id: r.Id, name: clean(r.Name) ?? r.Id, atRisk: r.At_Risk__c === true };
      const ownerId = clean(r.OwnerId);
      if (ownerId !== undefined) account.ownerId = ownerId;
      Object.assign(account, address(r.BillingCountry, r.BillingState));
      return account;
    });
    return result.nextCursor === undefined ? { accounts } : { accounts, nextCursor: result.nextCursor };
  }

  /** One page of Contacts holding a crisis role (Crisis_Role__c), ordered by Id. */
  async findRoleContacts(cursor?: string): Promise<{ contacts: CustomerContact[]; nextCursor?: string }> {
    const result = await this.#page<RoleContactRecord>(roleContactsQuery(this.#timeZoneField), cursor);
    const contacts: CustomerContact[] = [];
    for (const r of result.records) {
      const role = customerRoleOf(r.Crisis_Role__c);
      const accountId = clean(r.AccountId);
      if (role === undefined || accountId === undefined) continue;
      const contact: CustomerContact = {
        id: r.Id,
        accountId,
        name: [clean(r.FirstName), clean(r.LastName)].filter(Boolean).join(' '),
        role,
      };
      const title = clean(r.Title);
      const email = clean(r.Email);
      const phone = clean(r.MobilePhone);
      if (title !== undefined) contact.title = title;
      if (email !== undefined) contact.email = email;
      if (phone !== undefined) contact.phone = phone;
      // Only what the record states: the snapshot fills in the account's address and its language.
      const { locale, ...place } = readerFacts(r, this.#timeZoneField);
      if (locale !== undefined) contact.locale = locale;
      contacts.push(Object.assign(contact, place));
    }
    return result.nextCursor === undefined ? { contacts } : { contacts, nextCursor: result.nextCursor };
  }

  /** The account owners (User records) with these ids, a few queries of up to 200 ids each. */
  async findUsers(ids: string[]): Promise<CrmUser[]> {
    const unique = [...new Set(ids)];
    const users: CrmUser[] = [];
    for (let start = 0; start < unique.length; start += USER_IDS_PER_QUERY) {
      const soql = usersQuery(unique.slice(start, start + USER_IDS_PER_QUERY));
      let cursor: string | undefined;
      do {
        const page = await this.#page<UserRecord>(soql, cursor);
        for (const r of page.records) {
          const user: CrmUser = { id: r.Id, name: clean(r.Name) ?? r.Id };
          const email = clean(r.Email);
          const phone = clean(r.MobilePhone);
          if (email !== undefined) user.email = email;
          if (phone !== undefined) user.phone = phone;
          users.push(user);
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    return users;
  }

  /** One page of a single query: the first for no cursor, else the page the cursor's locator names. */
  async #page<R>(soql: string, cursor?: string): Promise<{ records: R[]; nextCursor?: string }> {
    const at = cursor === undefined ? { query: 0 } : decodeCursor(cursor);
    await this.#ensureSession();
    const result = (await this.#fetch(at.locator === undefined ? { soql } : { locator: at.locator })) as unknown as {
      records: R[];
      nextRecordsUrl?: string;
    };
    const locator = result.nextRecordsUrl?.split('/').pop();
    return locator
      ? { records: result.records, nextCursor: encodeCursor({ query: 0, locator }) }
      : { records: result.records };
  }

  /** A GET on the REST API (relative to /services/data/vXX), with the adapter's deadline and no jsforce retries. */
  async #get<T>(url: string): Promise<T> {
    try {
      const request = this.#conn.request<T>(
        { method: 'GET', url },
        { timeout: this.#timeoutMs, retry: { maxRetries: 0 } },
      );
      return await withTimeout(Promise.resolve(request), this.#timeoutMs, `Salesforce GET ${url}`);
    } catch (err) {
      throw toActivityError('Salesforce', err);
    }
  }

  /**
   * One page of the Contacts in scope, ordered by Id, de-duplicated within the page by Id and by
   * lower-cased email. Duplicates across pages are left to the recipient store, which dedupes the
   * whole snapshot on insert. A filter scope of at least `bulkThreshold` Contacts is read through a
   * Bulk API 2.0 query job (see #bulkPage); a page may then be empty while the job runs.
   */
  async findAffectedPeople(scope: CrmScope, cursor?: string): Promise<CrmPage> {
    const soqlOptions = {
      expandCountryNames: this.#expandCountryNames,
      ...(this.#timeZoneField !== undefined ? { timeZoneField: this.#timeZoneField } : {}),
    };
    let queries: string[];
    let countQuery: string | undefined;
    try {
      queries = buildContactQueries(scope, soqlOptions);
      countQuery = buildContactCountQuery(scope, soqlOptions);
    } catch (err) {
      if (err instanceof ZodError) {
        throw ApplicationFailure.nonRetryable(
          `CRM scope is invalid: ${err.issues[0]?.message ?? 'invalid'}`,
          'InvalidScope',
        );
      }
      throw err;
    }
    let at: Cursor = cursor === undefined ? { query: 0 } : decodeCursor(cursor);
    await this.#ensureSession();
    if ('job' in at) return this.#bulkPage(at, queries[0] as string);
    if (cursor === undefined && countQuery !== undefined && Number.isFinite(this.#bulkThreshold)) {
      const { totalSize } = await this.#fetch({ soql: countQuery });
      if (totalSize >= this.#bulkThreshold) {
        return this.#bulkPage({ job: await this.#bulk.create(queries[0] as string), jobs: 1 }, queries[0] as string);
      }
    }
    // An Id chunk may match nothing; move on to the next one rather than return an empty page.
    for (;;) {
      const soql = queries[at.query];
      if (soql === undefined) return { people: [] };
      const result = await this.#fetch(at.locator === undefined ? { soql } : { locator: at.locator });
      const next: RestCursor | undefined = result.nextRecordsUrl
        ? { query: at.query, locator: result.nextRecordsUrl.split('/').pop() as string }
        : at.query + 1 < queries.length
          ? { query: at.query + 1 }
          : undefined;
      const people = this.#toPeople(result.records);
      if (people.length > 0 || next === undefined) {
        return next === undefined ? { people } : { people, nextCursor: encodeCursor(next) };
      }
      at = next;
    }
  }

  /**
   * The next step of a Bulk API read. Until the job completes: status checks with a growing wait,
   * at most BULK_POLL_BUDGET_MS per call, then an empty page with the same cursor so the activity
   * heartbeats and a retry resumes the same job. A job Salesforce fails or aborts (it gives no
   * reason for query jobs) is replaced by a new one — no page of it was read, so nothing is lost —
   * up to MAX_BULK_JOBS, then ProviderRejected (permanent: the step waits for a re-check or an
   * operator, whose retry starts afresh). Once complete: one results page per call, by locator.
   */
  async #bulkPage(at: BulkCursor, soql: string): Promise<CrmPage> {
    if (!at.ready) {
      const deadline = Date.now() + BULK_POLL_BUDGET_MS;
      let wait = this.#bulkPollIntervalMs;
      for (;;) {
        const state = await this.#bulk.state(at.job);
        if (state === 'JobComplete') break;
        if (state === 'Failed' || state === 'Aborted') {
          if (at.jobs >= MAX_BULK_JOBS) {
            const err = Object.assign(new Error(`${at.jobs} Bulk API query jobs in a row ended ${state}`), {
              errorCode: 'BULK_QUERY_JOB_FAILED',
            });
            throw toActivityError('Salesforce', err);
          }
          const next: BulkCursor = { job: await this.#bulk.create(soql), jobs: at.jobs + 1 };
          return { people: [], nextCursor: encodeCursor(next) };
        }
        if (Date.now() + wait > deadline) return { people: [], nextCursor: encodeCursor(at) };
        await sleep(wait);
        wait = Math.min(wait * 2, MAX_BULK_POLL_INTERVAL_MS);
      }
    }
    const page = await this.#bulk.page(at.job, at.locator, this.#bulkPageSize);
    const people = this.#toPeople(page.records as unknown as ContactRecord[]);
    if (page.locator === undefined) return { people };
    return { people, nextCursor: encodeCursor({ job: at.job, jobs: at.jobs, ready: true, locator: page.locator }) };
  }

  /**
   * Logs in before the first request: without a session jsforce has no instance URL to send it to.
   * Goes through jsforce's refresh delegate, which runs the capped refreshFn and makes concurrent
   * callers share one login.
   */
  async #ensureSession(): Promise<void> {
    if (this.#conn.accessToken) return;
    const delegate = this.#conn._refreshDelegate;
    if (!delegate) throw new Error('Salesforce connection has no refreshFn: build it with createSalesforceConnection');
    try {
      await withTimeout(delegate.refresh(Date.now()), this.#timeoutMs, 'Salesforce login');
    } catch (err) {
      throw toActivityError('Salesforce', err);
    }
  }

  /** First page of a query, or the next page for a locator (jsforce's query / queryMore endpoints). */
  async #fetch(what: { soql: string } | { locator: string }): Promise<QueryResult> {
    const url =
      'soql' in what ? `/query?q=${encodeURIComponent(what.soql)}` : `/query/${encodeURIComponent(what.locator)}`;
    try {
      // conn.request instead of conn.query/queryMore: only it takes per-request options, and jsforce's
      // built-in GET retries (5 over ~15 s) would stack under Temporal's own retries.
      const request = this.#conn.request<QueryResult>(
        { method: 'GET', url, headers: { 'Sforce-Query-Options': `batchSize=${this.#pageSize}` } },
        { timeout: this.#timeoutMs, retry: { maxRetries: 0 } },
      );
      // The outer deadline also covers a re-login on 401, which the per-request timeout does not.
      return await withTimeout(Promise.resolve(request), this.#timeoutMs, 'Salesforce query');
    } catch (err) {
      throw this.#namingZoneField(toActivityError('Salesforce', err), 'soql' in what ? what.soql : '');
    }
  }

  /**
   * An unknown field in a query that reads the configured time-zone field: most likely that field
   * (a misspelt or missing custom field), so the failure names it for whoever fixes the configuration.
   */
  #namingZoneField(failure: unknown, soql: string): unknown {
    const field = this.#timeZoneField;
    const details =
      failure instanceof ApplicationFailure ? (failure.details?.[0] as { code?: string } | undefined) : undefined;
    if (field === undefined || details?.code !== 'INVALID_FIELD' || !new RegExp(`\\b${field}\\b`).test(soql)) {
      return failure;
    }
    return ApplicationFailure.create({
      message: `${(failure as ApplicationFailure).message}: check the configured time-zone field ${field}, which this query reads`,
      type: PROVIDER_FAILURE_TYPES.configurationError,
      details: (failure as ApplicationFailure).details ?? [],
      nonRetryable: true,
    });
  }

  #toPeople(records: ContactRecord[]): AffectedPerson[] {
    const ids = new Set<string>();
    const emails = new Set<string>();
    const people: AffectedPerson[] = [];
    for (const r of records) {
      const email = clean(r.Email);
      const key = email?.toLowerCase();
      if (ids.has(r.Id) || (key !== undefined && emails.has(key))) continue;
      ids.add(r.Id);
      if (key !== undefined) emails.add(key);
      const phone = clean(r.MobilePhone);
      const { locale, ...place } = readerFacts(r, this.#timeZoneField);
      const person: AffectedPerson = {
        id: r.Id,
        name: [clean(r.FirstName), clean(r.LastName)].filter(Boolean).join(' '),
        locale: locale ?? defaultLocaleFor(place.country) ?? this.#defaultLocale,
      };
      if (email !== undefined) person.email = email;
      if (phone !== undefined) person.phone = phone;
      people.push(Object.assign(person, place));
    }
    return people;
  }
}

/** Connection and adapter in one step, for the worker. */
export function createSalesforceCrm(options: SalesforceClientOptions & SalesforceCrmOptions): SalesforceCrm {
  return new SalesforceCrm(createSalesforceConnection(options), options);
}
