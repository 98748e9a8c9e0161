/**
 * Herald's Temporal Schedules on a dev server: `herald schedules apply` (a separate process) and
 * applySchedules create them, then update them in place, with the interval, workflow type, task
 * queue and policies the server then describes. Intervals are validated before anything is sent.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { InvalidInputError } from '../../client/procedure-client.ts';
import { applySchedules, heraldSchedules, parseInterval, SCHEDULE_IDS } from '../../client/schedules.ts';
import type { AppliedSchedule } from '../../client/schedules.ts';
import { startDevServer } from '../../workers/local-temporal.ts';
import { runCommand } from '../support/run-command.ts';

const PORT = 17833;
const taskQueue = 'herald-schedules-test';
const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let env: TestWorkflowEnvironment;

before(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await startDevServer({ port: PORT });
});
after(async () => {
  for (const id of Object.values(SCHEDULE_IDS)) {
    await env?.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  }
  await env?.teardown();
});

function herald(args: string[]) {
  return runCommand(heraldBin, args, {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${PORT}`,
      HERALD_TASK_QUEUE: taskQueue,
      HERALD_DATA_DIR: '/tmp/herald-test-monitors/schedules-no-store',
    },
  });
}

/** What the server says about one schedule, in the terms Herald sets. */
async function described(scheduleId: string) {
  const d = await env.client.schedule.getHandle(scheduleId).describe();
  assert.equal(d.action.type, 'startWorkflow');
  return {
    every: d.spec.intervals?.map((i) => i.every),
    workflowType: d.action.workflowType,
    taskQueue: d.action.taskQueue,
    workflowId: d.action.workflowId,
    overlap: d.policies.overlap,
    catchupWindow: d.policies.catchupWindow,
    paused: d.state.paused,
  };
}

describe('herald schedules apply and applySchedules', () => {
  test('the CLI creates the three schedules and prints what it applied as JSON', async () => {
    await assert.rejects(
      env.client.schedule.getHandle(SCHEDULE_IDS.credentialWatch).describe(),
      ScheduleNotFoundError,
      'none before',
    );
    const result = await herald(['schedules', 'apply', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout) as AppliedSchedule[], [
      {
        scheduleId: 'herald-credential-watch',
        workflowType: 'credentialWatch',
        every: '1h',
        taskQueue,
        outcome: 'created',
      },
      {
        scheduleId: 'herald-contact-snapshot-sync',
        workflowType: 'contactSnapshotSync',
        every: '6h',
        taskQueue,
        outcome: 'created',
      },
      { scheduleId: 'herald-drill', workflowType: 'scheduledDrill', every: '91d', taskQueue, outcome: 'created' },
    ]);
    for (const [scheduleId, workflowType, everyMs] of [
      [SCHEDULE_IDS.credentialWatch, 'credentialWatch', 60 * MINUTE],
      [SCHEDULE_IDS.contactSnapshotSync, 'contactSnapshotSync', 360 * MINUTE],
      [SCHEDULE_IDS.drill, 'scheduledDrill', 91 * DAY],
    ] as const) {
      assert.deepEqual(await described(scheduleId), {
        every: [everyMs],
        workflowType,
        taskQueue,
        workflowId: scheduleId,
        overlap: ScheduleOverlapPolicy.SKIP,
        catchupWindow: everyMs,
        paused: false,
      });
    }
    const drill = await env.client.schedule.getHandle(SCHEDULE_IDS.drill).describe();
    assert.deepEqual(
      drill.action.type === 'startWorkflow' ? drill.action.args : null,
      [{ procedure: 'data-leak', scenario: 'none', crmProgram: 'Physics' }],
      'a data-leak drill without a fault on the default program',
    );
  });

  test('applying again updates in place: new intervals, same schedules, a pause kept', async () => {
    await env.client.schedule.getHandle(SCHEDULE_IDS.contactSnapshotSync).pause('maintenance');
    const applied = await applySchedules(env.client, {
      taskQueue,
      credentialWatchEvery: '30m',
      contactSnapshotSyncEvery: '1d',
      drillEvery: '30d',
      drillProcedure: 'lockout',
      drillScenario: 'provider-down',
    });
    assert.deepEqual(
      applied.map((a) => [a.scheduleId, a.outcome, a.every]),
      [
        ['herald-credential-watch', 'updated', '30m'],
        ['herald-contact-snapshot-sync', 'updated', '1d'],
        ['herald-drill', 'updated', '30d'],
      ],
    );
    assert.deepEqual((await described(SCHEDULE_IDS.drill)).every, [30 * DAY], 'the drill cadence is configurable');
    const drill = await env.client.schedule.getHandle(SCHEDULE_IDS.drill).describe();
    assert.deepEqual(
      drill.action.type === 'startWorkflow' ? drill.action.args : null,
      [{ procedure: 'lockout', scenario: 'provider-down', crmProgram: 'Physics' }],
      'so are its procedure and scenario',
    );
    const watch = await described(SCHEDULE_IDS.credentialWatch);
    assert.deepEqual(watch.every, [30 * MINUTE]);
    assert.equal(watch.catchupWindow, 30 * MINUTE);
    assert.equal(watch.workflowType, 'credentialWatch');
    const sync = await described(SCHEDULE_IDS.contactSnapshotSync);
    assert.deepEqual(sync.every, [24 * 60 * MINUTE]);
    assert.equal(sync.paused, true, "an operator's pause survives a re-apply");

    const again = await applySchedules(env.client, { taskQueue });
    assert.deepEqual(
      again.map((a) => a.outcome),
      ['updated', 'updated', 'updated'],
    );
    assert.deepEqual((await described(SCHEDULE_IDS.credentialWatch)).every, [60 * MINUTE], 'back to the default');
    const ids = [];
    for await (const s of env.client.schedule.list()) ids.push(s.scheduleId);
    assert.deepEqual(
      ids.sort(),
      ['herald-contact-snapshot-sync', 'herald-credential-watch', 'herald-drill'],
      'still three schedules',
    );
  });

  test('a bad interval exits 2 from the CLI and changes nothing', async () => {
    const result = await herald(['schedules', 'apply', '--credential-watch-every', '30s']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /herald-credential-watch: "30s" is not an interval of at least 1m/);
    assert.deepEqual((await described(SCHEDULE_IDS.credentialWatch)).every, [60 * MINUTE]);
  });
});

describe('parseInterval', () => {
  test('seconds, minutes, hours, days; at least one minute', () => {
    assert.equal(parseInterval('90s', 'x'), 90_000);
    assert.equal(parseInterval(' 30m ', 'x'), 30 * MINUTE);
    assert.equal(parseInterval('6h', 'x'), 360 * MINUTE);
    assert.equal(parseInterval('1d', 'x'), 24 * 60 * MINUTE);
    for (const bad of ['59s', '0m', '1', 'h', '1.5h', '-1h', '1w', '']) {
      assert.throws(
        () => parseInterval(bad, 'the watch'),
        (err: Error) => err instanceof InvalidInputError && err.message.startsWith('the watch:'),
        bad,
      );
    }
  });

  test('heraldSchedules validates before anything is sent', () => {
    assert.throws(() => heraldSchedules({ taskQueue, contactSnapshotSyncEvery: 'often' }), InvalidInputError);
    assert.throws(() => heraldSchedules({ taskQueue, drillEvery: 'quarterly' }), /herald-drill: "quarterly"/);
  });
});
