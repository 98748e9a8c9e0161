/**
 * One schedule per provider account (store/provider-rates.ts): reservations from any number of
 * senders get consecutive, disjoint windows; another account is independent; a pause holds the
 * account's next reservation. Minute-long slots keep the arithmetic far above the time the test
 * itself takes, so nothing here depends on how fast it runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { RatePacer } from '../../../activities/mass-notification/rate-pacer.ts';

const MINUTE = 60_000;
const SECOND = 1_000;

describe('provider rates shared by every sender of an account', () => {
  let store: HeraldStore;
  before(async () => {
    store = await openStore();
  });
  after(async () => {
    await store?.close();
  });

  it('concurrent reservations take consecutive windows; another account is free; a pause holds the next', async () => {
    const waits = await Promise.all([1, 2, 3].map(() => store.rates.reserve('twilio:AC-A', 2, MINUTE)));
    // Three senders, two one-minute slots each: starts now, in 2 min and in 4 min, in some order.
    assert.deepEqual(waits.map((w) => Math.round(w / MINUTE)).sort(), [0, 2, 4]);
    assert.equal(await store.rates.reserve('twilio:AC-B', 1, MINUTE), 0, 'another account is not held');
    await store.rates.pause('sendgrid:key-1', 10 * MINUTE);
    assert.equal(Math.round((await store.rates.reserve('sendgrid:key-1', 1, SECOND)) / MINUTE), 10);
    await assert.rejects(store.rates.reserve('twilio:AC-A', 0, MINUTE), /reserve 0 slots/);
  });

  it('two pacers on one account space their calls as one: each waits for the other’s block', async () => {
    const waited: number[] = [];
    const pacer = () =>
      new RatePacer(10 / 60, {
        // 10 calls a minute: a block is one slot of 6 s; the waits are recorded, not slept.
        wait: async (ms) => {
          waited.push(ms);
        },
        shared: {
          reserve: (n, ms) => store.rates.reserve('twilio:AC-C', n, ms),
          pause: (ms) => store.rates.pause('twilio:AC-C', ms),
        },
      });
    const [a, b] = [pacer(), pacer()];
    await a.take();
    await b.take();
    await a.take();
    // Slots 0 s, 6 s, 12 s of the account: the second and third calls wait their turn.
    assert.deepEqual(
      waited.map((ms) => Math.round(ms / 1000)),
      [6, 12],
    );
  });
});
