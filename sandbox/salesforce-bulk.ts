/**
 * Salesforce Bulk API 2.0 query jobs for the Salesforce stand-in, as jsforce's Bulk 2.0 client
 * calls them: create (`POST /jobs/query`), status (`GET /jobs/query/{id}`: UploadComplete, then
 * InProgress, then JobComplete — or Failed / Aborted), abort (`PATCH` state Aborted), delete, and
 * results (`GET /jobs/query/{id}/results?locator=…&maxRecords=…`) as CSV pages carrying
 * `Sforce-NumberOfRecords` and `Sforce-Locator` (the string `null` on the last page). The query runs
 * once, when the job is created: later edits do not change its results, as with Salesforce.
 */
import { randomBytes } from 'node:crypto';
import { COLUMN_DELIMITERS, LINE_ENDINGS, toCsv } from './csv.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';
import type { ProviderRequest, Reply } from './provider-server.ts';
import type { SelectedRows } from './salesforce.ts';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
/** How an injected job failure ends a job. */
export type BulkJobFailure = 'Failed' | 'Aborted';

/** Records per results page when the client names no `maxRecords`. */
const DEFAULT_MAX_RECORDS = 50_000;

interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  selected: SelectedRows;
  state: BulkJobState;
  /** Where this job ends once processed: JobComplete unless a failure was injected. */
  outcome: 'JobComplete' | BulkJobFailure;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  createdDate: string;
}

/** Failures injected into the next query jobs created (tests, `npm run faults`). */
export class BulkJobFaults {
  readonly #next: BulkJobFailure[] = [];

  /** The next `times` query jobs end in `state` instead of JobComplete. */
  failNext(times = 1, state: BulkJobFailure = 'Failed'): void {
    if (!(Number.isInteger(times) && times > 0)) throw new RangeError('times must be a positive integer');
    for (let i = 0; i < times; i++) this.#next.push(state);
  }

  take(): BulkJobFailure | undefined {
    return this.#next.shift();
  }

  clear(): void {
    this.#next.length = 0;
  }
}

const error = (status: number, errorCode: string, message: string): Reply => ({
  status,
  body: [{ errorCode, message }],
});

const isTerminal = (state: BulkJobState): boolean =>
  state === 'JobComplete' || state === 'Failed' || state === 'Aborted';

/** A results locator: opaque to clients, the offset of the page's first record here. */
const locatorOf = (offset: number): string => Buffer.from(String(offset)).toString('base64url');

function offsetOf(locator: string, total: number): number | undefined {
  const offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
  return Number.isInteger(offset) && offset > 0 && offset < total && locatorOf(offset) === locator ? offset : undefined;
}

/** The Bulk API 2.0 query-job endpoints, answering requests under `/services/data/vXX.X`. */
export function bulkQueryJobs(options: {
  apiVersion: string;
  userId: string;
  select: (soql: string) => SelectedRows | Reply;
  faults: BulkJobFaults;
}): { handle(request: ProviderRequest, rest: string): Reply | undefined } {
  const jobs = new Map<string, QueryJob>();

  function info(job: QueryJob): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: job.id,
      operation: job.operation,
      object: job.selected.object,
      createdById: options.userId,
      createdDate: job.createdDate,
      systemModstamp: new Date().toISOString().replace('Z', '+0000'),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(options.apiVersion),
      jobType: 'V2Query',
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
      numberRecordsProcessed: job.state === 'JobComplete' ? job.selected.records.length : 0,
      retries: 0,
      totalProcessingTime: 0,
    };
    if (job.state === 'Failed') body.errorMessage = 'The query job failed to complete';
    return body;
  }

  function create(request: ProviderRequest): Reply {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return error(400, 'INVALIDJOB', 'The request body must be a JSON object');
    }
    const operation = body.operation ?? 'query';
    if (operation !== 'query' && operation !== 'queryAll') {
      return error(400, 'INVALIDJOB', `Unsupported operation ${JSON.stringify(operation)}: use query or queryAll`);
    }
    if (typeof body.query !== 'string' || body.query.trim() === '') {
      return error(400, 'INVALIDJOB', 'The job needs a query');
    }
    const delimiter = body.columnDelimiter ?? 'COMMA';
    if (typeof delimiter !== 'string' || !(delimiter in COLUMN_DELIMITERS)) {
      return error(400, 'INVALIDJOB', `Unsupported columnDelimiter ${JSON.stringify(delimiter)}`);
    }
    const lineEnding = body.lineEnding ?? 'LF';
    if (typeof lineEnding !== 'string' || !(lineEnding in LINE_ENDINGS)) {
      return error(400, 'INVALIDJOB', `Unsupported lineEnding ${JSON.stringify(lineEnding)}`);
    }
    const selected = options.select(body.query);
    if ('status' in selected) return selected;
    if (selected.count) return error(400, 'INVALIDJOB', 'Bulk API 2.0 query jobs do not support COUNT()');
    const job: QueryJob = {
      id: `750${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`,
      operation,
      selected,
      state: 'UploadComplete',
      outcome: options.faults.take() ?? 'JobComplete',
      columnDelimiter: delimiter as ColumnDelimiter,
      lineEnding: lineEnding as LineEnding,
      createdDate: new Date().toISOString().replace('Z', '+0000'),
    };
    jobs.set(job.id, job);
    return { status: 200, body: info(job) };
  }

  /** Each status check moves the job on one step: UploadComplete → InProgress → its outcome. */
  function check(job: QueryJob): Reply {
    if (job.state === 'UploadComplete') job.state = 'InProgress';
    else if (job.state === 'InProgress') job.state = job.outcome;
    return { status: 200, body: info(job) };
  }

  function abort(job: QueryJob, request: ProviderRequest): Reply {
    const state = (request.body as { state?: unknown } | undefined)?.state;
    if (state !== 'Aborted') return error(400, 'INVALIDJOB', 'A query job can only be changed to state Aborted');
    if (isTerminal(job.state)) return error(400, 'INVALIDJOB', `The job is already ${job.state}`);
    job.state = 'Aborted';
    return { status: 200, body: info(job) };
  }

  function results(job: QueryJob, request: ProviderRequest): Reply {
    if (job.state !== 'JobComplete') {
      return error(
        412,
        'JOB_NOT_COMPLETE',
        `can only download query results of successfully completed bulk job. Current state: ${job.state}`,
      );
    }
    const records = job.selected.records;
    const locator = request.url.searchParams.get('locator');
    const offset = locator === null ? 0 : offsetOf(locator, records.length);
    if (offset === undefined) return error(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const max = request.url.searchParams.get('maxRecords');
    const maxRecords = max === null ? DEFAULT_MAX_RECORDS : Number(max);
    if (!Number.isInteger(maxRecords) || maxRecords < 1) {
      return error(400, 'INVALIDJOB', 'maxRecords must be a positive integer');
    }
    const slice = records.slice(offset, offset + maxRecords);
    const next = offset + slice.length;
    return {
      status: 200,
      text: {
        contentType: 'text/csv; charset=UTF-8',
        content: toCsv(job.selected.fields, slice, { delimiter: job.columnDelimiter, lineEnding: job.lineEnding }),
      },
      headers: {
        'Sforce-NumberOfRecords': String(slice.length),
        'Sforce-Locator': next < records.length ? locatorOf(next) : 'null',
      },
    };
  }

  return {
    handle(request, rest) {
      if (rest === '/jobs/query') return request.method === 'POST' ? create(request) : undefined;
      const m = /^\/jobs\/query\/([A-Za-z0-9]+)(\/results)?$/.exec(rest);
      if (!m?.[1]) return undefined;
      const job = jobs.get(m[1]);
      if (!job) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
      if (m[2]) return request.method === 'GET' ? results(job, request) : undefined;
      switch (request.method) {
        case 'GET':
          return check(job);
        case 'PATCH':
          return abort(job, request);
        case 'DELETE':
          jobs.delete(job.id);
          return { status: 204 };
        default:
          return undefined;
      }
    },
  };
}
