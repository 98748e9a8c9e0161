import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { openPgliteDriver } from '../../../activities/store/pglite-driver.ts';
import type { SqlDriver } from '../../../activities/store/sql-driver.ts';

let driver: SqlDriver;

before(async () => {
  driver = await openPgliteDriver();
  await driver.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
  await driver.query('INSERT INTO counter VALUES (1, 0)');
});
after(() => driver.close());

test('concurrent read-modify-write transactions do not interleave', async () => {
  const bump = () =>
    driver.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
      await sleep(2); // give another caller the chance to interleave, if it could
      await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
    });
  await Promise.all(Array.from({ length: 20 }, bump));
  const [row] = await driver.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
  assert.equal(row!.n, 20);
});

test('a plain query waits for an open transaction and never sees its uncommitted writes', async () => {
  const failing = driver.transaction(async (tx) => {
    await tx.query('INSERT INTO counter VALUES (2, 99)');
    await sleep(30);
    throw new Error('abort');
  });
  const seen = driver.query<{ c: number }>('SELECT count(*)::int AS c FROM counter WHERE id = 2');
  await assert.rejects(failing, /abort/);
  assert.deepEqual(await seen, [{ c: 0 }]);
});

test('nested transactions are savepoints', async () => {
  await driver.transaction(async (tx) => {
    await tx.query('INSERT INTO counter VALUES (3, 3)');
    await assert.rejects(
      tx.transaction(async (inner) => {
        await inner.query('INSERT INTO counter VALUES (4, 4)');
        throw new Error('inner');
      }),
      /inner/,
    );
  });
  const rows = await driver.query<{ id: number }>('SELECT id FROM counter WHERE id IN (3, 4) ORDER BY id');
  assert.deepEqual(rows, [{ id: 3 }]);
});

test('using the outer driver inside a transaction throws instead of deadlocking', async () => {
  await assert.rejects(
    driver.transaction(() => driver.query('SELECT 1')),
    /would deadlock/,
  );
  assert.deepEqual(await driver.query('SELECT 1 AS one'), [{ one: 1 }]);
});
