/**
 * `herald triggers` as operators run it (bin/herald, its own process) on the API's embedded store:
 * list and show what is kept, make a pending trigger due, discard it naming who and why; each
 * refusal exits with its documented code and changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { openStore } from '../../activities/store/open-store.ts';
import type { TriggerRecord } from '../../activities/store/trigger-store.ts';
import { runCommand } from '../support/run-command.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
let dir: string;
let pending: TriggerRecord;
let applied: TriggerRecord;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-triggers-cli-'));
  const store = await openStore({ dataDir: join(dir, 'api-data') });
  const keep = (deliveryId: string, summary: string) =>
    store.triggers.record({
      source: 'pagerduty',
      deliveryId,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      summary,
      body: `{"event":{"id":"${deliveryId}"}}`,
      claimUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
  pending = (await keep('wh-pending', 'incident.triggered PKEPT1')).trigger;
  applied = (await keep('wh-applied', 'incident.triggered PDONE1')).trigger;
  await store.triggers.settle(pending.id, new Date().toISOString(), {
    state: 'pending',
    reason: 'no route for pagerduty:PSVC9',
    nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await store.triggers.settle(applied.id, new Date().toISOString(), {
    state: 'applied',
    outcome: { outcome: 'started' },
  });
  await store.close();
});
after(() => rm(dir, { recursive: true, force: true }));

const herald = (...args: string[]) =>
  runCommand(heraldBin, ['triggers', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HERALD_API_DATA_DIR: join(dir, 'api-data') },
  });

async function stored(id: string): Promise<TriggerRecord | null> {
  const store = await openStore({ dataDir: join(dir, 'api-data') });
  try {
    return await store.triggers.get(id);
  } finally {
    await store.close();
  }
}

test('list and show: what is kept, pending first in the summary line', async () => {
  const list = await herald();
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^1 pending, the oldest since /);
  assert.match(
    list.stdout,
    new RegExp(`${pending.id}  pending .*incident.triggered PKEPT1 +— no route for pagerduty:PSVC9`),
  );
  const json = JSON.parse((await herald('list', '--state', 'pending', '--json')).stdout) as {
    pending: number;
    triggers: { id: string; body?: string }[];
  };
  assert.deepEqual(
    json.triggers.map((t) => [t.id, t.body]),
    [[pending.id, undefined]],
  );
  const show = await herald('show', pending.id);
  assert.match(show.stdout, /\{"event":\{"id":"wh-pending"\}\}/, 'the body as it arrived');
  assert.equal((await herald('show', 'pagerduty-ffffffffffffffffffff')).code, 4);
});

test('retry makes it due now; discard drops it naming who and why; neither acts twice', async () => {
  const retry = await herald('retry', pending.id, '--as', 'olga');
  assert.equal(retry.code, 0, retry.stderr);
  const due = await stored(pending.id);
  assert.ok(Date.parse(due?.nextAttemptAt ?? '') <= Date.now(), 'due for the API retrier');
  assert.equal(due?.decidedBy, 'olga');

  assert.equal((await herald('discard', pending.id, '--as', 'olga')).code, 2, '--reason is required');
  assert.equal((await stored(pending.id))?.state, 'pending', 'a refused command changes nothing');
  const discard = await herald('discard', pending.id, '--as', 'olga', '--reason', 'PagerDuty test event');
  assert.equal(discard.code, 0, discard.stderr);
  assert.deepEqual(
    [(await stored(pending.id))?.state, (await stored(pending.id))?.reason],
    ['discarded', 'PagerDuty test event'],
  );
  const again = await herald('discard', pending.id, '--as', 'lee', '--reason', 'again');
  assert.equal(again.code, 3);
  assert.match(again.stderr, /is discarded: nothing to discard/);
  assert.equal((await herald('retry', applied.id, '--as', 'olga')).code, 3, 'an applied trigger is not retried');
});
