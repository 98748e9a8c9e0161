import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { storeOn } from '../../../activities/store/open-store.ts';
import { openPgliteDriver } from '../../../activities/store/pglite-driver.ts';
import { openPostgresDriver, redactDatabaseUrl } from '../../../activities/store/postgres-driver.ts';
import { applySchema, SCHEMA_VERSION, schemaVersion } from '../../../activities/store/schema.ts';
import type { SqlDriver } from '../../../activities/store/sql-driver.ts';
import { startTcpProxy } from '../../../sandbox/tcp-proxy.ts';
import { proxyTarget, usePostgresServer } from '../../support/postgres-server.ts';

const postgres = usePostgresServer();
let url: string;
let driver: SqlDriver;

before(async () => {
  url = await (await postgres()).createDatabase();
  driver = await openPostgresDriver(url);
  await driver.query('CREATE TABLE item (id int PRIMARY KEY)');
});
after(() => driver?.close());

const ids = async (): Promise<number[]> =>
  (await driver.query<{ id: number }>('SELECT id FROM item ORDER BY id')).map((row) => row.id);

test('a transaction commits when its function resolves and rolls back when it throws', async () => {
  assert.equal(
    await driver.transaction(async (tx) => {
      await tx.query('INSERT INTO item VALUES (1)');
      return 'done';
    }),
    'done',
  );
  await assert.rejects(
    driver.transaction(async (tx) => {
      await tx.query('INSERT INTO item VALUES (2)');
      throw new Error('abort');
    }),
    /abort/,
  );
  // A failed statement aborts the transaction; the connection goes back to the pool clean.
  await assert.rejects(
    driver.transaction((tx) => tx.query('INSERT INTO item VALUES (1)')),
    /duplicate key/,
  );
  assert.deepEqual(await ids(), [1]);
});

test('nested transactions are savepoints', async () => {
  await driver.transaction(async (tx) => {
    await tx.query('INSERT INTO item VALUES (3)');
    await assert.rejects(
      tx.transaction(async (inner) => {
        await inner.query('INSERT INTO item VALUES (4)');
        await inner.transaction((innermost) => innermost.query('INSERT INTO item VALUES (5)'));
        throw new Error('inner');
      }),
      /inner/,
    );
    await tx.transaction((inner) => inner.query('INSERT INTO item VALUES (6)'));
  });
  assert.deepEqual(await ids(), [1, 3, 6]);
});

test('inside a transaction the outer driver refuses, and tx refuses once the transaction ended', async () => {
  let leaked: SqlDriver | undefined;
  await assert.rejects(
    driver.transaction(async (tx) => {
      leaked = tx;
      await driver.query('SELECT 1');
    }),
    /outer driver inside a transaction/,
  );
  await assert.rejects(leaked!.query('SELECT 1'), /already ended/);
});

test('concurrent transactions run on separate connections', async () => {
  const pids = new Set<number>();
  let arrived = 0;
  let allArrived!: () => void;
  const barrier = new Promise<void>((resolve) => (allArrived = resolve));
  await Promise.all(
    Array.from({ length: 3 }, () =>
      driver.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        pids.add(row!.pid);
        if (++arrived === 3) allArrived();
        await barrier; // all three are open at once
      }),
    ),
  );
  assert.equal(pids.size, 3);
});

test('values come back in the shapes PGlite returns', async () => {
  const sql = `SELECT 42::int8 AS small, 9007199254740993::int8 AS big, count(*) AS n, 7::int4 AS i,
      ARRAY[1, NULL, 9007199254740993]::int8[] AS list, '2025-03-01T10:00:00.123Z'::timestamptz AS at,
      NULL::timestamptz AS never, 1.50::numeric AS amount, '{"a":[1]}'::jsonb AS doc, 'x' AS text, true AS flag
    FROM (VALUES (1), (2)) AS v(x)`;
  const pglite = await openPgliteDriver();
  try {
    const [expected] = await pglite.query(sql);
    assert.deepEqual(await driver.query(sql), [expected]);
    assert.deepEqual(expected, {
      small: 42,
      big: 9007199254740993n,
      n: 2,
      i: 7,
      list: [1, null, 9007199254740993n],
      at: new Date('2025-03-01T10:00:00.123Z'),
      never: null,
      amount: '1.50',
      doc: { a: [1] },
      text: 'x',
      flag: true,
    });
  } finally {
    await pglite.close();
  }
});

test('two pools appending to one audit log at once keep one valid chain', async () => {
  const database = await (await postgres()).createDatabase();
  const stores = [await storeOn(await openPostgresDriver(database)), await storeOn(await openPostgresDriver(database))];
  try {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        stores[i % 2]!.audit.append({
          entryId: `e${i}`,
          incidentId: `inc-${i % 3}`,
          type: 'delivery.sent',
          actor: 'herald',
          at: '2025-03-01T10:00:00Z',
          data: { i },
        }),
      ),
    );
    assert.deepEqual(await stores[0]!.audit.verify(), { ok: true, entries: 50 });
    const seqs = (await stores[1]!.audit.list()).map((entry) => entry.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
});

test('several processes applying the schema at once all succeed', async () => {
  const database = await (await postgres()).createDatabase();
  const drivers = await Promise.all(Array.from({ length: 4 }, () => openPostgresDriver(database)));
  try {
    await Promise.all(drivers.map((each) => applySchema(each)));
    assert.equal(await schemaVersion(drivers[0]!), SCHEMA_VERSION);
  } finally {
    await Promise.all(drivers.map((each) => each.close()));
  }
});

test('close is idempotent and later queries fail', async () => {
  const own = await openPostgresDriver(url);
  await Promise.all([own.close(), own.close()]);
  await own.close();
  await assert.rejects(own.query('SELECT 1'));
});

test('a server that stops answering fails the statement after the query time-out; the pool carries on once it answers', async () => {
  const proxy = await startTcpProxy(proxyTarget((await postgres()).url));
  const through = new URL(url);
  const viaProxy = `postgresql://${through.username}@127.0.0.1:${proxy.port}${through.pathname}`;
  const own = await openPostgresDriver(viaProxy, { queryTimeoutMs: 300 });
  try {
    // Two idle connections in the pool: the stalled statements below run on open connections.
    await Promise.all([own.query('SELECT pg_sleep(0.1)'), own.query('SELECT pg_sleep(0.1)')]);
    proxy.setMode('stall');
    await assert.rejects(own.query('SELECT 1'), /Query read timeout/);
    await assert.rejects(
      own.transaction((tx) => tx.query('SELECT 1')),
      /Query read timeout/,
    );
    proxy.setMode('pass');
    // The hung connections were dropped, not handed out again behind their unanswered statements.
    assert.deepEqual(await own.query('SELECT 1 AS one'), [{ one: 1 }]);
    assert.equal(await own.transaction(async (tx) => (await tx.query<{ two: number }>('SELECT 2 AS two'))[0]?.two), 2);
  } finally {
    proxy.setMode('pass');
    await own.close();
    await proxy.close();
  }
});

test('an unreachable server is named by DATABASE_URL, without the password', async () => {
  // Nothing listens on this port.
  const unreachable = 'postgresql://herald:s3cret-pw@127.0.0.1:55433/herald';
  await assert.rejects(openPostgresDriver(unreachable, { connectTimeoutMs: 2000 }), (error: Error) => {
    assert.match(error.message, /DATABASE_URL/);
    assert.match(error.message, /postgresql:\/\/herald@127\.0\.0\.1:55433\/herald/);
    assert.match(error.message, /ECONNREFUSED/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
});

test('redactDatabaseUrl removes passwords wherever the URL carries them', () => {
  assert.equal(
    redactDatabaseUrl('postgres://u:p%40ss@db:5432/h?sslmode=require'),
    'postgres://u@db:5432/h?sslmode=require',
  );
  assert.equal(redactDatabaseUrl('postgresql://db/h?user=u&password=pw'), 'postgresql://db/h?user=u&password=***');
  assert.equal(redactDatabaseUrl('postgresql://u:pw@/h?host=/run/pg'), 'postgresql://u@/h?host=/run/pg');
});
