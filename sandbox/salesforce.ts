/**
 * Salesforce REST stand-in: OAuth2 token endpoint (password grant; like Salesforce it issues no
 * refresh token for that flow), SOQL query with paging (and `SELECT COUNT()`) over Contacts and
 * customer Accounts, Bulk API 2.0 query jobs over the same rows (salesforce-bulk.ts), Contact
 * retrieve/update, org limits, and access revocation on demand.
 * Serves API version 62.0 only, so a client left on jsforce's default (50.0) fails visibly.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CustomerSeed } from './customer-seed.ts';
import type { Fault } from './faults.ts';
import { bearerToken } from './http.ts';
import type { Permissions } from './permissions.ts';
import type { ProviderRequest, ProviderSpec, Reply } from './provider-server.ts';
import type { Revocations } from './revocations.ts';
import { BulkJobFaults, bulkQueryJobs } from './salesforce-bulk.ts';
import type { SeedContact } from './seed.ts';
import { matches, parseSoql, SoqlError } from './soql.ts';

export const SALESFORCE_API_VERSION = '62.0';
const DATA_PREFIX = `/services/data/v${SALESFORCE_API_VERSION}`;
const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const MAX_BATCH = 2000;

/** What the sandbox accepts in the OAuth2 password flow. */
export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  orgId: string;
  userId: string;
}

/** What a SOQL query selected (see select()). */
export interface SelectedRows {
  object: string;
  fields: string[];
  /** `SELECT COUNT()`: only the number of records matters. */
  count: boolean;
  records: Record<string, unknown>[];
}

interface Cursor {
  object: string;
  records: Record<string, unknown>[];
  fields: string[];
  offset: number;
  batchSize: number;
}

const FIELDS: readonly (keyof SeedContact)[] = [
  'Id',
  'FirstName',
  'LastName',
  'Email',
  'MobilePhone',
  'MailingCountry',
  'MailingState',
  'Preferred_Language__c',
  'Time_Zone__c',
  'Program__c',
  'Campus__c',
  'Enrollment_Status__c',
];

/** Contact fields queryable: the students' and the customer contacts' (AccountId, Title, Crisis_Role__c). */
const CONTACT_QUERY_FIELDS: readonly string[] = [...FIELDS, 'AccountId', 'Title', 'Crisis_Role__c'];
const ACCOUNT_FIELDS: readonly string[] = [
  'Id',
  'Name',
  'Type',
  'At_Risk__c',
  'OwnerId',
  'BillingCountry',
  'BillingState',
];
const USER_FIELDS: readonly string[] = ['Id', 'Name', 'Email', 'MobilePhone'];
const DAILY_API_REQUESTS = 15_000;

/** A field value as SOQL compares text: null stays null, anything else as its string. */
const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'boolean' || typeof value === 'number' ? String(value) : null;

const error = (status: number, errorCode: string, message: string): Reply => ({
  status,
  body: [{ message, errorCode }],
});

/** Salesforce's default batch is 2000; `Sforce-Query-Options: batchSize=N` asks for 200..2000. */
function batchSizeOf(request: ProviderRequest): number {
  const header = request.req.headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  if (!m?.[1]) return DEFAULT_BATCH;
  return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

/** Builds the Salesforce provider over a live Contact list (PATCH edits it in place). */
export function salesforceSpec(options: {
  baseUrl: () => string;
  credentials: SalesforceCredentials;
  contacts: SeedContact[];
  /** Customer accounts and their contacts, queried alongside the students; none when absent. */
  customers?: CustomerSeed;
  /** When Salesforce is revoked, sessions are dropped and logins refused. */
  revocations?: Revocations;
  /** While withdrawn, logins work but the API refuses the user (INSUFFICIENT_ACCESS) or the org (API_DISABLED_FOR_ORG). */
  permissions?: Permissions;
  /** Failures injected into Bulk API 2.0 query jobs; none when absent. */
  bulkFaults?: BulkJobFaults;
}): ProviderSpec {
  const { credentials, contacts } = options;
  const customers = options.customers ?? { accounts: [], contacts: [], users: [] };
  const tokens = new Set<string>();
  const cursors = new Map<string, Cursor>();
  let apiRequests = 0;
  options.revocations?.onRevoke('salesforce', () => tokens.clear());

  function issueToken(): Reply {
    const accessToken = `${credentials.orgId}!${randomBytes(24).toString('base64url')}`;
    tokens.add(accessToken);
    const issuedAt = String(Date.now());
    const id = `${options.baseUrl()}/id/${credentials.orgId}/${credentials.userId}`;
    const signature = createHmac('sha256', credentials.clientSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      status: 200,
      body: {
        access_token: accessToken,
        instance_url: options.baseUrl(),
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
        signature,
      },
    };
  }

  function token(request: ProviderRequest): Reply {
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.client_id !== credentials.clientId || form.client_secret !== credentials.clientSecret) {
      return { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
    }
    if (form.grant_type === 'password') {
      if (
        form.username !== credentials.username ||
        form.password !== credentials.password ||
        options.revocations?.isRevoked('salesforce') === true
      ) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'authentication failure' } };
      }
      return issueToken();
    }
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
  }

  function page(cursor: Cursor, locator: string): Reply {
    const slice = cursor.records.slice(cursor.offset, cursor.offset + cursor.batchSize);
    const nextOffset = cursor.offset + slice.length;
    const done = nextOffset >= cursor.records.length;
    const body: Record<string, unknown> = {
      totalSize: cursor.records.length,
      done,
      records: slice.map((c) => ({
        attributes: { type: cursor.object, url: `${DATA_PREFIX}/sobjects/${cursor.object}/${String(c.Id)}` },
        ...Object.fromEntries(cursor.fields.map((f) => [f, c[f] ?? null])),
      })),
    };
    if (!done) {
      const next = `${locator.split('-')[0]}-${nextOffset}`;
      cursors.set(next, { ...cursor, offset: nextOffset });
      body.nextRecordsUrl = `${DATA_PREFIX}/query/${next}`;
    }
    return { status: 200, body };
  }

  /** Runs `soql` over the live rows: the rows matched (copies, sorted by Id), or a Salesforce error reply. */
  function select(soql: string): SelectedRows | Reply {
    let parsed;
    try {
      parsed = parseSoql(soql, { Contact: CONTACT_QUERY_FIELDS, Account: ACCOUNT_FIELDS, User: USER_FIELDS });
    } catch (err) {
      if (err instanceof SoqlError) return error(400, err.errorCode, err.message);
      throw err;
    }
    const rows: Record<string, unknown>[] =
      parsed.object === 'Account'
        ? customers.accounts.map((a) => ({ ...a }))
        : parsed.object === 'User'
          ? customers.users.map((u) => ({ ...u }))
          : [...contacts.map((c) => ({ ...c })), ...customers.contacts.map((c) => ({ ...c }))];
    let records = rows
      .filter((c) =>
        parsed.conditions.every((cond) => cond.values.some((v) => matches(cond.field, asText(c[cond.field]), v))),
      )
      .sort((a, b) => (String(a.Id) < String(b.Id) ? -1 : String(a.Id) > String(b.Id) ? 1 : 0));
    if (parsed.limit !== undefined) records = records.slice(0, parsed.limit);
    return { object: parsed.object, fields: parsed.fields, count: parsed.count, records };
  }

  function query(request: ProviderRequest): Reply {
    const soql = request.url.searchParams.get('q');
    if (!soql) return error(400, 'MALFORMED_QUERY', 'missing query parameter q');
    const selected = select(soql);
    if ('status' in selected) return selected;
    // SELECT COUNT(): the number in totalSize, no records.
    if (selected.count) return { status: 200, body: { totalSize: selected.records.length, done: true, records: [] } };
    const locator = `01g${randomBytes(8).toString('hex')}-0`;
    // The rows are copies: later PATCHes do not change an open cursor, as with a real query locator.
    const cursor: Cursor = {
      object: selected.object,
      records: selected.records,
      fields: selected.fields,
      offset: 0,
      batchSize: batchSizeOf(request),
    };
    return page(cursor, locator);
  }

  const bulk = bulkQueryJobs({
    apiVersion: SALESFORCE_API_VERSION,
    userId: credentials.userId,
    select,
    faults: options.bulkFaults ?? new BulkJobFaults(),
  });

  function queryMore(locator: string): Reply {
    const cursor = cursors.get(locator);
    if (!cursor) return error(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return page(cursor, locator);
  }

  function retrieve(id: string, request: ProviderRequest): Reply {
    const contact = contacts.find((c) => matches('Id', c.Id, id));
    if (!contact) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    const wanted = request.url.searchParams.get('fields');
    const fields = wanted ? wanted.split(',').map((f) => f.trim()) : [...FIELDS];
    const unknown = fields.find((f) => !FIELDS.includes(f as keyof SeedContact));
    if (unknown) return error(400, 'INVALID_FIELD', `No such column '${unknown}' on entity 'Contact'.`);
    return {
      status: 200,
      body: {
        attributes: { type: 'Contact', url: `${DATA_PREFIX}/sobjects/Contact/${contact.Id}` },
        ...Object.fromEntries(fields.map((f) => [f, contact[f as keyof SeedContact]])),
      },
    };
  }

  function update(id: string, request: ProviderRequest): Reply {
    const contact = contacts.find((c) => matches('Id', c.Id, id));
    if (!contact) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    const changes = request.body;
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      return error(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    }
    for (const key of Object.keys(changes)) {
      if (key === 'attributes') continue;
      if (key === 'Id') return error(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: Id.');
      if (!FIELDS.includes(key as keyof SeedContact))
        return error(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type Contact`);
    }
    for (const [key, value] of Object.entries(changes)) {
      if (key !== 'attributes') (contact as unknown as Record<string, unknown>)[key] = value;
    }
    return { status: 204 };
  }

  return {
    provider: 'salesforce',
    faultable: (_method, path) => path !== '/services/oauth2/token',
    faultReply(fault: Fault, request: ProviderRequest): Reply {
      switch (fault.kind) {
        case 'rate-limit':
          return error(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        case 'session-expired': {
          const bearer = bearerToken(request.req);
          if (bearer) tokens.delete(bearer);
          return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        }
        case 'status':
          return fault.status === 503
            ? error(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable')
            : error(
                fault.status,
                'UNKNOWN_EXCEPTION',
                'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-123456789)',
              );
        default:
          return error(500, 'UNKNOWN_EXCEPTION', `fault ${fault.kind} does not apply here`);
      }
    },
    async handle(request) {
      const path = request.url.pathname;
      if (path === '/services/oauth2/token' && request.method === 'POST') return token(request);
      if (!path.startsWith('/services/data/')) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
      const bearer = bearerToken(request.req);
      if (!bearer || !tokens.has(bearer)) return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      const gap = options.permissions?.salesforceGap();
      if (gap === 'API_DISABLED_FOR_ORG') {
        return error(403, gap, 'The REST API is not enabled for this Organization.');
      }
      if (gap === 'INSUFFICIENT_ACCESS') return error(403, gap, 'insufficient access rights on object id');
      if (!path.startsWith(`${DATA_PREFIX}/`)) {
        return error(404, 'NOT_FOUND', `The sandbox serves API version ${SALESFORCE_API_VERSION} only`);
      }
      const rest = path.slice(DATA_PREFIX.length);
      apiRequests++;
      if (rest === '/limits' && request.method === 'GET') {
        return {
          status: 200,
          body: { DailyApiRequests: { Max: DAILY_API_REQUESTS, Remaining: DAILY_API_REQUESTS - apiRequests } },
        };
      }
      if (rest === '/query' && request.method === 'GET') return query(request);
      const more = /^\/query\/([^/]+)$/.exec(rest);
      if (more?.[1] && request.method === 'GET') return queryMore(decodeURIComponent(more[1]));
      const bulkReply = bulk.handle(request, rest);
      if (bulkReply) return bulkReply;
      const sobject = /^\/sobjects\/Contact\/([A-Za-z0-9]{15,18})$/.exec(rest);
      if (sobject?.[1] && request.method === 'GET') return retrieve(sobject[1], request);
      if (sobject?.[1] && request.method === 'PATCH') return update(sobject[1], request);
      return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    },
  };
}
