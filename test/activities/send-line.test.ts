/**
 * The line a page's sends stand in (activities/mass-notification/send-line.ts) and the provider's
 * backoff after a run of failures (rate-pacer.ts): a failed send never holds its lane.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityWaits } from '../../activities/fencing/cancellable-wait.ts';
import { inLine } from '../../activities/mass-notification/send-line.ts';
import { FAILURE_RUN, providerBackoffMs, RatePacer } from '../../activities/mass-notification/rate-pacer.ts';

/** A keeper outside any activity (plain waits), recording how long lanes waited for a retry. */
function keeper() {
  const plain = activityWaits();
  const waited: number[] = [];
  return {
    stopped: false,
    waited,
    waits: {
      ...plain,
      wait: (ms: number) => {
        waited.push(ms);
        return plain.wait(ms);
      },
    },
  };
}

test('a failed send goes back in line: its lane takes the next person, the retry comes once due', async () => {
  const k = keeper();
  const order: string[] = [];
  await inLine<number>(3, 1, k, async (i, tries) => {
    order.push(`${i}${tries ? `#${tries}` : ''}`);
    if (i === 0 && tries === undefined) return { again: 1, notBeforeMs: performance.now() + 30 };
    return undefined;
  });
  assert.deepEqual(order, ['0', '1', '2', '0#1'], 'the others went first; the retry carried its state');
  assert.equal(k.waited.length, 1, 'the one lane waited only once nothing else was left');
  assert.ok((k.waited[0] ?? 0) > 0);
});

test('a retry that is due goes before people not tried yet', async () => {
  const order: number[] = [];
  let failed = false;
  await inLine<boolean>(3, 1, keeper(), async (i) => {
    order.push(i);
    if (i === 0 && !failed) {
      failed = true;
      return { again: true, notBeforeMs: 0 };
    }
    return undefined;
  });
  assert.deepEqual(order, [0, 0, 1, 2]);
});

test('every person settles once however the lanes interleave; a lane with nothing left ends', async () => {
  const settled = new Map<number, number>();
  await inLine<number>(50, 8, keeper(), async (i, tries = 0) => {
    await new Promise((r) => setTimeout(r, i % 3));
    if (tries < i % 4) return { again: tries + 1, notBeforeMs: performance.now() + (i % 5) };
    settled.set(i, (settled.get(i) ?? 0) + 1);
    return undefined;
  });
  assert.equal(settled.size, 50);
  assert.ok([...settled.values()].every((n) => n === 1));
});

test('a stopped keeper takes nobody new; the first failure rejects once the lanes settled', async () => {
  const k = keeper();
  const tried: number[] = [];
  await assert.rejects(
    inLine<never>(10, 2, k, async (i) => {
      tried.push(i);
      if (i === 1) throw new Error('fatal: the key was revoked');
      await new Promise((r) => setTimeout(r, 5));
      return undefined;
    }),
    /revoked/,
  );
  assert.deepEqual(tried, [0, 1], 'no one taken after the failure');
  const stopped = keeper();
  stopped.stopped = true;
  const none: number[] = [];
  await inLine<never>(5, 2, stopped, async (i) => {
    none.push(i);
    return undefined;
  });
  assert.deepEqual(none, []);
});

test('the provider is backed off as a whole only after a run of failures with no success between', async () => {
  let now = 1_000_000;
  const waits: number[] = [];
  const pacer = new RatePacer(1000, {
    now: () => now,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  for (let i = 1; i < FAILURE_RUN; i++) pacer.failed();
  await pacer.take();
  assert.deepEqual(waits, [], 'scattered failures pause nobody');
  pacer.succeeded();
  for (let i = 1; i <= FAILURE_RUN; i++) pacer.failed();
  await pacer.take();
  assert.deepEqual(waits, [providerBackoffMs(FAILURE_RUN)], 'the run paused every sender');
  assert.equal(providerBackoffMs(FAILURE_RUN), 250);
  assert.equal(providerBackoffMs(FAILURE_RUN + 2), 1000, 'doubling with each further failure');
  assert.equal(providerBackoffMs(FAILURE_RUN + 40), 8000, 'at most 8 s');
});
