/**
 * The procedure's CRM snapshot step (snapshotAffectedPeople) as the worker builds it from its
 * configuration: above SALESFORCE_BULK_THRESHOLD the audience comes through a Bulk API 2.0 query
 * job, below it through REST paging, into the same recipient store with the same result.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import type { SnapshotResult } from '../../activities/affected-people.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { CrmScope } from '../../workflows/domain/incident.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import { EXAMPLE_DIRECTORY_FILE } from '../support/sandbox-worker.ts';

let sandbox: Sandbox;
let store: HeraldStore;
before(async () => {
  [sandbox, store] = await Promise.all([startSandbox({ seed: { count: 2000, seed: 7 } }), openStore({})]);
});
after(async () => {
  await Promise.all([sandbox?.close(), store?.close()]);
});

const SCOPE: CrmScope = { kind: 'filter', conditions: [{ field: 'Campus__c', op: 'in', value: ['Dublin', 'Berlin'] }] };

/** Runs the snapshot step with a worker configured with `threshold`; its result, heartbeats and jobs created. */
async function snapshot(
  incidentId: string,
  threshold: string,
): Promise<{ result: SnapshotResult; beats: unknown[]; jobs: number }> {
  sandbox.log.clear();
  const config = parseConfig({
    ...sandboxEnvironment(sandbox),
    HERALD_DIRECTORY_FILE: EXAMPLE_DIRECTORY_FILE,
    SALESFORCE_BULK_THRESHOLD: threshold,
  });
  const activities = createActivities(await buildDeps(config, store));
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const result = await env.run<
    [{ incidentId: string; scope: CrmScope }],
    SnapshotResult,
    typeof activities.snapshotAffectedPeople
  >(activities.snapshotAffectedPeople, { incidentId, scope: SCOPE });
  const jobs = sandbox.log
    .requests('salesforce')
    .filter((r) => r.method === 'POST' && r.path.endsWith('/jobs/query')).length;
  return { result, beats, jobs };
}

test('the snapshot goes through a Bulk API job above the threshold and REST below it, to the same audience', async () => {
  const inScope = sandbox.students.filter((s) => s.Campus__c === 'Dublin' || s.Campus__c === 'Berlin').length;
  assert.ok(inScope > 500);

  const bulk = await snapshot('SNAP-BULK', String(inScope - 1));
  assert.equal(bulk.jobs, 1, 'above the threshold: one query job');
  assert.equal(bulk.beats.length, 1, 'one results page of up to 10,000');

  const rest = await snapshot('SNAP-REST', String(inScope + 1));
  assert.equal(rest.jobs, 0, 'below the threshold: REST');
  assert.equal(rest.beats.length, Math.ceil(inScope / 200), 'REST pages of 200');

  assert.ok(bulk.result.total > 500);
  assert.deepEqual(bulk.result, rest.result, 'the same people, countries and jurisdictions');
  const ids = async (incidentId: string) => (await store.recipients.page(incidentId, 0, 5_000)).map((p) => p.id);
  assert.deepEqual(await ids('SNAP-BULK'), await ids('SNAP-REST'));
});

test('SALESFORCE_BULK_THRESHOLD=off keeps every snapshot on REST', async () => {
  const off = await snapshot('SNAP-OFF', 'off');
  assert.equal(off.jobs, 0);
  assert.ok(
    sandbox.log.requests('salesforce').every((r) => !r.path.includes('COUNT()')),
    'not even counted',
  );
});
