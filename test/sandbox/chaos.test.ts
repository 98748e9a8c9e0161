/**
 * The sandbox's chaos mode: seeded, so the faults for a seed are the same on every run (the counts
 * below are exact for their seeds); applied to message sends only unless asked otherwise; an
 * accepted-then-timed-out message is in the log as accepted although the client never got an answer.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { Chaos } from '../../sandbox/chaos.ts';
import type { ChaosOptions } from '../../sandbox/chaos.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Fault, Sandbox } from '../../sandbox/index.ts';

/** Fault kinds (5xx by status) of `n` decisions. */
function tally(options: ChaosOptions, n: number): Record<string, number> {
  const chaos = new Chaos(options);
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const fault = chaos.decide();
    const key = fault === undefined ? 'none' : fault.kind === 'status' ? `status-${fault.status}` : fault.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const ISSUE_RATES = {
  serverErrorRate: 0.2,
  acceptThenTimeoutRate: 0.05,
  rateLimitBurst: { every: 500, length: 20, retryAfterSeconds: 2 },
} as const;

describe('chaos decisions', () => {
  it('honour the rates over many requests, and the same seed gives the same faults', () => {
    const counts = tally({ seed: 1, ...ISSUE_RATES }, 10_000);
    assert.deepEqual(tally({ seed: 1, ...ISSUE_RATES }, 10_000), counts, 'reproducible for a seed');
    assert.notDeepEqual(tally({ seed: 2, ...ISSUE_RATES }, 10_000), counts, 'another seed, other faults');
    // 20 of every 500 requests are in a burst: exactly 400 of 10,000.
    assert.equal(counts['rate-limit'], 400);
    const serverErrors = (counts['status-500'] ?? 0) + (counts['status-502'] ?? 0) + (counts['status-503'] ?? 0);
    // The rates apply to the 9,600 requests outside bursts: ~1,920 and ~480.
    assert.ok(Math.abs(serverErrors - 1920) < 150, `~20 % server errors (${serverErrors})`);
    const timeouts = counts['accept-then-timeout'] ?? 0;
    assert.ok(Math.abs(timeouts - 480) < 75, `~5 % accept-then-timeout (${timeouts})`);
    for (const status of [500, 502, 503]) assert.ok((counts[`status-${status}`] ?? 0) > 500, `some ${status}`);
    // Pinned for seed 1, so a change in the PRNG or the decision order is noticed.
    assert.deepEqual(counts, {
      none: 7206,
      'rate-limit': 400,
      'status-500': 647,
      'status-502': 666,
      'status-503': 597,
      'accept-then-timeout': 484,
    });
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      10_000,
    );
  });

  it('bursts come at the end of each window, with the given Retry-After', () => {
    const chaos = new Chaos({ seed: 3, rateLimitBurst: { every: 10, length: 3, retryAfterSeconds: 4 } });
    const kinds = Array.from({ length: 20 }, () => chaos.decide());
    const limited = kinds.flatMap((f, i) => (f?.kind === 'rate-limit' ? [i] : []));
    assert.deepEqual(limited, [7, 8, 9, 17, 18, 19]);
    assert.deepEqual(kinds[7], { kind: 'rate-limit', retryAfterSeconds: 4 });
    assert.equal(chaos.decisions, 20);
  });

  it('time-based bursts: every request in the last part of each window is rate-limited', () => {
    let now = 1_000_000;
    const chaos = new Chaos({ seed: 3, rateLimitBurst: { every: 1_000, length: 100, unit: 'ms' } }, () => now);
    const limitedAt: number[] = [];
    for (let t = 0; t < 3_000; t += 50) {
      now = 1_000_000 + t;
      if (chaos.decide()?.kind === 'rate-limit') limitedAt.push(t);
    }
    assert.deepEqual(limitedAt, [900, 950, 1900, 1950, 2900, 2950]);
  });

  it('refuses rates that make no sense', () => {
    assert.throws(() => new Chaos({ seed: 1, serverErrorRate: 1.5 }), /serverErrorRate/);
    assert.throws(() => new Chaos({ seed: 1, serverErrorRate: 0.7, acceptThenTimeoutRate: 0.5 }), /more than 1/);
    assert.throws(() => new Chaos({ seed: 1, rateLimitBurst: { every: 5, length: 5 } }), /less than every/);
    assert.throws(() => new Chaos({ seed: 1, serverErrorStatuses: [404] }), /5xx/);
  });
});

describe('chaos mode on the sandbox servers', () => {
  let sandbox: Sandbox | undefined;
  const started = async (): Promise<Sandbox> => (sandbox ??= await startSandbox({ seed: { count: 10, seed: 1 } }));
  beforeEach(async () => {
    const s = await started();
    s.faults.clear();
    s.log.clear();
  });
  after(async () => {
    await sandbox?.close();
  });

  const mail = (s: Sandbox, to: string) =>
    fetch(`${s.sendgridUrl}/v3/mail/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.credentials.sendgrid.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        personalizations: [{ to: [{ email: to }], custom_args: { herald_delivery_key: `k/${to}` } }],
        from: { email: 'herald@example.test' },
        subject: 'Notice',
        content: [{ type: 'text/plain', value: 'Hello' }],
      }),
    });
  const lookup = (s: Sandbox) =>
    fetch(`${s.sendgridUrl}/v3/messages?query=${encodeURIComponent('to_email="a@example.test"')}`, {
      headers: { authorization: `Bearer ${s.credentials.sendgrid.apiKey}` },
    });
  const twilioAuth = (s: Sandbox) =>
    `Basic ${Buffer.from(`${s.credentials.twilio.accountSid}:${s.credentials.twilio.authToken}`).toString('base64')}`;
  const sms = (s: Sandbox, to: string) =>
    fetch(`${s.twilioUrl}/2010-04-01/Accounts/${s.credentials.twilio.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization: twilioAuth(s), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: to, From: s.credentials.twilio.fromNumber, Body: 'Hello' }),
    });

  /** The kinds of fault the logged requests met, by status answered (0: no answer). */
  const outcomes = (s: Sandbox, provider: 'sendgrid' | 'twilio') =>
    s.log.requests(provider).map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);

  it('faults message sends only; the log names each fault; the same seed replays the same answers', async () => {
    const run = async (): Promise<number[]> => {
      const s = await started();
      s.faults.clear();
      s.log.clear();
      s.faults.chaos('sendgrid', { seed: 11, serverErrorRate: 0.3, rateLimitBurst: { every: 8, length: 2 } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        statuses.push((await mail(s, `p${i}@example.test`)).status);
        assert.equal((await lookup(s)).status, 200, 'lookups are not faulted');
      }
      return statuses;
    };
    const first = await run();
    const s = await started();
    const sends = s.log.requests('sendgrid').filter((r) => r.method === 'POST');
    assert.equal(sends.filter((r) => r.fault === 'rate-limit').length, 10, '2 of every 8');
    assert.ok(sends.filter((r) => r.status === 429).every((r) => r.fault === 'rate-limit'));
    assert.ok(sends.some((r) => r.fault === 'status' && r.status >= 500));
    assert.equal(
      s.log.acceptedEmails().length,
      sends.filter((r) => r.status === 202).length,
      'only answered sends are accepted',
    );
    assert.ok(s.log.requests('sendgrid').every((r) => r.method === 'POST' || r.fault === undefined));
    assert.deepEqual(await run(), first, 'the same seed, the same answers');
  });

  it('includeLookups faults lookups too', async () => {
    const s = await started();
    s.faults.chaos('sendgrid', { seed: 5, serverErrorRate: 1, includeLookups: true });
    assert.ok((await lookup(s)).status >= 500);
    assert.ok((await mail(s, 'a@example.test')).status >= 500);
    assert.deepEqual(
      outcomes(s, 'sendgrid').map((o) => o.replace(/ 50\d /, ' 5xx ')),
      ['GET 5xx status', 'POST 5xx status'],
    );
  });

  it('accept-then-timeout: the message is accepted and logged, the client gets no answer', async () => {
    const s = await started();
    s.faults.chaos('twilio', { seed: 2, acceptThenTimeoutRate: 1, acceptThenTimeoutHoldMs: 50 });
    const sent = sms(s, '+353871234567');
    while (s.log.acceptedSms().length === 0) await new Promise((r) => setTimeout(r, 5));
    assert.equal(s.log.inFlight(), 1, 'accepted, and still held');
    await assert.rejects(sent, 'the socket drops after the hold');
    assert.equal(s.log.inFlight(), 0);
    assert.deepEqual(outcomes(s, 'twilio'), ['POST 0 accept-then-timeout']);
    assert.deepEqual(
      s.log.acceptedSms().map((m) => m.to),
      ['+353871234567'],
    );
    // A request the provider refuses is answered as usual: nothing was accepted.
    assert.equal((await sms(s, '+1')).status, 400);
    assert.equal(s.log.acceptedSms().length, 1);
    s.faults.calm('twilio');
    assert.equal((await sms(s, '+353871234568')).status, 201);
  });

  it('a client that gives up before the held answer sees a timeout, and the provider acted', async () => {
    const s = await started();
    const fault: Fault = { kind: 'accept-then-timeout', holdMs: 5_000 };
    s.faults.inject('sendgrid', fault);
    await assert.rejects(
      fetch(`${s.sendgridUrl}/v3/mail/send`, {
        method: 'POST',
        signal: AbortSignal.timeout(200),
        headers: { authorization: `Bearer ${s.credentials.sendgrid.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: 'late@example.test' }] }],
          from: { email: 'herald@example.test' },
          subject: 'Notice',
          content: [{ type: 'text/plain', value: 'Hello' }],
        }),
      }),
      (err: Error) => err.name === 'TimeoutError',
    );
    assert.deepEqual(
      s.log.acceptedEmails().map((e) => e.to),
      ['late@example.test'],
    );
  });
});
