/**
 * Activities in MockActivityEnvironment, over the real PGlite store and recording providers:
 * heartbeat cursors, resumption after a crash, permanent failures, and the approved-hash guard.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import type { EmailMessage, SendReceipt } from '../../activities/ports.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { testDirectory } from '../support/directory.ts';
import { storeDeps } from '../support/store-deps.ts';
import { ListCrm, RecordingEmail, RecordingSms } from '../support/fake-providers.ts';
import { incident, students } from '../support/workflow-harness.ts';

/** Runs an activity in a mock environment, keeping its result type (the SDK's generic loses it). */
function run<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  args: A,
  env = new MockActivityEnvironment(),
): Promise<R> {
  return env.run<A, R, typeof fn>(fn, ...args);
}

let store: HeraldStore;
before(async () => {
  store = await openStore({});
});
after(async () => {
  await store?.close();
});

function deps(overrides: Partial<ActivityDeps> = {}): ActivityDeps & { email: RecordingEmail; sms: RecordingSms } {
  return {
    crm: new ListCrm(students, 2),
    email: new RecordingEmail(),
    sms: new RecordingSms(),
    ...storeDeps(store),
    directory: testDirectory,
    ...overrides,
  } as ActivityDeps & { email: RecordingEmail; sms: RecordingSms };
}

test('the CRM snapshot heartbeats its page cursor and de-duplicates across pages', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => beats.push(d));
  const result = await run(
    createActivities(deps()).snapshotAffectedPeople,
    [{ incidentId: 'ACT-SNAP', scope: { kind: 'records' as const, recordIds: ['003000000000000001'] } }],
    env,
  );
  assert.equal(result.total, 4, 'five rows, one duplicate email');
  assert.deepEqual(result.byCountry, { DE: 1, FR: 1, IE: 1, NL: 1 });
  assert.deepEqual(beats, [
    { cursor: '2', pages: 1 },
    { cursor: '4', pages: 2 },
    { cursor: undefined, pages: 3 },
  ]);
});

test('a batch resumes from its heartbeat after a crash: nobody before the cursor is contacted again', async () => {
  const d = deps();
  const activities = createActivities(d);
  await run(activities.snapshotAffectedPeople, [
    {
      incidentId: 'ACT-BATCH',
      scope: { kind: 'records' as const, recordIds: ['003000000000000001'] },
    },
  ]);
  // The attempt that "crashed" had done person 0 and 1 and recorded its counts.
  const carried = {
    email: { accepted: 2, failed: 0, duplicatesSkipped: 0 },
    sms: { accepted: 2, failed: 0, duplicatesSkipped: 0 },
    reached: 2,
  };
  const env = new MockActivityEnvironment({ heartbeatDetails: { next: 2, summary: carried } });
  const result = await run(
    activities.notifyAffectedBatch,
    [
      {
        incidentId: 'ACT-BATCH',
        incident: incident('ACT-BATCH', '2026-01-01T00:00:00Z'),
        offset: 0,
        limit: 10,
      },
    ],
    env,
  );
  assert.equal(result.processed, 4);
  assert.equal(result.reached, 4, 'carried counts plus this attempt');
  assert.deepEqual(
    d.email.sent.map((m) => m.to),
    ['mary@student.test'],
    'only people after the cursor with an email',
  );
  assert.deepEqual(
    d.sms.sent.map((m) => m.to),
    ['+31600000004'],
  );
});

test('a recipient the provider refuses is recorded as failed, audited, and never retried', async () => {
  class RefusingEmail extends RecordingEmail {
    calls = 0;
    override async send(message: EmailMessage): Promise<SendReceipt> {
      this.calls++;
      throw ApplicationFailure.nonRetryable(
        `SendGrid refused the recipient of ${message.deliveryKey}`,
        'InvalidRecipient',
      );
    }
  }
  const email = new RefusingEmail();
  const d = deps({ email });
  const input = {
    incidentId: 'ACT-REFUSE',
    ledgerMilestone: 'stakeholder-notice',
    group: 'compliance' as const,
    template: 'ops-alert' as const,
    incident: incident('ACT-REFUSE', '2026-01-01T00:00:00Z'),
    params: {},
  };
  const first = await run(createActivities(d).notifyGroup, [input]);
  const second = await run(createActivities(d).notifyGroup, [input]);
  assert.equal(first.email.failed, 1);
  assert.equal(first.reached, 0);
  assert.equal(second.email.failed, 1);
  assert.equal(email.calls, 1, 'the retry did not call the provider again');
  const entry = await store.ledger.get({
    incidentId: 'ACT-REFUSE',
    milestone: 'stakeholder-notice',
    recipientId: 'compliance',
    channel: 'email',
  });
  assert.equal(entry?.state, 'failed');
  const audited = (await store.audit.list('ACT-REFUSE')).filter((e) => e.type === 'delivery.failed');
  assert.equal(audited.length, 1, 'audited once although the activity ran twice');
  assert.doesNotMatch(JSON.stringify(audited[0]?.data), /@/, 'no address in the audit entry');
});

test("a first page appends the procedure's queued audit entries before its own, once, whoever wrote them first", async () => {
  const d = deps();
  const entry = (entryId: string, type: string) => ({
    entryId,
    incidentId: 'ACT-FIRST',
    type,
    actor: 'herald',
    at: '2026-01-01T00:00:01Z',
    data: {},
  });
  const started = entry('first-started', 'procedure.started');
  const pinned = entry('first-pinned', 'templates.pinned');
  // The procedure's own writer got the start's entry in first; the page brings both again.
  await store.audit.append(started);
  const input = {
    incidentId: 'ACT-FIRST',
    ledgerMilestone: 'ops-alert:L0',
    group: 'on-call' as const,
    level: 0,
    template: 'ops-alert' as const,
    incident: incident('ACT-FIRST', '2026-01-01T00:00:00Z'),
    params: {},
    channels: ['email' as const],
    auditFirst: [started, pinned],
  };
  const summary = await run(createActivities(d).notifyGroup, [input]);
  assert.ok(summary.email.accepted > 0);
  await run(createActivities(d).notifyGroup, [input]);
  const types = (await store.audit.list('ACT-FIRST')).map((e) => e.type);
  assert.equal(types[0], 'procedure.started');
  assert.equal(types[1], 'templates.pinned');
  assert.ok(types.slice(2).length > 0 && types.slice(2).every((t) => t === 'delivery.sent'), types.join(', '));
  assert.equal(types.filter((t) => t === 'procedure.started').length, 1, 'appended once');
  assert.ok((await store.audit.verify()).ok);
});

test('the authority notice goes out only with the hash legal approved', async () => {
  const d = deps();
  const activities = createActivities(d);
  const draft = await run(activities.draftAuthorityNotice, [
    {
      incidentId: 'ACT-NOTICE',
      incident: incident('ACT-NOTICE', '2026-01-01T00:00:00Z'),
      version: 1,
      late: false,
      delayReasons: [],
      draftedAt: '2026-01-01T01:00:00Z',
    },
  ]);
  await assert.rejects(
    run(activities.sendAuthorityNotice, [
      {
        incidentId: 'ACT-NOTICE',
        version: 1,
        sha256: 'f'.repeat(64),
      },
    ]),
    /refusing to send unapproved text/,
  );
  assert.equal(d.email.sent.length, 0);
  const sent = await run(activities.sendAuthorityNotice, [
    {
      incidentId: 'ACT-NOTICE',
      version: 1,
      sha256: draft.sha256,
    },
  ]);
  assert.equal(sent.email.accepted, 1);
  assert.match(d.email.sent[0]?.text ?? '', /Article 33|Art\. 33/);
});

test('a first page pins its procedure’s templates itself, the same versions the procedure’s own pinning then finds', async () => {
  const d = deps();
  const page = (incidentId: string, pinTemplatesFirst: boolean) =>
    run(createActivities(d).notifyGroup, [
      {
        incidentId,
        ledgerMilestone: 'ops-alert:L0',
        group: 'on-call' as const,
        level: 0,
        template: 'ops-alert' as const,
        incident: incident(incidentId, '2026-01-01T00:00:00Z'),
        params: {},
        channels: ['email' as const],
        ...(pinTemplatesFirst ? { pinTemplatesFirst } : {}),
      },
    ]);
  const templateOf = async (incidentId: string) =>
    (await store.audit.list(incidentId)).find((e) => e.type === 'delivery.sent')?.data.template as
      { pinned: boolean; version: number } | undefined;

  await page('ACT-PINS-SELF', true);
  assert.equal((await templateOf('ACT-PINS-SELF'))?.pinned, true, 'rendered from the pins it made');
  const byPage = await store.templates.pinsOf('ACT-PINS-SELF');
  assert.ok(byPage?.['ops-alert']?.en, 'the pins are stored');
  assert.deepEqual(await createActivities(d).pinTemplates({ incidentId: 'ACT-PINS-SELF' }), byPage);

  // Without the flag a page renders whatever is pinned: nothing yet, so the shipped texts.
  await page('ACT-PINS-NOT', false);
  assert.equal((await templateOf('ACT-PINS-NOT'))?.pinned, false);
  assert.equal(await store.templates.pinsOf('ACT-PINS-NOT'), null);
});
