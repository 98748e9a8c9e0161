/**
 * Salesforce Bulk API 2.0 query jobs through jsforce, one results page per call, for large
 * snapshots (see SalesforceCrm). The job is created with jsforce's own Bulk 2.0 client
 * (`QueryJobV2.open()`: `POST /jobs/query`). Status and results go through jsforce's HttpApi — the
 * class its Bulk 2.0 client is built on, so login, 401 re-login and proxies are jsforce's — because
 * jsforce offers no call for one page: `QueryJobV2.result()` pipes every page into one stream, and
 * that stream breaks once a second page arrives (jsforce issue #1546); `check()` and `result()` take
 * no request options, so their GETs would carry jsforce's hidden retries under Temporal's own.
 */
import type { Connection } from 'jsforce';
import { QueryJobV2 } from 'jsforce/lib/api/bulk2.js';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { toActivityError } from './errors.ts';
import { withTimeout } from './timeout.ts';

/** A query job's state (Bulk API 2.0 `state`). */
export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

const STATES: readonly string[] = ['UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted'];

/** One page of a finished job's results: the CSV rows by column name, and the next page's locator. */
export interface BulkResultsPage {
  records: Record<string, string>[];
  /** Absent on the last page (Salesforce sends `Sforce-Locator: null`). */
  locator?: string;
}

/** A Salesforce job id (15 or 18 characters) or results locator: what a cursor may carry back in. */
export const BULK_JOB_ID = /^[A-Za-z0-9]{15,18}$/;
export const BULK_LOCATOR = /^[A-Za-z0-9+/=_-]{1,200}$/;

export class SalesforceBulkQuery {
  readonly #conn: Connection;
  readonly #timeoutMs: number;

  constructor(connection: Connection, options: { timeoutMs: number }) {
    this.#conn = connection;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Creates a query job for `soql` (comma-separated CSV, LF line endings) and returns its id. */
  async create(soql: string): Promise<string> {
    const job = new QueryJobV2(this.#conn, {
      bodyParams: { query: soql, operation: 'query', columnDelimiter: 'COMMA', lineEnding: 'LF' },
      pollingOptions: this.#conn.bulk2,
    });
    const info = await this.#call(job.open(), 'Salesforce Bulk API query job');
    return info.id;
  }

  /** The job's state now (`GET /jobs/query/{id}`). */
  async state(jobId: string): Promise<BulkJobState> {
    const info = await this.#call(
      this.#api().request<{ state?: unknown }>({ method: 'GET', url: this.#url(jobId) }),
      'Salesforce Bulk API job status',
    );
    const state = String(info.state);
    if (!STATES.includes(state)) throw new Error(`Salesforce Bulk API job ${jobId} is in unknown state ${state}`);
    return state as BulkJobState;
  }

  /**
   * One page of a JobComplete job's results: the first for no locator, else the page it names,
   * at most `maxRecords` rows. jsforce parses the CSV (quoted values keep commas, quotes, line breaks).
   */
  async page(jobId: string, locator: string | undefined, maxRecords: number): Promise<BulkResultsPage> {
    const api = this.#api();
    let next: unknown;
    // Each answer (a 401 before a re-login too) sets it; the last one is the page's.
    api.on('response', (response: { headers?: Record<string, unknown> }) => {
      next = response.headers?.['sforce-locator'];
    });
    const query = new URLSearchParams({ maxRecords: String(maxRecords), ...(locator ? { locator } : {}) });
    const body = await this.#call(
      api.request<unknown>({
        method: 'GET',
        url: `${this.#url(jobId)}/results?${query.toString()}`,
        headers: { Accept: 'text/csv' },
      }),
      'Salesforce Bulk API results',
    );
    // jsforce hands back the raw text when the CSV does not parse; an empty page parses to [].
    const records = body === undefined || body === '' ? [] : body;
    if (!Array.isArray(records)) throw new Error(`Salesforce Bulk API results of job ${jobId} are not CSV`);
    // Only the string "null" ends the results; a missing header is an answer we cannot page on.
    if (typeof next !== 'string' || next === '') {
      throw new Error(`Salesforce Bulk API results of job ${jobId} came without a Sforce-Locator header`);
    }
    if (next !== 'null' && !BULK_LOCATOR.test(next)) {
      throw new Error(`Salesforce Bulk API results of job ${jobId} name an unusable locator`);
    }
    return next === 'null'
      ? { records: records as Record<string, string>[] }
      : { records: records as Record<string, string>[], locator: next };
  }

  #url(jobId: string): string {
    if (!BULK_JOB_ID.test(jobId)) throw new Error(`${JSON.stringify(jobId)} is not a Salesforce job id`);
    return `${this.#conn.instanceUrl}/services/data/v${this.#conn.version}/jobs/query/${jobId}`;
  }

  /**
   * jsforce's HttpApi with the adapter's deadline and no jsforce retries. No fixed response type:
   * bodies are parsed by their content type, so an error answer to a CSV request (JSON
   * `[{ errorCode }]`) keeps its code for classification.
   */
  #api(): HttpApi<never> {
    return new HttpApi(this.#conn as never, { timeout: this.#timeoutMs, retry: { maxRetries: 0 } });
  }

  /** The adapter's deadline around a call (it also covers a re-login on 401), errors classified. */
  async #call<T>(work: PromiseLike<T>, what: string): Promise<T> {
    try {
      return await withTimeout(Promise.resolve(work), this.#timeoutMs, what);
    } catch (err) {
      throw toActivityError('Salesforce', err);
    }
  }
}
