import assert from 'node:assert/strict';

/** Awaits a promise that must reject and returns what it rejected with, for closer inspection. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}
