/**
 * The CRM snapshot of a large audience through Salesforce REST query paging and through a Bulk
 * API 2.0 query job, in one run against the sandbox on 127.0.0.1. Each path is measured three
 * times: reading the Contacts through the adapter alone; the same with every Salesforce request
 * held {@link ROUND_TRIP_MS} by the sandbox (loopback answers in about a millisecond, a real org
 * over the internet does not); and the procedure's snapshot step (snapshotAffectedPeople, built
 * from the worker's configuration) storing them on PostgreSQL.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities/index.ts';
import type { SnapshotResult } from '../activities/affected-people.ts';
import { createSalesforceCrm } from '../activities/providers/salesforce.ts';
import { openStore } from '../activities/store/open-store.ts';
import type { HeraldStore } from '../activities/store/open-store.ts';
import type { CrmScope } from '../workflows/domain/incident.ts';
import { sandboxEnvironment } from '../sandbox/environment.ts';
import { startSandbox } from '../sandbox/index.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { CHAOS_PROGRAM, chaosStudents } from '../test/chaos/chaos-students.ts';
import { startPostgresServer } from '../test/support/postgres-server.ts';
import { buildDeps } from '../workers/build-deps.ts';
import { parseConfig } from '../workers/config.ts';

/** One way through: REST paging or a Bulk API 2.0 job. */
export interface SnapshotPathFigures {
  /** Records per page: REST batchSize, Bulk maxRecords. */
  pageSize: number;
  /** The adapter alone: every page read, people mapped, nothing stored. */
  read: { seconds: number; contactsPerSecond: number; requests: number };
  /** The adapter alone with every Salesforce request held ROUND_TRIP_MS by the sandbox. */
  readWithRoundTrip: { seconds: number; contactsPerSecond: number };
  /** The snapshot step into the store on PostgreSQL, as the procedure runs it. */
  snapshot: { seconds: number; contactsPerSecond: number; stored: number };
}

export interface CrmSnapshotResult {
  /** Contacts the incident's scope matches in the sandbox. */
  contacts: number;
  /** The threshold the worker was configured with for the Bulk run (SALESFORCE_BULK_THRESHOLD). */
  bulkThreshold: number;
  /** Added to every Salesforce request (not the login) in the `readWithRoundTrip` figures. */
  roundTripMs: number;
  rest: SnapshotPathFigures;
  bulk: SnapshotPathFigures;
  /** REST snapshot seconds over Bulk snapshot seconds. */
  snapshotSpeedup: number;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const SCOPE: CrmScope = { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: CHAOS_PROGRAM }] };
/** The adapter's page sizes as the worker builds it (SalesforceCrm defaults). */
const REST_PAGE = 200;
const BULK_PAGE = 10_000;
/** A plausible internet round trip to a Salesforce org, added per request in one of the reads. */
export const ROUND_TRIP_MS = 50;

async function readAll(sandbox: Sandbox, bulkThreshold: number): Promise<{ people: number; requests: number }> {
  const c = sandbox.credentials.salesforce;
  const crm = createSalesforceCrm({ loginUrl: sandbox.salesforceUrl, ...c, bulkThreshold });
  sandbox.log.clear();
  let people = 0;
  let cursor: string | undefined;
  do {
    const page = await crm.findAffectedPeople(SCOPE, cursor);
    people += page.people.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { people, requests: sandbox.log.requests('salesforce').length };
}

async function snapshotStep(
  sandbox: Sandbox,
  store: HeraldStore,
  incidentId: string,
  threshold: 'off' | 'default',
): Promise<SnapshotResult> {
  const config = parseConfig({
    ...sandboxEnvironment(sandbox),
    ...(threshold === 'off' ? { SALESFORCE_BULK_THRESHOLD: 'off' } : {}),
  });
  const activities = createActivities(await buildDeps(config, store));
  return new MockActivityEnvironment().run<
    [{ incidentId: string; scope: CrmScope }],
    SnapshotResult,
    typeof activities.snapshotAffectedPeople
  >(activities.snapshotAffectedPeople, { incidentId, scope: SCOPE });
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export async function measureCrmSnapshot(contacts: number, say: (line: string) => void): Promise<CrmSnapshotResult> {
  const postgres = await startPostgresServer();
  const sandbox = await startSandbox({ students: chaosStudents(contacts, 13) });
  const store = await openStore({ databaseUrl: await postgres.createDatabase() });
  try {
    const bulkThreshold = parseConfig(sandboxEnvironment(sandbox)).SALESFORCE_BULK_THRESHOLD;
    const path = async (name: 'rest' | 'bulk', pageSize: number): Promise<SnapshotPathFigures> => {
      const threshold = name === 'rest' ? Infinity : bulkThreshold;
      const read = await timed(() => readAll(sandbox, threshold));
      if (read.value.people !== contacts) throw new Error(`${name} read ${read.value.people} of ${contacts} Contacts`);
      say(`crm-snapshot: ${name} read ${contacts} Contacts in ${round(read.seconds, 2)} s`);
      sandbox.faults.inject('salesforce', { kind: 'slow', delayMs: ROUND_TRIP_MS }, { times: Infinity });
      const far = await timed(() => readAll(sandbox, threshold));
      sandbox.faults.clear();
      if (far.value.people !== contacts) throw new Error(`${name} read ${far.value.people} of ${contacts} Contacts`);
      say(`crm-snapshot: ${name} read with ${ROUND_TRIP_MS} ms per request in ${round(far.seconds, 2)} s`);
      const step = await timed(() =>
        snapshotStep(sandbox, store, `BENCH-SNAP-${name}`, name === 'rest' ? 'off' : 'default'),
      );
      if (step.value.total !== contacts) throw new Error(`${name} stored ${step.value.total} of ${contacts} people`);
      say(`crm-snapshot: ${name} snapshot step stored ${step.value.total} in ${round(step.seconds, 2)} s`);
      return {
        pageSize,
        read: {
          seconds: round(read.seconds, 2),
          contactsPerSecond: Math.round(contacts / read.seconds),
          requests: read.value.requests,
        },
        readWithRoundTrip: { seconds: round(far.seconds, 2), contactsPerSecond: Math.round(contacts / far.seconds) },
        snapshot: {
          seconds: round(step.seconds, 2),
          contactsPerSecond: Math.round(contacts / step.seconds),
          stored: step.value.total,
        },
      };
    };
    const rest = await path('rest', REST_PAGE);
    const bulk = await path('bulk', BULK_PAGE);
    return {
      contacts,
      bulkThreshold,
      roundTripMs: ROUND_TRIP_MS,
      rest,
      bulk,
      snapshotSpeedup: round(rest.snapshot.seconds / bulk.snapshot.seconds, 2),
    };
  } finally {
    await store.close();
    await sandbox.close();
    await postgres.stop();
  }
}
