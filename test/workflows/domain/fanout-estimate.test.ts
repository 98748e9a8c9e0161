import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FanoutPlan } from '../../../activities/index.ts';
import { observedEstimate, plannedEstimate, withWaiting } from '../../../workflows/domain/fanout-estimate.ts';

const plan: FanoutPlan = {
  total: 100_000,
  audience: { email: 100_000, sms: 90_000 },
  pageSize: 1000,
  smsPerSecond: 30,
  emailRequestsPerSecond: 10,
};
const start = Date.parse('2026-03-01T10:00:00Z');

test('planned: the slower channel decides (90,000 SMS at 30/s = 50 min; 100 email requests at 10/s = 10 s)', () => {
  const due = '2026-03-01T11:00:00.000Z';
  const e = plannedEstimate(plan, start, due);
  assert.equal(e.finishAt, '2026-03-01T10:50:00.000Z');
  assert.equal(e.atRisk, false);
  assert.equal(plannedEstimate(plan, start, '2026-03-01T10:40:00.000Z').atRisk, true);
  assert.equal(plannedEstimate(plan, start, null).atRisk, false, 'no deadline, no risk');
});

test('observed: the achieved rate replaces the plan; a channel not started keeps its planned pace', () => {
  // After 10 minutes, SMS only reached 6,000 (10/s): 94,000 left → 156.7 min more.
  const now = start + 10 * 60_000;
  const e = observedEstimate(plan, start, now, { email: 100_000, sms: 6_000 }, '2026-03-01T11:00:00.000Z');
  assert.equal(e.finishAt, new Date(now + Math.ceil((1000 * 94_000) / 10)).toISOString());
  assert.equal(e.atRisk, true);
  assert.match(e.basis, /sms 10\.0 recipients\/s/);
  const notStarted = observedEstimate(plan, start, now, { email: 100_000, sms: 0 }, null);
  assert.equal(notStarted.finishAt, '2026-03-01T10:50:00.000Z');
  const done = observedEstimate(plan, start, now, { email: 100_000, sms: 100_000 }, null);
  assert.equal(done.finishAt, new Date(now).toISOString());
});

test('texts waiting for morning: the finish is no earlier than the last wake-up plus their sending time', () => {
  const due = '2026-03-02T12:00:00.000Z';
  const e = plannedEstimate(plan, start, due);
  assert.equal(withWaiting(e, plan, undefined), e, 'nobody waits: unchanged');
  const waiting = withWaiting(e, plan, { people: 3000, until: '2026-03-02T07:00:00.000Z' });
  assert.equal(waiting.finishAt, '2026-03-02T07:01:40.000Z', '3,000 SMS at 30/s after 07:00');
  assert.equal(waiting.atRisk, false);
  assert.match(waiting.basis, /3000 SMS wait for their recipients' morning, the last until 2026-03-02T07:00:00.000Z/);
  const late = withWaiting(e, plan, { people: 3000, until: '2026-03-02T11:59:00.000Z' });
  assert.equal(late.atRisk, true, 'the waiting pushes the finish past the deadline: escalated');
});
