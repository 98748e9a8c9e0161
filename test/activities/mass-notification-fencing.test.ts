/**
 * A retried attempt never races the one before it. Attempt 1 of a page freezes where a zombie
 * would (after the provider accepted, before the confirm; on its way to claim the next chunk),
 * Temporal's attempt 2 runs the same page to the end, then attempt 1 wakes up: it is fenced out
 * and sends nothing more, attempt 2 found what attempt 1 had sent, and the sandbox's own log shows
 * every person reached exactly once. The same for one exactly-once send, and for two activities
 * sending one key at the same moment. Real adapters against the sandbox, on both SQL drivers.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Info } from '@temporalio/activity';
import { deliverOnce } from '../../activities/deliver-once.ts';
import type { SendOperation } from '../../activities/deliver-once.ts';
import { ATTEMPT_FENCED } from '../../activities/fencing/attempt-claim.ts';
import type { SmsPageResult } from '../../activities/mass-notification/sms-page.ts';
import type { EmailPageResult } from '../../activities/mass-notification/email-page.ts';
import { claimTimings } from '../../activities/fencing/claim-timings.ts';
import type { ClaimResult, DeliveryGroup, DeliveryKey, LedgerClaim, SmsPort } from '../../activities/ports.ts';
import { SqlDeliveryLedger } from '../../activities/store/delivery-ledger.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import {
  ADAPTER_TIMEOUT_MS,
  Gate,
  mailSends,
  pageActivities,
  pageOf,
  perRecipient,
  sandboxPageDeps,
  uniqueAudience,
  until,
  watchHeartbeats,
} from '../support/page-sandbox.ts';
import { forEachDriver } from '../support/store-drivers.ts';

/** Short leases, so attempt 2 waits out attempt 1's in well under two seconds. */
const FANOUT = { smsConcurrency: 1, claimLeaseMs: 1_500 };
const TIMEOUT = { timeout: 60_000 };

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ seed: { count: 1 } });
});
after(() => sandbox?.close());

const fencedOut = (err: unknown) => err instanceof ApplicationFailure && err.type === ATTEMPT_FENCED;

/** Attempt `attempt` of one activity (same workflow, run and activity id). */
function attemptEnv(activityId: string, attempt: number, heartbeatDetails?: unknown): MockActivityEnvironment {
  const info: Partial<Info> = {
    activityId,
    attempt,
    workflowExecution: { workflowId: 'affected-people:ZF', runId: 'run-1' },
    ...(heartbeatDetails === undefined ? {} : { heartbeatDetails }),
  };
  return new MockActivityEnvironment(info);
}

/** An SMS port over `inner` that freezes (at `gate`) right after its `n`-th accepted send; counts calls. */
function freezingSms(inner: SmsPort, n: number, gate: Gate): SmsPort & { calls: number } {
  const port = {
    calls: 0,
    async send(message: Parameters<SmsPort['send']>[0]) {
      port.calls++;
      const receipt = await inner.send(message);
      if (port.calls === n) await gate.wait();
      return receipt;
    },
    findSent: (...args: Parameters<SmsPort['findSent']>) => inner.findSent(...args),
  };
  return port;
}

/** An SMS port over `deps.sms` that records, in order, the people each send went to, as their index in `people`. */
function recordingSms(deps: ReturnType<typeof sandboxPageDeps>, people: AffectedPerson[]): number[] {
  const inner = deps.sms;
  const indexOf = new Map(people.map((p, i) => [p.phone as string, i]));
  const texted: number[] = [];
  deps.sms = {
    send: (message) => {
      texted.push(indexOf.get(message.to) as number);
      return inner.send(message);
    },
    findSent: (...args) => inner.findSent(...args),
  };
  return texted;
}

const ascending = (indices: number[]) => [...indices].sort((a, b) => a - b);

function assertEachOnce(got: Map<string, number>, people: AffectedPerson[], channel: 'phone' | 'email'): void {
  for (const p of people) assert.equal(got.get(p[channel] as string), 1, `${p.id} reached exactly once`);
}

forEachDriver((driver) => {
  let store: HeraldStore;
  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  const ledgerStates = async (group: DeliveryGroup, people: AffectedPerson[]) =>
    (
      await store.ledger.getBatch(
        group,
        people.map((p) => p.id),
      )
    ).map((e) => e?.state ?? 'none');

  test(
    'SMS: attempt 1 frozen after Twilio accepted its 10th wakes after attempt 2 finished: fenced out, nobody twice, nobody missed',
    TIMEOUT,
    async () => {
      const incidentId = `ZF-SMS-${driver.name}`;
      const people = uniqueAudience(30);
      const page = { ...(await pageOf(store, incidentId, people)), perSecond: 1000 };
      const gate = new Gate();
      const zombieDeps = sandboxPageDeps(sandbox, store, FANOUT);
      const sms = freezingSms(zombieDeps.sms, 10, gate);
      zombieDeps.sms = sms;
      const zombieEnv = attemptEnv(`sms-${driver.name}`, 1);
      const beats = watchHeartbeats(zombieEnv);
      const zombie = zombieEnv.run(pageActivities(zombieDeps).sendAffectedSmsPage, page);
      await gate.reached;

      // Temporal heard nothing from attempt 1 and started attempt 2 from its last heartbeat.
      const retry = await attemptEnv(`sms-${driver.name}`, 2, beats.last()).run(
        pageActivities(sandboxPageDeps(sandbox, store, FANOUT)).sendAffectedSmsPage,
        page,
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);

      assert.equal(sms.calls, 10, 'attempt 1 sent nobody after it woke up');
      assert.deepEqual(retry, { addressed: 30, accepted: 30, failed: 0, duplicatesSkipped: 10 });
      assertEachOnce(perRecipient(sandbox).sms, people, 'phone');
      const states = await ledgerStates({ incidentId, milestone: 'affected-people', channel: 'sms' }, people);
      assert.deepEqual(new Set(states), new Set(['sent']));
    },
  );

  test(
    "SMS: attempt 2 texts the people attempt 1 never held while the dead attempt's lease on the others runs out",
    TIMEOUT,
    async () => {
      const incidentId = `ZF-SMS-AHEAD-${driver.name}`;
      const people = uniqueAudience(30);
      const page = { ...(await pageOf(store, incidentId, people)), perSecond: 1000 };
      const gate = new Gate();
      const zombieDeps = sandboxPageDeps(sandbox, store, FANOUT);
      zombieDeps.sms = freezingSms(zombieDeps.sms, 10, gate);
      const zombieEnv = attemptEnv(`sms-ahead-${driver.name}`, 1);
      const beats = watchHeartbeats(zombieEnv);
      const zombie = zombieEnv.run(pageActivities(zombieDeps).sendAffectedSmsPage, page);
      // Attempt 1 dies after its 10th send: it holds people 0-11 (chunks of 4, each claimed halfway
      // through the one before), 10 and 11 never sent to; 12-29 nobody holds.
      await gate.reached;

      const retryDeps = sandboxPageDeps(sandbox, store, FANOUT);
      const order = recordingSms(retryDeps, people);
      const retry = await attemptEnv(`sms-ahead-${driver.name}`, 2, beats.last()).run(
        pageActivities(retryDeps).sendAffectedSmsPage,
        page,
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);

      assert.ok((order[0] as number) >= 12, `attempt 2 began with a person nobody held, not ${order[0]}`);
      assert.deepEqual(
        ascending(order),
        Array.from({ length: 20 }, (_, i) => i + 10),
        'attempt 2 texted everyone attempt 1 had not, once',
      );
      assert.deepEqual(retry, { addressed: 30, accepted: 30, failed: 0, duplicatesSkipped: 10 });
      assertEachOnce(perRecipient(sandbox).sms, people, 'phone');
    },
  );

  test(
    "SMS: a dead attempt's long lease is left to a later run of the page: attempt 2 ends without those people, the later run settles them once",
    TIMEOUT,
    async () => {
      const incidentId = `ZF-SMS-LATER-${driver.name}`;
      const people = uniqueAudience(30);
      const page = { ...(await pageOf(store, incidentId, people)), perSecond: 1000 };
      // A lease of 7 s: longer than a page waits inside itself for an earlier attempt (5 s).
      const fanout = { ...FANOUT, claimLeaseMs: 7_000 };
      const gate = new Gate();
      const zombieDeps = sandboxPageDeps(sandbox, store, fanout);
      const sms = freezingSms(zombieDeps.sms, 10, gate);
      zombieDeps.sms = sms;
      const zombieEnv = attemptEnv(`sms-later-${driver.name}`, 1);
      const beats = watchHeartbeats(zombieEnv);
      const zombie = zombieEnv.run(pageActivities(zombieDeps).sendAffectedSmsPage, page);
      await gate.reached; // attempt 1 holds people 0-11, 10 and 11 never sent to

      const retryDeps = sandboxPageDeps(sandbox, store, fanout);
      const byRetry = recordingSms(retryDeps, people);
      const retry = await attemptEnv(`sms-later-${driver.name}`, 2, beats.last()).run(
        pageActivities(retryDeps).sendAffectedSmsPage,
        page,
      );
      assert.deepEqual(
        ascending(byRetry),
        Array.from({ length: 18 }, (_, i) => i + 12),
        'attempt 2 texted 12-29 only',
      );
      const { resumeAt = '', ...counts } = retry as SmsPageResult;
      assert.deepEqual(counts, {
        addressed: 30,
        accepted: 18,
        failed: 0,
        duplicatesSkipped: 0,
        deferred: 12,
        held: 12,
      });
      assert.ok(
        Date.parse(resumeAt) > Date.now() + 2_000,
        `the later run is due once the lease ran out, not ${resumeAt}`,
      );

      // The workflow's later run of the page (another activity) waits out the lease held for
      // attempt 1, finds what attempt 1 had sent and texts the two it had not.
      const laterDeps = sandboxPageDeps(sandbox, store, fanout);
      const byLaterRun = recordingSms(laterDeps, people);
      const later = await attemptEnv(`sms-later-${driver.name}-r1`, 1).run(
        pageActivities(laterDeps).sendAffectedSmsPage,
        { ...page, round: 1 },
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);

      assert.deepEqual(ascending(byLaterRun), [10, 11], 'the later run texted the two attempt 1 had not');
      assert.deepEqual(later, { addressed: 30, accepted: 30, failed: 0, duplicatesSkipped: 28 });
      assert.equal(sms.calls, 10, 'attempt 1 sent nobody after it woke up');
      assertEachOnce(perRecipient(sandbox).sms, people, 'phone');
    },
  );

  test(
    'SMS: attempt 1 frozen on its way to claim its next chunk wakes while attempt 2 waits out its lease: refused, it sends nothing more',
    TIMEOUT,
    async () => {
      const incidentId = `ZF-SMS-CLAIM-${driver.name}`;
      const people = uniqueAudience(20);
      const page = { ...(await pageOf(store, incidentId, people)), perSecond: 1000 };
      const gate = new Gate();
      // The store connection of attempt 1 hangs before its second chunk's claim reaches the database.
      class FreezingLedger extends SqlDeliveryLedger {
        claims = 0;
        override async claimBatch(
          group: DeliveryGroup,
          ids: readonly string[],
          claim: LedgerClaim,
        ): Promise<ClaimResult> {
          if (++this.claims === 2) await gate.wait();
          return super.claimBatch(group, ids, claim);
        }
      }
      const ledger = new FreezingLedger(store.driver);
      const zombieDeps = sandboxPageDeps(sandbox, store, FANOUT, { ledger });
      const sms = freezingSms(zombieDeps.sms, Infinity, gate);
      zombieDeps.sms = sms;
      const zombie = attemptEnv(`sms-claim-${driver.name}`, 1).run(
        pageActivities(zombieDeps).sendAffectedSmsPage,
        page,
      );
      await gate.reached;
      // The next chunk is claimed while the first is still being sent (halfway through it): the
      // first chunk's sends go on, nothing past it can.
      await until(() => sms.calls >= 4);
      const sentBefore = sms.calls;

      // Attempt 2 takes the page over, texts the people attempt 1 never held, and waits out attempt
      // 1's lease on the first chunk (its first heartbeat comes from that wait); attempt 1 wakes up
      // right then, before its lease ran out.
      const retryEnv = attemptEnv(`sms-claim-${driver.name}`, 2);
      const retryBeats = watchHeartbeats(retryEnv);
      const retrying = retryEnv.run(pageActivities(sandboxPageDeps(sandbox, store, FANOUT)).sendAffectedSmsPage, page);
      await until(() => retryBeats.count() > 0);
      gate.open();
      await assert.rejects(zombie, fencedOut);
      const retry = await retrying;

      assert.equal(sentBefore, 4, 'attempt 1 had sent its first chunk (4 people)');
      assert.equal(sms.calls, sentBefore, 'and nothing after it woke up');
      assert.deepEqual(retry, { addressed: 20, accepted: 20, failed: 0, duplicatesSkipped: 4 });
      assertEachOnce(perRecipient(sandbox).sms, people, 'phone');
    },
  );

  test(
    'email: attempt 1 frozen after SendGrid accepted one group: attempt 2 finds it, sends the rest; attempt 1 requests nothing more',
    TIMEOUT,
    async () => {
      const incidentId = `ZF-MAIL-${driver.name}`;
      const people = uniqueAudience(12, ['de', 'fr', 'en']);
      const page = await pageOf(store, incidentId, people);
      const gate = new Gate();
      const zombieDeps = sandboxPageDeps(sandbox, store, FANOUT);
      const email = zombieDeps.email;
      let zombieRequests = 0;
      zombieDeps.email = {
        send: (m) => email.send(m),
        findSent: (...a) => email.findSent(...a),
        async sendBatch(batch) {
          const receipt = await email.sendBatch(batch);
          if (++zombieRequests === 1) await gate.wait();
          return receipt;
        },
        findSentBatch: (...a) => email.findSentBatch(...a),
      };
      const zombie = attemptEnv(`mail-${driver.name}`, 1).run(pageActivities(zombieDeps).sendAffectedEmailPage, page);
      await gate.reached;
      const requestsBefore = mailSends(sandbox);

      const retry = await attemptEnv(`mail-${driver.name}`, 2).run(
        pageActivities(sandboxPageDeps(sandbox, store, FANOUT)).sendAffectedEmailPage,
        page,
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);

      assert.equal(zombieRequests, 1, 'attempt 1 made no request after it woke up');
      assert.equal(mailSends(sandbox) - requestsBefore, 2, 'attempt 2 requested only the two other groups');
      assert.deepEqual(retry, { addressed: 12, accepted: 12, failed: 0, duplicatesSkipped: 4 });
      assertEachOnce(perRecipient(sandbox).email, people, 'email');
    },
  );

  test(
    "email: a dead attempt's long lease is left to a later run of the page: attempt 2 requests nothing, the later run finds the sent group and sends the rest once",
    TIMEOUT,
    async () => {
      const incidentId = `ZF-MAIL-LATER-${driver.name}`;
      const people = uniqueAudience(12, ['de', 'fr', 'en']);
      const page = { ...(await pageOf(store, incidentId, people)), laterRun: true };
      // A lease of 7 s: longer than a page waits inside itself for an earlier attempt (5 s).
      const fanout = { ...FANOUT, claimLeaseMs: 7_000 };
      const gate = new Gate();
      const zombieDeps = sandboxPageDeps(sandbox, store, fanout);
      const email = zombieDeps.email;
      let zombieRequests = 0;
      zombieDeps.email = {
        ...email,
        async sendBatch(batch) {
          const receipt = await email.sendBatch(batch);
          if (++zombieRequests === 1) await gate.wait();
          return receipt;
        },
      };
      const zombie = attemptEnv(`mail-later-${driver.name}`, 1).run(
        pageActivities(zombieDeps).sendAffectedEmailPage,
        page,
      );
      await gate.reached; // attempt 1 holds all 12 (claimed at once); one group of 4 went out
      const requestsBefore = mailSends(sandbox);

      const retry = await attemptEnv(`mail-later-${driver.name}`, 2).run(
        pageActivities(sandboxPageDeps(sandbox, store, fanout)).sendAffectedEmailPage,
        page,
      );
      assert.equal(mailSends(sandbox), requestsBefore, 'attempt 2 requested nothing while attempt 1 may still send');
      const { resumeAt = '', ...counts } = retry as EmailPageResult;
      assert.deepEqual(counts, { addressed: 12, accepted: 0, failed: 0, duplicatesSkipped: 0, deferred: 12, held: 12 });
      assert.ok(
        Date.parse(resumeAt) > Date.now() + 2_000,
        `the later run is due once the lease ran out, not ${resumeAt}`,
      );

      // The workflow's later run of the page waits out the lease, finds attempt 1's group and sends the other two.
      const later = await attemptEnv(`mail-later-${driver.name}-r1`, 1).run(
        pageActivities(sandboxPageDeps(sandbox, store, fanout)).sendAffectedEmailPage,
        { ...page, round: 1 },
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);

      assert.equal(zombieRequests, 1, 'attempt 1 made no request after it woke up');
      assert.equal(mailSends(sandbox) - requestsBefore, 2, 'the later run requested only the two other groups');
      assert.deepEqual(later, { addressed: 12, accepted: 12, failed: 0, duplicatesSkipped: 4 });
      assertEachOnce(perRecipient(sandbox).email, people, 'email');
    },
  );

  const oneSend = (sms: SmsPort, key: DeliveryKey, to: string): SendOperation => {
    const deliveryKey = `${key.incidentId}/${key.milestone}/${key.recipientId}/${key.channel}`;
    const body = `Incident ${key.incidentId}: you are paged.`;
    return {
      send: () => sms.send({ to, body, deliveryKey }),
      findSent: (since) => sms.findSent(deliveryKey, to, since, body),
    };
  };
  const timings = claimTimings(ADAPTER_TIMEOUT_MS, FANOUT.claimLeaseMs);

  test(
    'deliverOnce: attempt 1 frozen after the provider accepted; attempt 2 waits out its lease and finds the message',
    TIMEOUT,
    async () => {
      const [person] = uniqueAudience(1) as [AffectedPerson];
      const key: DeliveryKey = {
        incidentId: `ZF-ONE-${driver.name}`,
        milestone: 'ops-alert:L1',
        recipientId: person.id,
        channel: 'sms',
      };
      const { sms } = sandboxPageDeps(sandbox, store, {});
      const gate = new Gate();
      const frozen = freezingSms(sms, 1, gate);
      const zombie = attemptEnv(`one-${driver.name}`, 1).run(() =>
        deliverOnce(store.ledger, key, oneSend(frozen, key, person.phone as string), { timings }),
      );
      await gate.reached;
      const second = await attemptEnv(`one-${driver.name}`, 2).run(() =>
        deliverOnce(store.ledger, key, oneSend(sms, key, person.phone as string), { timings }),
      );
      gate.open();
      await assert.rejects(zombie, fencedOut);
      assert.equal(second, 'already-sent');
      assert.equal(perRecipient(sandbox).sms.get(person.phone as string), 1);
      assert.equal((await store.ledger.get(key))?.state, 'sent');
    },
  );

  test(
    'deliverOnce: two activities send one key at the same moment: one sends, the other waits and finds it sent',
    TIMEOUT,
    async () => {
      const [person] = uniqueAudience(1) as [AffectedPerson];
      const key: DeliveryKey = {
        incidentId: `ZF-TWO-${driver.name}`,
        milestone: 'affected-people',
        recipientId: person.id,
        channel: 'sms',
      };
      const { sms } = sandboxPageDeps(sandbox, store, {});
      // The first request to reach Twilio is answered slowly, so the other finds the key held.
      sandbox.faults.inject(
        'twilio',
        { kind: 'slow', delayMs: 200 },
        { match: (method, path) => method === 'POST' && path.includes('/Messages.json') },
      );
      const outcomes = await Promise.all(
        ['page', 'follow-up'].map((activityId) =>
          attemptEnv(`${activityId}-${driver.name}`, 1).run(() =>
            deliverOnce(store.ledger, key, oneSend(sms, key, person.phone as string), { timings }),
          ),
        ),
      );
      sandbox.faults.clear();
      assert.deepEqual(outcomes.sort(), ['already-sent', 'sent']);
      assert.equal(perRecipient(sandbox).sms.get(person.phone as string), 1);
    },
  );
});
