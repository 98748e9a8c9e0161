/** The data-leak procedure when everyone acts in time: every milestone met, nobody told twice. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();

test('every milestone is met on time and each recipient is told exactly once', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, sms, incident }) => {
    const { handle, started } = await startDataLeak(client, { incident: incident('ONTIME-1') }, taskQueue);
    assert.equal(started, true);
    await harness().env.sleep('2 minutes');

    let status = await getStatus(handle);
    assert.equal(status.milestones.find((m) => m.id === 'ops-alert')?.state, 'met');
    assert.equal(status.milestones.find((m) => m.id === 'stakeholder-notice')?.state, 'met');
    assert.equal(email.to('oncall1@uni.test').length, 1, 'on-call level 0 emailed once');
    assert.equal(sms.sent.filter((m) => m.to === '+4930000011').length, 1, 'on-call level 0 texted once');
    for (const who of ['dpo', 'legal', 'ciso', 'registrar', 'comms']) {
      const notices = email.to(`${who}@uni.test`).filter((m) => m.deliveryKey.includes('/stakeholder-notice/'));
      assert.equal(notices.length, 1, `${who} told once`);
    }
    const review = email.to('legal@uni.test').filter((m) => m.deliveryKey.includes('/authority-notice:review:v1/'));
    assert.equal(review.length, 1, 'legal asked once to review draft v1');
    assert.match(
      review[0]?.text ?? '',
      /herald incident approve ONTIME-1 --as <you> --version 1 --sha256 [0-9a-f]{64}/,
    );
    assert.match(
      review[0]?.text ?? '',
      /--- draft v1 ---[\s\S]*Art\. 33/,
      'the exact draft text travels with the request',
    );
    assert.equal(email.to('ciso@uni.test').length, 1, 'only legal reviews the notice');

    status = await act(handle, 'acknowledge', { actor: responder });
    assert.equal(status.acknowledgement?.by.id, 'olga');
    await harness().env.sleep('1 minute');
    status = await getStatus(handle);
    assert.equal(status.milestones.find((m) => m.id === 'compliance-report')?.state, 'met');
    assert.equal(email.to('compliance@uni.test').length, 1);
    assert.match(email.to('compliance@uni.test')[0]?.text ?? '', /ops-alert/);
    assert.match(email.to('compliance@uni.test')[0]?.text ?? '', /## Legal clocks/);

    const draft = status.authorityNotice.draft;
    assert.ok(draft, 'a draft awaits approval');
    assert.equal(draft.state, 'pending-approval');
    assert.equal(status.affectedPeople.total, 4, 'five CRM rows, one duplicate email');
    const gdpr = status.legalClocks?.find((c) => c.regime === 'GDPR' && c.dueAt !== null);
    assert.equal(
      gdpr?.dueAt,
      new Date(Date.parse(status.detectedAt) + 72 * 3_600_000).toISOString(),
      'GDPR Art. 33: 72 h',
    );
    assert.match(gdpr?.source ?? '', /Art\. 33/);
    await act(handle, 'approve', { actor: legal, version: draft.version, sha256: draft.sha256 });

    const final = await handle.result();
    assert.equal(final.phase, 'completed');
    for (const m of final.milestones) assert.equal(m.state, 'met', `${m.id} met`);
    assert.equal(final.escalationLevel, 0);
    assert.equal(email.to('breach@authority.test').length, 1, 'authority told once');
    assert.doesNotMatch(email.to('breach@authority.test')[0]?.text ?? '', /Reasons for the delay/);
    assert.equal(email.to('anna@student.test').length, 1, 'duplicate CRM record → one email');
    assert.match(email.to('anna@student.test')[0]?.text ?? '', /Datenschutz|Daten/, 'German student gets German text');
    assert.equal(sms.sent.filter((m) => m.to === '+31600000004').length, 1, 'phone-only student texted');
    assert.equal(final.affectedPeople.notified, 4);
    assert.equal(
      email.to('ciso@uni.test').length,
      1,
      'no deadline escalation to the CISO beyond the stakeholder notice',
    );
    assert.equal(email.to('gc@uni.test').length, 0, 'no approval escalation');
  });
});

test('re-triggering a running incident reaches the same procedure', async () => {
  await runScenario(harness(), async ({ client, taskQueue, incident }) => {
    const first = await startDataLeak(client, { incident: incident('RETRIGGER-1') }, taskQueue);
    const second = await startDataLeak(client, { incident: incident('RETRIGGER-1') }, taskQueue);
    assert.equal(first.started, true);
    assert.equal(second.started, false);
    const a = await first.handle.describe();
    const b = await second.handle.describe();
    assert.equal(a.runId, b.runId);
    // Closed once it waits only on timers: closed in its first moments, it cancels the snapshot or
    // directory read completing in that task, which the time-skipping server refuses for good
    // (sdk-typescript#1058; seen once in CI, 2026-12-04).
    await act(first.handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('5 minutes');
    await act(first.handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'test cleanup' });
    const final = await first.handle.result();
    assert.equal(final.phase, 'closed');
  });
});
