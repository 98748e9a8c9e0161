/**
 * `herald` and verified identities (issue 13), as operators run it (bin/herald, a separate
 * process): privileged actions take their claim from the HTTP API (real HTTP on 127.0.0.1) as the
 * token's actor — `--as` someone else is refused — while open ones go straight to Temporal; `keys
 * generate` makes keys the API and the worker load; `audit verify` checks the anchors on both
 * drivers, finding the newest entries deleted and a truncated table.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadActorClaimSigner, loadAlertRoutes } from '../../client/api/load-api-files.ts';
import { sha256Hex, TokenRegistry } from '../../client/api/tokens.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { loadActorKeys } from '../../workers/actor-keys.ts';
import { loadAnchorOptions } from '../../workers/audit-anchor-keys.ts';
import { newEd25519Jwk } from '../../workers/ed25519-key-file.ts';
import { parseActorClaim } from '../../workflows/domain/actor-claim.ts';
import { testClaimKey } from '../support/claim-key.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runCommand } from '../support/run-command.ts';
import { forEachDriver } from '../support/store-drivers.ts';
import { webhookApi } from '../support/webhook-api.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const TMP = join('/tmp/herald-test-identity', `cli-${process.pid}`);
const taskQueue = 'herald-cli-identity';
/** The worker trusts this key only: privileged actions without its claim are refused. */
const claimKey = testClaimKey('cli-api');
const stack = useDevServerWorker({ port: 24130, taskQueue, deps: claimKey.trust });
const API_PORT = 24131;
const OLGA = 'olga-token-0123456789abcdef';
let server: Server | undefined;

/** bin/herald with only what it is given (and PATH, HOME). */
function herald(args: string[], env: Record<string, string> = {}) {
  return runCommand(heraldBin, args, {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: TMP,
      TEMPORAL_ADDRESS: '127.0.0.1:24130',
      HERALD_TASK_QUEUE: taskQueue,
      HERALD_DATA_DIR: join(TMP, 'no-store'),
      ...env,
    },
  });
}

before(async () => {
  await mkdir(TMP, { recursive: true });
});
after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Every Update the procedure accepted, with its decoded input. */
async function acceptedUpdates(workflowId: string) {
  const history = await stack().env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
    .filter((input) => input !== undefined && input !== null)
    .map((input) => ({
      name: input.name,
      action: defaultPayloadConverter.fromPayload<{ actor: unknown; claim?: string }>(input.args!.payloads![0]!),
    }));
}

describe('herald keys and claims from the API', () => {
  test('keys generate: the API signs with the private file, the worker loads the public set; rotation adds', async () => {
    const set = join(TMP, 'actor-keys.json');
    for (const kid of ['api-1', 'api-2']) {
      const made = await herald([
        'keys',
        'generate',
        '--kid',
        kid,
        '--private',
        join(TMP, `${kid}.jwk`),
        '--add-to',
        set,
      ]);
      assert.equal(made.code, 0, made.stderr);
    }
    const keys = await loadActorKeys(set);
    assert.deepEqual(
      keys.keys.map((k) => k.kid),
      ['api-1', 'api-2'],
    );
    const signer = await loadActorClaimSigner(join(TMP, 'api-2.jwk'));
    assert.equal(signer.kid, 'api-2');
    const again = await herald([
      'keys',
      'generate',
      '--kid',
      'api-2',
      '--private',
      join(TMP, 'x.jwk'),
      '--add-to',
      set,
    ]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already has a key api-2/);
    const overwrite = await herald([
      'keys',
      'generate',
      '--kid',
      'api-3',
      '--private',
      join(TMP, 'api-1.jwk'),
      '--add-to',
      set,
    ]);
    assert.equal(overwrite.code, 2, 'a private key is never overwritten');
    const pub = await herald(['keys', 'public', join(TMP, 'api-1.jwk')]);
    assert.equal(pub.code, 0, pub.stderr);
    assert.deepEqual(JSON.parse(pub.stdout), { keys: [keys.keys[0]] });
  });

  test('a privileged action carries the API’s claim for the token’s actor; an open one goes as it is', async () => {
    const app = webhookApi(stack(), {
      tokens: new TokenRegistry([{ id: 'olga', role: 'responder', sha256: sha256Hex(OLGA) }]),
      secrets: { pagerDuty: 'unused-pagerduty-secret', incidentIo: 'whsec_unused', opsgenieToken: 'unused' },
      routes: await loadAlertRoutes('config/alert-routes.example.json'),
      claims: claimKey.signer,
    });
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: API_PORT }, () => resolve(s as Server));
    });
    const api = { HERALD_API_URL: `http://127.0.0.1:${API_PORT}`, HERALD_API_TOKEN: OLGA };
    const file = join(TMP, 'lo.json');
    await writeFile(file, JSON.stringify(lockout('CLI-ID-1', new Date().toISOString())));
    assert.equal((await herald(['lockout', 'start', '--file', file])).code, 0);

    const ack = await herald(['lockout', 'ack', 'CLI-ID-1', '--as', 'olga'], api);
    assert.equal(ack.code, 0, ack.stderr);
    const lee = await herald(
      ['lockout', 'close', 'CLI-ID-1', '--as', 'lee', '--role', 'legal', '--reason', 'raised in error'],
      api,
    );
    assert.equal(lee.code, 2, 'another person than the token’s');
    assert.match(lee.stderr, /--as lee, but HERALD_API_TOKEN is olga's: the token decides who acts/);
    const wrongToken = await herald(['lockout', 'close', 'CLI-ID-1', '--as', 'olga', '--reason', 'raised in error'], {
      ...api,
      HERALD_API_TOKEN: 'not-a-token-of-this-api',
    });
    assert.equal(wrongToken.code, 2);
    assert.match(wrongToken.stderr, /HERALD_API_TOKEN was not accepted/);
    const close = await herald(['lockout', 'close', 'CLI-ID-1', '--as', 'olga', '--reason', 'raised in error'], api);
    assert.equal(close.code, 0, close.stderr);

    const updates = await acceptedUpdates('lockout:CLI-ID-1');
    assert.deepEqual(
      updates.map((u) => u.name),
      ['acknowledge', 'close'],
      'the refused attempts sent nothing',
    );
    assert.equal(updates[0]?.action.claim, undefined, 'acknowledge is open: no claim asked for');
    const claim = parseActorClaim(updates[1]?.action.claim ?? '');
    assert.ok(claim.ok);
    assert.deepEqual(
      [
        claim.value.header.kid,
        claim.value.payload.sub,
        claim.value.payload.role,
        claim.value.payload.act,
        claim.value.payload.wid,
      ],
      ['cli-api', 'olga', 'responder', 'close', 'lockout:CLI-ID-1'],
    );
    assert.deepEqual(updates[1]?.action.actor, { id: 'olga', role: 'responder' });
  });

  test('without the API a privileged action goes unclaimed, warned, and the procedure refuses it', async () => {
    const file = join(TMP, 'lo2.json');
    await writeFile(file, JSON.stringify(lockout('CLI-ID-2', new Date().toISOString())));
    assert.equal((await herald(['lockout', 'start', '--file', file])).code, 0);
    const close = await herald(['lockout', 'close', 'CLI-ID-2', '--as', 'olga', '--reason', 'raised in error']);
    assert.match(close.stderr, /close needs a signed actor claim: set HERALD_API_URL and HERALD_API_TOKEN/);
    assert.equal(close.code, 3, 'refused by the procedure');
    assert.match(close.stderr, /close refused: this action needs a signed actor claim/);
    // The procedure takes the Update in to audit the refusal, and changes nothing else.
    const audit = await stack().store.audit.list('lockout:CLI-ID-2');
    const refused = audit.filter((e) => e.type === 'operator.refused');
    assert.deepEqual(
      refused.map((e) => `${String(e.data.via)} ${String(e.data.refusal)}`),
      ['update missing'],
    );
    assert.ok(!audit.some((e) => e.type === 'procedure.closed'), 'still open');
    const half = await herald(['lockout', 'status', 'CLI-ID-2'], { HERALD_API_URL: 'http://127.0.0.1:1' });
    assert.equal(half.code, 2);
    assert.match(half.stderr, /HERALD_API_TOKEN: set HERALD_API_URL and HERALD_API_TOKEN together/);
  });
});

describe('herald audit verify with anchors', () => {
  forEachDriver((driver) => {
    test('the anchors agree; deleting the newest entries, then truncating, each exits 5 naming it', async () => {
      const dir = join(TMP, `anchors-${driver.name}`);
      const keyFile = join(TMP, `anchor-${driver.name}.jwk`);
      const pair = await newEd25519Jwk(`anchor-${driver.name}`);
      await writeFile(keyFile, JSON.stringify(pair.privateJwk));
      const publicFile = join(TMP, `anchor-${driver.name}.pub.json`);
      await writeFile(publicFile, JSON.stringify({ keys: [pair.publicJwk] }));
      const anchors = await loadAnchorOptions({ HERALD_AUDIT_ANCHOR_DIR: dir, HERALD_AUDIT_ANCHOR_KEY_FILE: keyFile });
      const database = await driver.newDatabase();
      const store = await openStore({ ...database, ...(anchors ? { anchors } : {}) });
      for (let i = 1; i <= 12; i++) {
        await store.audit.append({
          entryId: `e${i}`,
          incidentId: 'A-1',
          type: 'test',
          actor: 'herald',
          at: '2026-12-01T10:00:00Z',
          data: { i },
        });
      }
      await store.close();
      const env = {
        ...(database.databaseUrl
          ? { DATABASE_URL: database.databaseUrl }
          : { HERALD_DATA_DIR: database.dataDir ?? '' }),
        HERALD_AUDIT_ANCHOR_DIR: dir,
        HERALD_AUDIT_ANCHOR_KEY_FILE: publicFile,
      };
      const ok = await herald(['audit', 'verify'], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /verified: 12 entries/);
      assert.match(ok.stdout, /\d+ anchors agree with it \(newest: seq 12, written /);
      const noKey = await herald(['audit', 'verify'], { ...env, HERALD_AUDIT_ANCHOR_KEY_FILE: '' });
      assert.equal(noKey.code, 2);
      assert.match(noKey.stderr, /HERALD_AUDIT_ANCHOR_KEY_FILE/);

      const owner = async (sql: string) => {
        const s = await openStore(database);
        try {
          await s.driver.transaction(async (tx) => {
            await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
            await tx.query(sql);
            await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
          });
        } finally {
          await s.close();
        }
      };
      await owner('DELETE FROM audit_log WHERE seq > 9');
      const chainOnly = await herald(['audit', 'verify'], {
        ...env,
        HERALD_AUDIT_ANCHOR_DIR: '',
        HERALD_AUDIT_ANCHOR_KEY_FILE: '',
      });
      assert.equal(chainOnly.code, 0, 'the chain alone cannot tell');
      assert.match(chainOnly.stderr, /no anchors checked/);
      const deleted = await herald(['audit', 'verify', '--json'], env);
      assert.equal(deleted.code, 5);
      assert.match(
        deleted.stderr,
        /chain ends at seq 9 but anchor audit-anchors\.jsonl:\d+ written \S+ records seq 12: entries removed \(seq 10\.\.12, truncated\)/,
      );
      assert.equal((JSON.parse(deleted.stdout) as { ok: boolean }).ok, false);

      await owner('TRUNCATE audit_log');
      const truncated = await herald(['audit', 'verify', '--anchors', dir], { ...env, HERALD_AUDIT_ANCHOR_DIR: '' });
      assert.equal(truncated.code, 5);
      assert.match(truncated.stderr, /chain ends at seq 0 .* entries removed \(seq 1\.\.12, truncated\)/);
      assert.ok((await readFile(join(dir, 'audit-anchors.jsonl'), 'utf8')).includes('"seq":12'));
    });
  });
});
