/**
 * Claims on delivery keys, on both SQL drivers with an injected clock: who may take a key over and
 * when, the fence that refuses an earlier attempt once a later one has claimed, confirmations only
 * from the holder, release, the migration of an existing database, and a property: whatever the
 * interleaving, no two claimants may ever send one key in overlapping windows.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { ClaimedEntry, DeliveryGroup, LedgerClaim } from '../../../activities/ports.ts';
import { SqlDeliveryLedger } from '../../../activities/store/delivery-ledger.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import { SCHEMA_VERSION, schemaVersion } from '../../../activities/store/schema.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const LEASE = 10_000;

forEachDriver((driver) => {
  let store: HeraldStore;
  let ledger: SqlDeliveryLedger;
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const tick = (ms: number) => (clock += ms);

  before(async () => {
    store = await driver.openStore();
    ledger = new SqlDeliveryLedger(store.driver, { now: () => new Date(clock) });
  });
  after(() => store?.close());

  let groups = 0;
  const newGroup = (): DeliveryGroup => ({
    incidentId: `inc-claims-${++groups}`,
    milestone: 'affected-people',
    channel: 'sms',
  });
  let tokens = 0;
  const claimOf = (lineage: string, attempt: number): LedgerClaim => ({
    token: `t${++tokens}`,
    lineage: `${lineage}-${groups}`,
    attempt,
    leaseMs: LEASE,
  });
  const entriesOf = async (group: DeliveryGroup, ids: string[], claim: LedgerClaim): Promise<ClaimedEntry[]> => {
    const result = await ledger.claimBatch(group, ids, claim);
    assert.ok('entries' in result, `not fenced out: ${JSON.stringify(result)}`);
    return result.entries;
  };
  const receipt = (recipientId: string) => ({
    recipientId,
    providerMessageId: `SM${recipientId}`,
    acceptedAt: new Date(clock).toISOString(),
  });

  // Each row: what happened to key `r` before, who claims it then, and what that claim is told.
  const table: {
    name: string;
    setup: (group: DeliveryGroup, first: LedgerClaim) => Promise<void>;
    by: (first: LedgerClaim) => LedgerClaim;
    expect: {
      status: ClaimedEntry['status'];
      waitMs: number;
      previous: 'none' | 'reserved' | 'sent' | 'failed';
      attempts?: number;
    };
  }[] = [
    {
      name: 'a new key is claimed',
      setup: async () => {},
      by: () => claimOf('page', 1),
      expect: { status: 'claimed', waitMs: 0, previous: 'none', attempts: 1 },
    },
    {
      name: 'the holder claiming again renews, attempts unchanged',
      setup: async () => {},
      by: (first) => first,
      expect: { status: 'claimed', waitMs: 0, previous: 'reserved', attempts: 1 },
    },
    {
      name: 'another activity waits while the lease runs',
      setup: async () => void tick(4_000),
      by: () => claimOf('other', 1),
      expect: { status: 'held', waitMs: LEASE - 4_000, previous: 'reserved', attempts: 1 },
    },
    {
      name: 'another activity waits to the last millisecond of the lease',
      setup: async () => void tick(LEASE - 1),
      by: () => claimOf('other', 1),
      expect: { status: 'held', waitMs: 1, previous: 'reserved', attempts: 1 },
    },
    {
      name: 'another activity takes over once the lease ran out',
      setup: async () => void tick(LEASE),
      by: () => claimOf('other', 1),
      expect: { status: 'claimed', waitMs: 0, previous: 'reserved', attempts: 2 },
    },
    {
      name: 'a later attempt of the same activity takes over at once, told to wait out the lease',
      setup: async () => void tick(3_000),
      by: (first) => ({ ...claimOf('page', 2), lineage: first.lineage }),
      expect: { status: 'claimed', waitMs: LEASE - 3_000, previous: 'reserved', attempts: 2 },
    },
    {
      name: 'a released key is taken over at once, still to reconcile',
      setup: async (group, first) => ledger.releaseClaims(group, first, { unsent: [], unsettled: ['r'] }),
      by: () => claimOf('other', 1),
      expect: { status: 'claimed', waitMs: 0, previous: 'reserved', attempts: 2 },
    },
    {
      name: 'a sent key is final for anyone',
      setup: async (group, first) => void (await ledger.confirmBatch(group, [receipt('r')], first)),
      by: () => claimOf('other', 1),
      expect: { status: 'final', waitMs: 0, previous: 'sent', attempts: 1 },
    },
    {
      name: 'a refused key is final for anyone',
      setup: async (group, first) =>
        void (await ledger.failBatch(group, [{ recipientId: 'r', error: 'InvalidRecipient' }], first)),
      by: (first) => ({ ...claimOf('page', 2), lineage: first.lineage }),
      expect: { status: 'final', waitMs: 0, previous: 'failed', attempts: 1 },
    },
  ];
  for (const row of table) {
    test(`claim: ${row.name}`, async () => {
      const group = newGroup();
      const first = claimOf('page', 1);
      if (row.name !== 'a new key is claimed') await entriesOf(group, ['r'], first);
      await row.setup(group, first);
      const [entry] = await entriesOf(group, ['r'], row.by(first));
      assert.equal(entry?.status, row.expect.status);
      assert.equal(entry?.waitMs, row.expect.waitMs);
      assert.equal(entry?.previous?.state ?? 'none', row.expect.previous);
      const [now] = await ledger.getBatch(group, ['r']);
      if (row.expect.attempts !== undefined) assert.equal(now?.attempts, row.expect.attempts);
    });
  }

  test('fenced: once attempt 2 claimed, attempt 1 can neither claim, renew nor confirm what attempt 2 holds', async () => {
    const group = newGroup();
    const one = claimOf('page', 1);
    const two = { ...claimOf('page', 2), lineage: one.lineage };
    await entriesOf(group, ['a', 'b'], one);
    const [a] = await entriesOf(group, ['a'], two);
    assert.equal(a?.status, 'claimed');
    assert.deepEqual(await ledger.claimBatch(group, ['c'], one), { fencedBy: 2 });
    assert.deepEqual(await ledger.renewClaims(group, one, ['a', 'b']), { fencedBy: 2 });
    // 'a' is attempt 2's now: attempt 1's receipt is refused (attempt 2 reconciles it); 'b' is still attempt 1's.
    assert.deepEqual(await ledger.confirmBatch(group, [receipt('a'), receipt('b')], one), ['a']);
    const [entryA, entryB, entryC] = await ledger.getBatch(group, ['a', 'b', 'c']);
    assert.equal(entryA?.state, 'reserved');
    assert.equal(entryB?.state, 'sent');
    assert.equal(entryC, null, 'a fenced claim creates nothing');
    assert.deepEqual(await ledger.renewClaims(group, two, ['a']), { lost: [] });
  });

  test('renew: a key taken over after the lease ran out is reported lost', async () => {
    const group = newGroup();
    const slow = claimOf('page', 1);
    await entriesOf(group, ['a', 'b'], slow);
    tick(LEASE + 1);
    await entriesOf(group, ['b'], claimOf('other', 1));
    assert.deepEqual(await ledger.renewClaims(group, slow, ['a', 'b']), { lost: ['b'] });
    assert.deepEqual(await ledger.failBatch(group, [{ recipientId: 'b', error: 'x' }], slow), ['b']);
  });

  test('release drops keys never sent and leaves the rest reserved for the next claimant', async () => {
    const group = newGroup();
    const one = claimOf('page', 1);
    await entriesOf(group, ['sent-to', 'untouched', 'done'], one);
    await ledger.confirmBatch(group, [receipt('done')], one);
    await ledger.releaseClaims(group, one, { unsent: ['untouched'], unsettled: ['sent-to', 'untouched'] });
    const [sentTo, untouched, done] = await ledger.getBatch(group, ['sent-to', 'untouched', 'done']);
    assert.equal(sentTo?.state, 'reserved');
    assert.equal(untouched, null);
    assert.equal(done?.state, 'sent');
    const next = await entriesOf(group, ['sent-to', 'untouched'], claimOf('other', 1));
    assert.deepEqual(
      next.map((e) => [e.status, e.waitMs, e.previous?.state ?? 'none']),
      [
        ['claimed', 0, 'reserved'],
        ['claimed', 0, 'none'],
      ],
    );
  });

  test("release leaves keys taken over and never sent to held until the earlier attempt's lease ends, no longer", async () => {
    const group = newGroup();
    await entriesOf(group, ['left', 'sent-to'], claimOf('page', 1)); // attempt 1 dies holding both
    tick(1_000);
    const two = claimOf('page', 2);
    const taken = await entriesOf(group, ['left', 'sent-to'], two);
    assert.deepEqual(
      taken.map((e) => [e.status, e.waitMs]),
      [
        ['claimed', LEASE - 1_000],
        ['claimed', LEASE - 1_000],
      ],
    );
    // Attempt 2 leaves 'left' to a later run (attempt 1's lease runs 9 s more) and settles nothing else.
    await ledger.releaseClaims(group, two, {
      unsent: [],
      unsettled: ['sent-to'],
      waiting: { ids: ['left'], forMs: LEASE - 1_000 },
    });
    const later = await entriesOf(group, ['left', 'sent-to'], claimOf('later-run', 1));
    assert.deepEqual(
      later.map((e) => [e.status, e.waitMs]),
      [
        ['held', LEASE - 1_000],
        ['claimed', 0],
      ],
    );
    tick(LEASE - 1_000);
    const [free] = await entriesOf(group, ['left'], claimOf('later-run', 1));
    assert.deepEqual([free?.status, free?.waitMs, free?.previous?.state], ['claimed', 0, 'reserved']);
  });

  test('a claim-less confirm still records (tools, tests); a claim confirms only what it holds', async () => {
    const group = newGroup();
    assert.deepEqual(await ledger.confirmBatch(group, [receipt('x')]), []);
    assert.equal((await ledger.getBatch(group, ['x']))[0], null, 'a batch confirm never creates a key');
    assert.deepEqual(await ledger.confirmBatch(group, [receipt('y')], claimOf('page', 1)), ['y']);
  });

  test('an existing database (schema 3) gets claims on open; its reserved keys are taken over at once', async () => {
    const options = await driver.newDatabase();
    const old = await openStore(options);
    const key = { incidentId: 'inc-v3', milestone: 'affected-people', recipientId: 'old', channel: 'sms' } as const;
    await old.ledger.reserve(key);
    for (const column of ['held_by', 'held_lineage', 'held_attempt', 'held_until']) {
      await old.driver.query(`ALTER TABLE deliveries DROP COLUMN ${column}`);
    }
    await old.driver.query('DROP TABLE delivery_fences');
    await old.driver.query('UPDATE herald_schema SET version = 3');
    await old.close();
    const reopened = await openStore(options);
    try {
      assert.equal(await schemaVersion(reopened.driver), SCHEMA_VERSION);
      const result = await reopened.ledger.claimBatch(key, ['old', 'new'], claimOf('page', 1));
      assert.ok('entries' in result);
      assert.deepEqual(
        result.entries.map((e) => [e.status, e.waitMs, e.previous?.state ?? 'none']),
        [
          ['claimed', 0, 'reserved'],
          ['claimed', 0, 'none'],
        ],
      );
    } finally {
      await reopened.close();
    }
  });

  test('a group with 1,000 keys claimed gets its planner statistics refreshed, once (statistics-refresh.ts)', async () => {
    const group = newGroup();
    const claim = claimOf('stats', 1);
    const rowsKnown = async () => {
      const [row] = await store.driver.query<{ reltuples: unknown }>(
        "SELECT reltuples FROM pg_class WHERE relname = 'deliveries'",
      );
      return Number(row?.reltuples);
    };
    const ids = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `r${String(from + i).padStart(4, '0')}`);
    for (let from = 0; from < 900; from += 300) await entriesOf(group, ids(from, 300), claim);
    const before = await rowsKnown();
    assert.ok(before < 900, `not analysed yet: the planner knows ${before} rows`);
    await entriesOf(group, ids(900, 100), claim);
    assert.ok(ledger.statistics.refreshed(`${group.incidentId}/${group.milestone}/${group.channel}`));
    const after = await rowsKnown();
    assert.ok(after >= 1000, `analysed: the planner knows ${after} rows`);
  });

  test('property: in any interleaving of two attempts and another activity, no key has two senders at once', async () => {
    const BUDGET = 3_000;
    type Op =
      | { kind: 'work' | 'confirm'; who: number; key: number }
      | { kind: 'renew' | 'release'; who: number }
      | { kind: 'tick'; ms: number };
    const who = fc.nat(2);
    const key = fc.nat(1);
    // `work`: claim the key unless held, then send it if the keeper's check allows.
    const op = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('work' as const), who, key }), weight: 6 },
      { arbitrary: fc.record({ kind: fc.constant('confirm' as const), who, key }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('renew' as const), who }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('release' as const), who }), weight: 1 },
      {
        arbitrary: fc.record({
          kind: fc.constant('tick' as const),
          ms: fc.oneof(fc.integer({ min: 1, max: 3_000 }), fc.constantFrom(LEASE - BUDGET, LEASE, LEASE + 1)),
        }),
        weight: 3,
      },
    ) satisfies fc.Arbitrary<Op>;
    let sends = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const group = newGroup();
        const base = claimOf('page', 1);
        // Attempts 1 and 2 of one page activity, and another activity sending the same keys.
        const claims = [base, { ...claimOf('page', 2), lineage: base.lineage }, claimOf('other', 1)];
        const sim = claims.map(() => ({
          held: new Map<number, number>(),
          created: new Set<number>(),
          touched: new Set<number>(),
          validUntil: -Infinity,
          stopped: false,
        }));
        const windows: { who: number; key: number; from: number; to: number }[] = [];
        const sent = new Set<number>();
        for (const o of ops) {
          if (o.kind === 'tick') {
            tick(o.ms);
            continue;
          }
          const me = sim[o.who]!;
          const claim = claims[o.who]!;
          if (me.stopped) continue;
          const id = (key: number) => `k${key}`;
          if (o.kind === 'work') {
            if (!me.held.has(o.key)) {
              const result = await ledger.claimBatch(group, [id(o.key)], claim);
              const entry = 'entries' in result ? result.entries[0] : undefined;
              if ('fencedBy' in result) me.stopped = true;
              else if (entry?.status === 'claimed') {
                if (me.held.size === 0) me.validUntil = clock + LEASE;
                me.held.set(o.key, clock + entry.waitMs);
                if (entry.previous === null) me.created.add(o.key);
                else me.created.delete(o.key);
              }
            }
            const readyAt = me.held.get(o.key);
            // The keeper's rule: not stopped, held, ready, and a lease that outlasts the call.
            if (me.stopped || readyAt === undefined || clock < readyAt || me.validUntil - clock < BUDGET) continue;
            assert.ok(!sent.has(o.key), `k${o.key} is sent and final, yet claimant ${o.who} may send it`);
            for (const w of windows.filter((w) => w.key === o.key && w.who !== o.who)) {
              assert.ok(
                clock >= w.to,
                `claimant ${o.who} sends k${o.key} at ${clock} while ${w.who}'s call may run until ${w.to}`,
              );
            }
            windows.push({ who: o.who, key: o.key, from: clock, to: clock + BUDGET });
            me.touched.add(o.key);
            sends++;
          } else if (o.kind === 'renew') {
            const result = await ledger.renewClaims(group, claim, [...me.held.keys()].map(id));
            if ('fencedBy' in result || result.lost.length > 0) me.stopped = true;
            else me.validUntil = clock + LEASE;
          } else if (o.kind === 'confirm') {
            if (!me.touched.has(o.key) || !me.held.has(o.key)) continue;
            const refused = await ledger.confirmBatch(group, [receipt(id(o.key))], claim);
            if (refused.length > 0) me.stopped = true;
            else {
              sent.add(o.key);
              me.held.delete(o.key);
            }
          } else {
            // Released after its calls returned: they ended by now.
            for (const w of windows) if (w.who === o.who) w.to = Math.min(w.to, clock);
            const unsettled = [...me.held.keys()];
            await ledger.releaseClaims(group, claim, {
              unsent: unsettled.filter((k) => me.created.has(k) && !me.touched.has(k)).map(id),
              unsettled: unsettled.map(id),
            });
            me.stopped = true;
          }
        }
      }),
      { numRuns: 300, seed: 20260301 },
    );
    assert.ok(sends > 300, `the runs sent something to check (${sends} sends)`);
  });
});
