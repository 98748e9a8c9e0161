/**
 * The `herald` command as operators run it (bin/herald, a separate process) against a Temporal dev
 * server and a worker with in-memory providers: start, status, ack, notice, approve, override,
 * audit verify/export, and the exit code of each outcome.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { openStore } from '../../activities/store/open-store.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { runCommand } from '../support/run-command.ts';
import type { CommandResult } from '../support/run-command.ts';
import { useDevServerWorker } from '../support/dev-server-worker.ts';
import { incident } from '../support/workflow-harness.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { act, dataLeakHandle } from '../../client/data-leak-client.ts';

const heraldBin = fileURLToPath(new URL('../../bin/herald', import.meta.url));
const taskQueue = 'herald-cli-test';
const stack = useDevServerWorker({ port: 17433, taskQueue });
let tmp: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'herald-cli-'));
});

after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function herald(args: string[], options: { input?: string; dataDir?: string } = {}): Promise<CommandResult> {
  return runCommand(heraldBin, args, {
    input: options.input,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: '127.0.0.1:17433',
      HERALD_TASK_QUEUE: taskQueue,
      HERALD_DATA_DIR: options.dataDir ?? join(tmp, 'no-store'),
      // The status screen adds the environment's zone beside UTC; these checks read UTC alone.
      TZ: 'UTC',
    },
  });
}

async function statusOf(id: string): Promise<ProcedureStatus> {
  const result = await herald(['incident', 'status', id, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as ProcedureStatus;
}

const now = () => new Date().toISOString();

describe('herald incident', () => {
  test('bad input exits 2 naming the field, and starts nothing', async () => {
    const bad = { ...incident('CLI-BAD', now()), severity: 'apocalyptic' };
    const result = await herald(['incident', 'start', '--file', '-'], { input: JSON.stringify(bad) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /incident\.severity/);
    await assert.rejects(stack().env.client.workflow.getHandle('data-leak:CLI-BAD').describe(), WorkflowNotFoundError);

    const notJson = await herald(['incident', 'start', '--file', '-'], { input: '{ nope' });
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /standard input is not JSON/);
  });

  test('start is idempotent by incident id; status shows every milestone', async () => {
    const file = join(tmp, 'cli-1.json');
    await writeFile(file, JSON.stringify(incident('CLI-1', now())));
    const first = await herald(['incident', 'start', '--file', file]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /started data-leak:CLI-1/);
    const again = await herald(['incident', 'start', '--file', file, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { workflowId: 'data-leak:CLI-1', started: false });

    const human = await herald(['incident', 'status', 'CLI-1']);
    assert.equal(human.code, 0, human.stderr);
    for (const id of ['ops-alert', 'stakeholder-notice', 'compliance-report', 'authority-notice', 'affected-people']) {
      assert.match(human.stdout, new RegExp(id));
    }
    assert.match(human.stdout, /authority-notice\s+pending\s+due \S+ \S+\s+in 2d 2[23]h/);
  });

  test('ack is accepted once; a second ack and a wrong role exit 3 and change nothing', async () => {
    const ack = await herald(['incident', 'ack', 'CLI-1', '--as', 'olga', '--note', 'on it']);
    assert.equal(ack.code, 0, ack.stderr);
    assert.match(ack.stdout, /acknowledgement accepted/);
    const twice = await herald(['incident', 'ack', 'CLI-1', '--as', 'ivan']);
    assert.equal(twice.code, 3);
    assert.match(twice.stderr, /already acknowledged by olga/);
    assert.equal((await statusOf('CLI-1')).acknowledgement?.by.id, 'olga');
  });

  test('retry with nothing blocked exits 3 naming what waits; a bad service exits 2', async () => {
    const nothing = await herald(['incident', 'retry', 'CLI-1', '--as', 'olga', '--service', 'email']);
    assert.equal(nothing.code, 3);
    assert.match(nothing.stderr, /nothing is blocked or waiting to be sent again/);
    const bad = await herald(['incident', 'retry', 'CLI-1', '--as', 'olga', '--service', 'fax']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--service/);
  });

  test('legal reads the notice and approves its exact hash; a wrong hash or role is rejected', async () => {
    let notice: CommandResult | undefined;
    for (let i = 0; i < 100; i++) {
      notice = await herald(['incident', 'notice', 'CLI-1', '--json']);
      if (notice.code === 0) break;
      assert.equal(notice.code, 4, notice.stderr);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(notice?.code, 0, notice?.stderr);
    const draft = JSON.parse(notice.stdout) as { version: number; sha256: string; text: string };
    assert.match(draft.text, /Art\. 33/);

    const approve = (sha256: string, ...actor: string[]) =>
      herald(['incident', 'approve', 'CLI-1', '--version', '1', '--sha256', sha256, ...actor]);
    const wrongRole = await approve(draft.sha256, '--as', 'olga', '--role', 'responder');
    assert.equal(wrongRole.code, 3);
    assert.match(wrongRole.stderr, /approve requires role legal/);
    const wrongHash = await approve('a'.repeat(64), '--as', 'lee');
    assert.equal(wrongHash.code, 3);
    assert.match(wrongHash.stderr, /sha256/);

    const approved = await approve(draft.sha256, '--as', 'lee');
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal((await statusOf('CLI-1')).authorityNotice.draft?.state === 'pending-approval', false);
  });

  test('override closes a false positive; watch on a finished procedure prints once and exits 0', async () => {
    await herald(['incident', 'start', '--file', '-'], { input: JSON.stringify(incident('CLI-2', now())) });
    const close = await herald([
      'incident',
      'override',
      'CLI-2',
      '--as',
      'olga',
      '--kind',
      'close-false-positive',
      '--reason',
      'test data only',
    ]);
    assert.equal(close.code, 0, close.stderr);
    const watch = await herald(['incident', 'status', 'CLI-2', '--watch', '--interval', '1']);
    assert.equal(watch.code, 0, watch.stderr);
    assert.match(watch.stdout, /closed: closed as false positive by olga: test data only/);
    assert.equal(watch.stdout.match(/^Incident CLI-2/gm)?.length, 1);
    assert.doesNotMatch(watch.stdout, /awaiting legal approval/, 'a closed procedure awaits nothing');
  });

  test('unknown incident exits 4; bad usage exits 2', async () => {
    const missing = await herald(['incident', 'status', 'NO-SUCH-INCIDENT']);
    assert.equal(missing.code, 4);
    const usage = await herald(['incident', 'override', 'CLI-1', '--as', 'olga', '--kind', 'explode', '--reason', 'x']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--kind.*explode|explode.*kind/);
  });
});

describe('herald lockout', () => {
  test('start, ack, scope change to EU (GDPR assessment), resolve, watch to completion', async () => {
    const input = JSON.stringify(lockout('CLI-LO-1', now()));
    const start = await herald(['lockout', 'start', '--file', '-'], { input });
    assert.equal(start.code, 0, start.stderr);
    assert.match(start.stdout, /started lockout:CLI-LO-1/);

    const ack = await herald(['lockout', 'ack', 'CLI-LO-1', '--as', 'erin']);
    assert.equal(ack.code, 0, ack.stderr);
    const scope = await herald([
      'lockout', 'scope', 'CLI-LO-1', '--as', 'erin', '--regions', 'EU,US', '--eu-personal-data', 'yes', '--reason', 'EU orders affected',
    ]); // prettier-ignore
    assert.equal(scope.code, 0, scope.stderr);

    const resolve = await herald([
      'lockout',
      'resolve',
      'CLI-LO-1',
      '--as',
      'erin',
      '--root-cause',
      'Integration token rotated and ACL fixed.',
    ]);
    assert.equal(resolve.code, 0, resolve.stderr);
    const watch = await herald(['lockout', 'status', 'CLI-LO-1', '--watch', '--interval', '1']);
    assert.equal(watch.code, 0, watch.stderr);
    assert.match(watch.stdout, /Lockout CLI-LO-1 \(critical, audit-log-lockout\) — completed/);
    assert.match(watch.stdout, /GDPR assessment: data-leak:CLI-LO-1-gdpr \(scope-change\)/);
    assert.match(watch.stdout, /post-incident-report\s+met/);

    const again = await herald([
      'lockout',
      'resolve',
      'CLI-LO-1',
      '--as',
      'erin',
      '--root-cause',
      'Integration token rotated and ACL fixed.',
    ]);
    assert.equal(again.code, 3);
    assert.match(again.stderr, /the procedure has ended \(completed\)/);
    await act(dataLeakHandle(stack().env.client, 'CLI-LO-1-gdpr'), 'override', {
      actor: { id: 'erin', role: 'responder' },
      kind: 'close-false-positive',
      reason: 'end of test',
    });
  });
});

describe('herald audit', () => {
  test('verify passes on an intact chain and exits 5 naming an edited entry; export writes JSON Lines', async () => {
    const dataDir = join(tmp, 'store');
    const own = await openStore({ dataDir });
    for (const [i, incidentId] of ['A-1', 'A-2', 'A-1'].entries()) {
      await own.audit.append({ entryId: `e${i}`, incidentId, type: 'test', actor: 'herald', at: now(), data: { i } });
    }
    await own.close();

    const ok = await herald(['audit', 'verify'], { dataDir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /verified: 3 entries/);

    const out = join(tmp, 'a-1.jsonl');
    const exported = await herald(['audit', 'export', '--incident', 'A-1', '--out', out], { dataDir });
    assert.equal(exported.code, 0, exported.stderr);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { seq: number }).seq),
      [1, 3],
    );

    const tampered = await openStore({ dataDir });
    await tampered.driver.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(`UPDATE audit_log SET data = '{"i":42}' WHERE seq = 2`);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    await tampered.close();
    const broken = await herald(['audit', 'verify', '--json'], { dataDir });
    assert.equal(broken.code, 5);
    assert.match(broken.stderr, /seq 2: hash does not match its content/);
    assert.equal((JSON.parse(broken.stdout) as { ok: boolean }).ok, false);

    const noStore = await herald(['audit', 'verify']);
    assert.equal(noStore.code, 4);
    assert.match(noStore.stderr, /no Herald store at/);
  });
});
