/**
 * Tamper evidence beyond the chain (issue 13): the chain's head anchored, signed, outside the
 * database. What the chain alone misses — a truncated table, the newest entries deleted, an
 * owner's rewrite that recomputes every later hash — each found against the anchors and named, on
 * both drivers; forged and altered anchor lines named; an anchor that cannot be written never
 * fails the append.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { CompactSign, importJWK } from 'jose';
import type { AuditEntryInput } from '../../../activities/ports.ts';
import { ANCHOR_FILE, ANCHOR_TYP } from '../../../activities/store/audit-anchor.ts';
import { auditEntryHash } from '../../../activities/store/audit-hash.ts';
import { SqlAuditLog } from '../../../activities/store/audit-log.ts';
import type { AuditRow } from '../../../activities/store/audit-log.ts';
import type { AnchorOptions } from '../../../activities/store/anchored-audit-log.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { canonicalJson } from '../../../activities/store/canonical-json.ts';
import { newEd25519Jwk } from '../../../workers/ed25519-key-file.ts';
import type { NewEd25519Jwk } from '../../../workers/ed25519-key-file.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const ROOT = join('/tmp/herald-test-identity', `anchors-${process.pid}`);
let runs = 0;
let key: NewEd25519Jwk;
let stranger: NewEd25519Jwk;

before(async () => {
  [key, stranger] = await Promise.all([newEd25519Jwk('anchor-1'), newEd25519Jwk('anchor-1')]);
});

async function anchorOptions(dir: string, onError?: (e: unknown) => void): Promise<AnchorOptions> {
  const privateKey = await importJWK(key.privateJwk, 'EdDSA');
  const publicKey = await importJWK(key.publicJwk, 'EdDSA');
  return {
    dir,
    key: { kid: 'anchor-1', privateKey },
    keys: new Map([['anchor-1', publicKey]]),
    ...(onError ? { onError } : {}),
  };
}

const input = (i: number): AuditEntryInput => ({
  entryId: `e${i}`,
  incidentId: `inc-${i % 3}`,
  type: 'milestone.met',
  actor: 'herald',
  at: '2026-12-01T10:00:00Z',
  data: { i },
});

forEachDriver((driver) => {
  /** A new database with 30 entries appended at once, anchored in a new directory. */
  async function anchoredStore(): Promise<{ store: HeraldStore; dir: string }> {
    const dir = join(ROOT, `${driver.name}-${++runs}`);
    const store = await openStore({ ...(await driver.newDatabase()), anchors: await anchorOptions(dir) });
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.audit.append(input(i + 1))));
    return { store, dir };
  }

  /** Runs `sql` with the append-only triggers off, as the database's owner could. */
  async function asOwner(store: HeraldStore, statements: [string, unknown[]?][]): Promise<void> {
    await store.driver.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      for (const [sql, params] of statements) await tx.query(sql, params ?? []);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
  }

  const chainOnly = (store: HeraldStore) => new SqlAuditLog(store.driver).verify();
  const lines = async (dir: string) => (await readFile(join(dir, ANCHOR_FILE), 'utf8')).trim().split('\n');

  test('every append is covered by a signed anchor; verify checks the chain against each', async () => {
    const { store, dir } = await anchoredStore();
    try {
      const written = (await lines(dir)).map((l) => JSON.parse(l) as { seq: number; hash: string; jws: string });
      assert.ok(written.length >= 1 && written.length <= 30, `${written.length} anchors for 30 appends`);
      const [tail] = await store.driver.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 30');
      assert.deepEqual(written.map((a) => a.seq).at(-1), 30, 'the newest anchor is the head after the last append');
      assert.equal(written.at(-1)?.hash, tail?.hash);
      const result = await store.audit.verify();
      assert.equal(result.ok, true, result.problem);
      assert.equal(result.entries, 30);
      assert.equal((result as { anchors?: number }).anchors, written.length);
    } finally {
      await store.close();
    }
  });

  test('a truncated table is found: the anchors record entries the chain no longer has', async () => {
    const { store } = await anchoredStore();
    try {
      await asOwner(store, [['TRUNCATE audit_log']]);
      assert.deepEqual(await chainOnly(store), { ok: true, entries: 0 }, 'the chain alone cannot tell');
      const result = await store.audit.verify();
      assert.equal(result.ok, false);
      assert.match(
        result.problem ?? '',
        /^the chain ends at seq 0 but anchor audit-anchors\.jsonl:\d+ written \S+ records seq 30: entries removed \(seq 1\.\.30, truncated\)$/,
      );
    } finally {
      await store.close();
    }
  });

  test('the newest entries deleted are found, naming the missing seqs', async () => {
    const { store } = await anchoredStore();
    try {
      await asOwner(store, [['DELETE FROM audit_log WHERE seq > 25']]);
      assert.deepEqual(await chainOnly(store), { ok: true, entries: 25 }, 'the chain alone cannot tell');
      assert.match(
        (await store.audit.verify()).problem ?? '',
        /the chain ends at seq 25 .* records seq 30: entries removed \(seq 26\.\.30, truncated\)/,
      );
    } finally {
      await store.close();
    }
  });

  test("an owner's rewrite — one entry edited, every later hash recomputed — is found at the edited seq", async () => {
    const { store, dir } = await anchoredStore();
    try {
      const rows = await store.driver.query<AuditRow>('SELECT * FROM audit_log WHERE seq >= 12 ORDER BY seq');
      let prevHash = rows[0]!.prev_hash;
      const statements: [string, unknown[]][] = [];
      for (const row of rows) {
        const seq = Number(row.seq);
        const data =
          seq === 12 ? { i: 12, note: 'nothing happened' } : (JSON.parse(row.data) as Record<string, unknown>);
        const hash = auditEntryHash(prevHash, {
          seq,
          entryId: row.entry_id,
          incidentId: row.incident_id,
          type: row.type,
          actor: row.actor,
          at: row.at,
          data,
        });
        statements.push([
          'UPDATE audit_log SET data = $1, prev_hash = $2, hash = $3 WHERE seq = $4',
          [canonicalJson(data), prevHash, hash, seq],
        ]);
        prevHash = hash;
      }
      await asOwner(store, statements);
      assert.deepEqual(await chainOnly(store), { ok: true, entries: 30 }, 'a consistent rewrite passes the chain');
      const anchoredSeqs = (await lines(dir)).map((l) => (JSON.parse(l) as { seq: number }).seq).filter((s) => s >= 12);
      const first = Math.min(...anchoredSeqs);
      const result = await store.audit.verify();
      assert.equal(result.ok, false);
      assert.match(
        result.problem ?? '',
        new RegExp(
          `^seq ${first}: hash differs from anchor audit-anchors\\.jsonl:\\d+ written \\S+ \\(the chain was rewritten at or before seq ${first}, `,
        ),
      );
    } finally {
      await store.close();
    }
  });

  test('an anchor line forged with another key, signed under an unknown kid, or altered is named', async () => {
    const { store, dir } = await anchoredStore();
    const file = join(dir, ANCHOR_FILE);
    const original = await readFile(file, 'utf8');
    const sign = async (payload: object, kid: string, jwk = stranger.privateJwk) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'EdDSA', typ: ANCHOR_TYP, kid })
        .sign(await importJWK(jwk, 'EdDSA'));
    const forgedPayload = { seq: 30, hash: 'f'.repeat(64), at: '2026-12-01T10:00:00.000Z' };
    try {
      const count = original.trim().split('\n').length;
      const cases: [string, RegExp][] = [
        [JSON.stringify({ ...forgedPayload, jws: await sign(forgedPayload, 'anchor-1') }), /signature does not verify/],
        [
          JSON.stringify({ ...forgedPayload, jws: await sign(forgedPayload, 'anchor-9') }),
          /signed with unknown key anchor-9/,
        ],
        [
          JSON.stringify({
            ...forgedPayload,
            hash: 'e'.repeat(64),
            jws: await sign(forgedPayload, 'anchor-1', key.privateJwk),
          }),
          /fields differ from what was signed/,
        ],
        [JSON.stringify(forgedPayload), /unsigned/],
      ];
      for (const [line, message] of cases) {
        await writeFile(file, original);
        await appendFile(file, `${line}\n`);
        const result = await store.audit.verify();
        assert.equal(result.ok, false);
        assert.match(result.problem ?? '', new RegExp(`^anchor audit-anchors\\.jsonl:${count + 1}: `));
        assert.match(result.problem ?? '', message);
      }
    } finally {
      await writeFile(file, original);
      await store.close();
    }
  });

  test('an anchor that cannot be written is reported and the append still succeeds; a restart anchors the head', async () => {
    const dir = join(ROOT, `${driver.name}-${++runs}`);
    await mkdir(ROOT, { recursive: true });
    await writeFile(dir, 'a file where the directory should be');
    const errors: unknown[] = [];
    const database = await driver.newDatabase();
    const broken = await openStore({ ...database, anchors: await anchorOptions(dir, (e) => errors.push(e)) });
    try {
      const entry = await broken.audit.append(input(1));
      assert.equal(entry.seq, 1);
      assert.ok(errors.length >= 1, 'the failure is reported');
    } finally {
      await broken.close();
    }
    const fixed = join(ROOT, `${driver.name}-${++runs}`);
    const reopened = await openStore({ ...database, anchors: await anchorOptions(fixed) });
    try {
      const written = (await lines(fixed)).map((l) => JSON.parse(l) as { seq: number });
      assert.deepEqual(
        written.map((a) => a.seq),
        [1],
        'opening the store anchored the head it found',
      );
      assert.equal((await reopened.audit.verify()).ok, true);
    } finally {
      await reopened.close();
    }
  });
});
