/**
 * The mass-notification batches in MockActivityEnvironment over the real PGlite store and
 * recording providers: one SendGrid request per rendering group with per-recipient keys and
 * names, a refused address found by halving, ambiguous sends reconciled before any resend, SMS
 * resumed after a crash without a second message, rate limits waited out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import type {
  DeliveryGroup,
  EmailBatch,
  LedgerClaim,
  RecipientReceipt,
  SendReceipt,
  SmsMessage,
} from '../../activities/ports.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { AffectedPerson } from '../../workflows/domain/contacts.ts';
import { testDirectory } from '../support/directory.ts';
import { storeDeps } from '../support/store-deps.ts';
import { ListCrm, RecordingEmail, RecordingSms } from '../support/fake-providers.ts';
import { incident } from '../support/workflow-harness.ts';

let store: HeraldStore;
before(async () => {
  store = await openStore({});
});
after(async () => {
  await store?.close();
});

function run<A extends unknown[], R>(fn: (...args: A) => Promise<R>, args: A, env = new MockActivityEnvironment()) {
  return env.run<A, R, typeof fn>(fn, ...args);
}

function people(n: number, prefix: string): AffectedPerson[] {
  const locales = ['de', 'fr', undefined];
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(5, '0')}`,
    name: i % 10 === 9 ? '' : `Person ${i}`,
    email: `p${i}@${prefix.toLowerCase()}.test`,
    phone: `+4915${String(i).padStart(9, '0')}`,
    ...(locales[i % 3] ? { locale: locales[i % 3] } : {}),
  }));
}

async function seeded(incidentId: string, audience: AffectedPerson[], overrides: Partial<ActivityDeps> = {}) {
  await store.recipients.addAll(incidentId, audience);
  const deps = {
    crm: new ListCrm([], 1),
    email: new RecordingEmail(),
    sms: new RecordingSms(),
    ...storeDeps(store),
    directory: testDirectory,
    fanout: { smsPerSecond: 10_000, emailRequestsPerSecond: 100, smsConcurrency: 8, pageSize: 1000 },
    ...overrides,
  } as ActivityDeps & { email: RecordingEmail; sms: RecordingSms };
  const page = { incidentId, incident: incident(incidentId, '2026-01-01T00:00:00Z'), offset: 0, limit: 1000 };
  return { deps, activities: createActivities(deps), page };
}

const countBy = (xs: readonly string[]) =>
  xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

test('a page of 1,000 goes out in one SendGrid request per rendering group, each person named and keyed', async () => {
  const audience = people(1000, 'MNA');
  const { deps, activities, page } = await seeded('MN-EMAIL', audience);
  const result = await run(activities.sendAffectedEmailPage, [page]);
  assert.deepEqual(result, { addressed: 1000, accepted: 1000, failed: 0, duplicatesSkipped: 0 });
  // Three locales × named or not: six renderings, six requests for 1,000 people.
  assert.equal(deps.email.requests, 6);
  assert.equal(deps.email.sent.length, 1000);
  const p1 = deps.email.to('p1@mna.test')[0];
  assert.match(p1?.text ?? '', /Person 1\b/, 'the greeting carries the name');
  assert.doesNotMatch(p1?.text ?? '', /herald_recipient_name/, 'no token left in the text');
  assert.equal(p1?.deliveryKey, 'MN-EMAIL/affected-people/MNA00001/email');
  const again = await run(activities.sendAffectedEmailPage, [page]);
  assert.equal(again.duplicatesSkipped, 1000, 'a retried page sends nothing again');
  assert.equal(deps.email.sent.length, 1000);
  const [audit] = (await store.audit.list('MN-EMAIL')).filter((e) => e.type === 'delivery.batch');
  assert.equal((audit?.data.sent as unknown[]).length, 1000, 'one audit entry lists every recipient');
});

test('an address SendGrid refuses fails alone: the request is halved until it stands out', async () => {
  class OneBadAddress extends RecordingEmail {
    override async sendBatch(batch: EmailBatch): Promise<SendReceipt> {
      if (batch.recipients.some((r) => r.to === 'p37@mnb.test')) {
        throw ApplicationFailure.nonRetryable('SendGrid refused the recipient address (HTTP 400)', 'InvalidRecipient');
      }
      return super.sendBatch(batch);
    }
  }
  const audience: AffectedPerson[] = people(60, 'MNB').map((p) => ({ ...p, locale: 'de', name: 'Same Name' }));
  audience.push({ id: 'MNB-BROKEN', name: 'Broken', email: 'not an address' });
  const email = new OneBadAddress();
  const { deps, activities, page } = await seeded('MN-BISECT', audience, { email });
  const result = await run(activities.sendAffectedEmailPage, [page]);
  assert.equal(result.accepted, 60 - 1);
  assert.equal(result.failed, 2, 'the refused one and the one that is no address at all');
  assert.equal(deps.email.sent.filter((m) => m.to === 'p37@mnb.test').length, 0);
  const entry = await store.ledger.get({
    incidentId: 'MN-BISECT',
    milestone: 'affected-people',
    recipientId: 'MNB00037',
    channel: 'email',
  });
  assert.equal(entry?.state, 'failed');
  assert.ok(email.requests <= 8, `log2(60) requests at most beyond the first, made ${email.requests}`);
});

test('an email batch accepted but answered with a time-out is looked up, not sent twice', async () => {
  class AcceptThenTimeout extends RecordingEmail {
    lookups = 0;
    #failed = false;
    override async sendBatch(batch: EmailBatch): Promise<SendReceipt> {
      const receipt = await super.sendBatch(batch);
      if (!this.#failed) {
        this.#failed = true;
        throw new Error('SendGrid batch send timed out after 10000 ms');
      }
      return receipt;
    }
    override async findSentBatch(batchKey: string) {
      this.lookups++;
      return super.findSentBatch(batchKey);
    }
  }
  const email = new AcceptThenTimeout();
  const audience = people(30, 'MNC').map((p) => ({ ...p, locale: 'fr', name: 'N' }));
  const { deps, activities, page } = await seeded('MN-AMBIG', audience, { email });
  const result = await run(activities.sendAffectedEmailPage, [page]);
  assert.equal(result.accepted, 30);
  assert.equal(result.duplicatesSkipped, 30, 'all found at the provider');
  assert.equal(email.lookups, 1);
  assert.equal(deps.email.sent.length, 30, 'one message each');
});

test('SMS after a crash between send and confirm: reconciled with the provider, nobody texted twice', async () => {
  const audience = people(200, 'MND');
  // The first attempt's confirmations fail once (the process "dies" after the sends of a chunk).
  let confirmFailures = 1;
  const real = store.ledger;
  const ledger = new Proxy(real, {
    get(target, property) {
      if (property === 'confirmBatch') {
        return async (group: DeliveryGroup, receipts: readonly RecipientReceipt[], claim?: LedgerClaim) => {
          if (receipts.length > 0 && confirmFailures-- > 0) throw new Error('connection to the store lost');
          return real.confirmBatch(group, receipts, claim);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const sms = new (class extends RecordingSms {
    lookups = 0;
    override async findSent(deliveryKey: string) {
      this.lookups++;
      return super.findSent(deliveryKey);
    }
  })();
  const { activities, page } = await seeded('MN-SMS-CRASH', audience, { ledger, sms });
  const input = { ...page, perSecond: 10_000 };
  const details: unknown[] = [];
  const first = new MockActivityEnvironment();
  first.on('heartbeat', (d: unknown) => details.push(d));
  await assert.rejects(run(activities.sendAffectedSmsPage, [input], first), /store lost/);
  const resumed = new MockActivityEnvironment({ heartbeatDetails: details.at(-1) });
  const result = await run(activities.sendAffectedSmsPage, [input], resumed);
  assert.equal(result.accepted, 200);
  const perPhone = countBy(sms.sent.map((m) => m.to));
  assert.equal(perPhone.size, 200, 'everyone texted');
  assert.ok(
    [...perPhone.values()].every((n) => n === 1),
    'nobody texted twice',
  );
  // At most the unconfirmed batch (64), the chunk in flight and the one claimed ahead of it (2 × 32)
  // are looked up, not all 200.
  assert.ok(sms.lookups > 0 && sms.lookups <= 128, `only what was unconfirmed is looked up (${sms.lookups})`);
});

test('SMS: transient failures and rate limits go back in line and again, ambiguous ones looked up first', async () => {
  let calls = 0;
  const sms = new (class extends RecordingSms {
    override async send(message: SmsMessage): Promise<SendReceipt> {
      calls++;
      // Refused whatever else happens to the call: Twilio never accepts this number, so the
      // "accepted, answer lost" fault below must not deliver it (it did when the lanes' order put
      // its call on a seventh).
      if (message.to === '+4915000000005') {
        throw ApplicationFailure.nonRetryable(
          "Twilio refused the recipient (error 21211: invalid 'To' number)",
          'InvalidRecipient',
        );
      }
      if (calls % 7 === 0) {
        // Accepted, then the answer is lost.
        await super.send(message);
        throw new Error('socket hang up');
      }
      if (calls % 11 === 0) throw new Error('Twilio answered 503');
      if (calls % 13 === 0) {
        throw ApplicationFailure.create({ message: 'Twilio rate limit', type: 'RateLimited', nextRetryDelay: 20 });
      }
      return super.send(message);
    }
  })();
  const audience = people(120, 'MNE');
  const { activities, page } = await seeded('MN-SMS-FLAKY', audience, { sms });
  const result = await run(activities.sendAffectedSmsPage, [{ ...page, perSecond: 10_000 }]);
  assert.equal(result.accepted, 119);
  assert.equal(result.failed, 1);
  const perPhone = countBy(sms.sent.map((m) => m.to));
  assert.equal(perPhone.size, 119);
  assert.ok(
    [...perPhone.values()].every((n) => n === 1),
    'no duplicates after lost answers',
  );
});

test('the plan reports the audience per channel, the batch size and the provider queues', async () => {
  const audience = people(5, 'MNF');
  audience.push({ id: 'MNF-NOPHONE', name: 'No Phone', email: 'np@mnf.test' });
  const { activities } = await seeded('MN-PLAN', audience, {
    fanout: { smsPerSecond: 30, emailRequestsPerSecond: 10, smsConcurrency: 4, pageSize: 5000, smsTaskQueue: 'q-sms' },
  });
  const plan = await run(activities.planAffectedFanout, [{ incidentId: 'MN-PLAN' }]);
  assert.deepEqual(plan, {
    total: 6,
    audience: { email: 6, sms: 5 },
    pageSize: 1000,
    smsTaskQueue: 'q-sms',
    smsPerSecond: 30,
    emailRequestsPerSecond: 10,
    deliveryReports: false,
  });
});
