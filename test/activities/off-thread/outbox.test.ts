/**
 * The send thread's outbox: what is posted in one turn of the event loop crosses as one message,
 * in order; what is posted in a later turn goes in a later message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Outbox } from '../../../activities/off-thread/outbox.ts';

test('posts of one turn go in one message, in order; a later turn gets its own', async () => {
  const delivered: number[][] = [];
  const outbox = new Outbox<number>((batch) => delivered.push(batch));
  outbox.post(1);
  outbox.post(2);
  await Promise.resolve();
  outbox.post(3); // a microtask later: the same turn
  assert.deepEqual(delivered, [], 'nothing crosses before the turn ends');
  await nextTurn();
  assert.deepEqual(delivered, [[1, 2, 3]]);
  outbox.post(4);
  await nextTurn();
  assert.deepEqual(delivered, [[1, 2, 3], [4]]);
  await nextTurn();
  assert.equal(delivered.length, 2, 'no empty message');
});
