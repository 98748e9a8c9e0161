import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FanoutPlan } from '../../../activities/index.ts';
import {
  channelRate,
  PACE_WINDOW,
  plannedRate,
  recentEstimate,
  withMark,
} from '../../../workflows/domain/fanout-pace.ts';
import type { PaceMark } from '../../../workflows/domain/fanout-pace.ts';

const plan: FanoutPlan = {
  total: 100_000,
  audience: { email: 100_000, sms: 100_000 },
  pageSize: 1000,
  smsPerSecond: 10_000,
  emailRequestsPerSecond: 1000,
};
const start = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number, processed: number): PaceMark => ({ atMs: start + seconds * 1000, processed });

test('marks: a report that moved nothing on adds none; the window keeps the newest PACE_WINDOW', () => {
  let marks: PaceMark[] = [at(3, 1000)];
  assert.deepEqual(withMark(marks, at(3, 1000)), marks, 'the first page reported again');
  assert.deepEqual(withMark(marks, at(4, 1000)), marks, 'later, nothing more processed (a blockage)');
  for (let page = 2; page <= 20; page++) marks = withMark(marks, at(2 + page, page * 1000));
  assert.equal(marks.length, PACE_WINDOW);
  assert.deepEqual(marks[marks.length - 1], at(22, 20_000));
  assert.deepEqual(marks[0], at(22 - (PACE_WINDOW - 1), 20_000 - (PACE_WINDOW - 1) * 1000));
});

test('rate: between the oldest and newest mark, so the start-up before the first page is not charged', () => {
  // The first page took 3 s (start-up), then a page a second: 1,000/s, not 5,000 / 7 s.
  const marks = [at(3, 1000), at(5, 3000), at(7, 5000)];
  const rate = channelRate(plan, 'sms', start, marks);
  assert.equal(rate?.perSecond, 1000);
  assert.match(rate?.over ?? '', /over the last 4000 people/);
});

test('rate: with only the first page done it is counted from the start; nothing done: no rate', () => {
  assert.equal(channelRate(plan, 'sms', start, [at(2, 1000)])?.perSecond, 500);
  assert.equal(channelRate(plan, 'sms', start, []), null);
});

test('rate: never above the configured rate (the pacer does not let it pass)', () => {
  const slow: FanoutPlan = { ...plan, smsPerSecond: 100, emailRequestsPerSecond: 2 };
  assert.equal(plannedRate(slow, 'sms'), 100);
  assert.equal(plannedRate(slow, 'email'), 2000, 'email: a page of 1,000 per request');
  assert.equal(channelRate(slow, 'sms', start, [at(3, 1000), at(4, 3000)])?.perSecond, 100);
});

test('estimate: each channel from its latest mark at its recent rate; the slower channel decides', () => {
  const now = start + 10_200;
  const marks = {
    // email: 2,000/s since its first page; 80,000 left at 10 s → 40 s more.
    email: [at(2, 4000), at(10, 20_000)],
    // sms: 1,000/s; 90,000 left at 10 s → 90 s more: the finish.
    sms: [at(3, 3000), at(10, 10_000)],
  };
  const e = recentEstimate(plan, start, now, marks, '2026-03-01T10:01:00.000Z');
  assert.equal(e.finishAt, new Date(start + 100_000).toISOString());
  assert.equal(e.atRisk, true, 'due after 60 s, estimated after 100 s');
  assert.equal(e.estimatedAt, new Date(now).toISOString());
  assert.match(e.basis, /email 2000\.0 recipients\/s over the last 16000 people, sms 1000\.0 recipients\/s/);
  const lenient = recentEstimate(plan, start, now, marks, '2026-03-01T10:02:00.000Z');
  assert.equal(lenient.atRisk, false);
});

test('estimate: a channel with nothing done keeps its planned finish; one done or without people is left out', () => {
  const slow: FanoutPlan = { ...plan, smsPerSecond: 100 };
  const now = start + 5000;
  const notStarted = recentEstimate(slow, start, now, { email: [at(2, 4000), at(4, 8000)], sms: [] }, null);
  assert.equal(notStarted.finishAt, new Date(start + 1_000_000).toISOString(), '100,000 SMS at 100/s');
  const emailDone = recentEstimate(
    plan,
    start,
    now,
    { email: [at(4, 100_000)], sms: [at(2, 2000), at(4, 4000)] },
    null,
  );
  assert.equal(emailDone.finishAt, new Date(start + 4000 + 96_000).toISOString());
  const noSms = recentEstimate(
    { ...plan, audience: { email: 100_000, sms: 0 } },
    start,
    now,
    { email: [at(2, 4000), at(4, 8000)], sms: [] },
    null,
  );
  assert.equal(noSms.finishAt, new Date(start + 4000 + 46_000).toISOString());
});

test('estimate: never before now, and all done means now', () => {
  const now = start + 60_000;
  const stale = recentEstimate(
    plan,
    start,
    now,
    { email: [at(2, 98_000), at(3, 99_000)], sms: [at(1, 100_000)] },
    null,
  );
  assert.equal(stale.finishAt, new Date(now).toISOString(), 'its last page was due at 4 s: now, not the past');
  const done = recentEstimate(plan, start, now, { email: [at(50, 100_000)], sms: [at(55, 100_000)] }, null);
  assert.equal(done.finishAt, new Date(now).toISOString());
  assert.match(done.basis, /nothing left to send/);
});

test('estimate, shared capacity: channels below their ceilings finish together at their combined rate', () => {
  const now = start + 10_200;
  const marks = { email: [at(2, 4000), at(10, 20_000)], sms: [at(3, 3000), at(10, 10_000)] };
  // 80,000 + 90,000 left at 3,000/s together: 56.7 s after 10 s, not the SMS alone's 90 s.
  const shared = recentEstimate(plan, start, now, marks, null, { sharedCapacity: true });
  assert.equal(shared.finishAt, new Date(start + 10_000 + Math.ceil((1000 * 170_000) / 3000)).toISOString());
  assert.match(shared.basis, /together, below their ceilings/);
  assert.equal(
    recentEstimate(plan, start, now, marks, null).finishAt,
    new Date(start + 100_000).toISOString(),
    'without the option: the slower channel alone',
  );
});

test('estimate, shared capacity: an email recipient weighs its cost against an SMS one', () => {
  const now = start + 10_200;
  const marks = { email: [at(2, 4000), at(10, 20_000)], sms: [at(3, 3000), at(10, 10_000)] };
  // Capacity 1,000 SMS/s + 0.3 × 2,000 emails/s = 1,600 SMS a second; left: 90,000 SMS + 0.3 × 80,000.
  const weighed = recentEstimate(plan, start, now, marks, null, { sharedCapacity: true, emailCost: 0.3 });
  assert.equal(weighed.finishAt, new Date(start + 10_000 + Math.ceil((1000 * 114_000) / 1600)).toISOString());
  assert.match(weighed.basis, /together, below their ceilings/);
});

test('estimate, shared capacity: a channel at its provider ceiling, or one left alone, finishes on its own', () => {
  const now = start + 10_200;
  // SMS paced at its ceiling of 1,000/s: the provider holds it, so email finishing frees nothing.
  const paced: FanoutPlan = { ...plan, smsPerSecond: 1000 };
  const marks = { email: [at(2, 4000), at(10, 20_000)], sms: [at(3, 3000), at(10, 10_000)] };
  assert.equal(
    recentEstimate(paced, start, now, marks, null, { sharedCapacity: true }).finishAt,
    new Date(start + 100_000).toISOString(),
  );
  // Email done: SMS alone at its own rate.
  const emailDone = { email: [at(4, 100_000)], sms: [at(2, 2000), at(4, 4000)] };
  assert.equal(
    recentEstimate(plan, start, start + 5000, emailDone, null, { sharedCapacity: true }).finishAt,
    new Date(start + 4000 + 96_000).toISOString(),
  );
  // Never faster than a channel's ceiling: 90,000 SMS at most 2,000/s take 45 s, however fast email goes.
  const capped: FanoutPlan = { ...plan, smsPerSecond: 2000 };
  const fastEmail = { email: [at(2, 4000), at(10, 90_000)], sms: [at(3, 3000), at(10, 10_000)] };
  assert.equal(
    recentEstimate(capped, start, now, fastEmail, null, { sharedCapacity: true }).finishAt,
    new Date(start + 10_000 + 45_000).toISOString(),
  );
});
