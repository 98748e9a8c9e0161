/** Deadline paths: each missed milestone escalates; unacknowledged alerts climb the ladder. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';
import { closeAtRest } from '../support/close-at-rest.ts';

const harness = useHarness();

const stateOf = (s: ProcedureStatus, id: string) => s.milestones.find((m) => m.id === id)?.state;

test('ops alert, stakeholder notice and report each missed → escalated, then delivered late', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, outage, incident }) => {
    outage.failing = (key) => /\/(ops-alert:L0|stakeholder-notice|compliance-report:v1)\//.test(key);
    const { handle } = await startDataLeak(client, { incident: incident('MISS-1') }, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });

    await harness().env.sleep('16 minutes');
    let status = await getStatus(handle);
    assert.equal(stateOf(status, 'ops-alert'), 'missed');
    assert.equal(stateOf(status, 'stakeholder-notice'), 'pending');
    assert.equal(email.sent.filter((m) => m.to === 'ciso@uni.test' && /ops-alert/.test(m.text)).length, 1);

    await harness().env.sleep('45 minutes');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'stakeholder-notice'), 'missed');

    await harness().env.sleep('3 hours');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'compliance-report'), 'missed');
    const escalations = email.sent.filter((m) => m.deliveryKey.includes(':deadline-missed/'));
    assert.deepEqual(escalations.map((m) => m.deliveryKey.split('/')[1]).sort(), [
      'compliance-report:deadline-missed',
      'ops-alert:deadline-missed',
      'stakeholder-notice:deadline-missed',
    ]);

    outage.failing = () => false;
    await harness().env.sleep('10 minutes');
    status = await getStatus(handle);
    for (const id of ['ops-alert', 'stakeholder-notice', 'compliance-report']) {
      const m = status.milestones.find((x) => x.id === id);
      assert.equal(m?.state, 'missed', `${id} stays missed`);
      assert.ok(m?.completedAt, `${id} delivered late`);
    }
    const alerts = email.to('oncall1@uni.test').filter((m) => m.deliveryKey.includes('/ops-alert:L0/'));
    assert.equal(alerts.length, 1, 'the late alert went out once');
    assert.ok(
      email.to('oncall1@uni.test').some((m) => m.deliveryKey.includes('/service-alert:sms:')),
      'on-call was told by email that SMS kept failing',
    );
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
    await handle.result();
  });
});

test('an unacknowledged alert climbs the ladder; acknowledgement stops it', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('LADDER-1') }, taskQueue);
    await harness().env.sleep('11 minutes');
    let status = await getStatus(handle);
    assert.equal(status.escalationLevel, 2);
    assert.equal(sms.sent.filter((m) => m.to === '+4930000012').length, 1, 'level 1 paged at 5 min');
    assert.equal(sms.sent.filter((m) => m.to === '+4930000013').length, 1, 'level 2 paged at 10 min');

    await act(handle, 'acknowledge', { actor: responder, note: 'on it' });
    const pagesAtAck = sms.sent.length;
    await harness().env.sleep('30 minutes');
    status = await getStatus(handle);
    assert.equal(status.escalationLevel, 2);
    assert.equal(sms.sent.filter((m) => /ops-alert/.test(m.deliveryKey)).length, 3, 'no page after ack');
    assert.ok(sms.sent.length >= pagesAtAck);
    await closeAtRest(handle);
  });
});

test('acknowledged in time: nobody above level 0 is paged', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('LADDER-2') }, taskQueue);
    await harness().env.sleep('1 minute');
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('20 minutes');
    assert.equal(sms.sent.filter((m) => m.to === '+4930000012').length, 0);
    assert.equal((await getStatus(handle)).escalationLevel, 0);
    await closeAtRest(handle);
  });
});

test('approval missing near 72 h escalates to legal; after 72 h the notice is redrafted with the reasons for the delay', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('LATE-1') }, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('49 hours');
    assert.equal(email.to('gc@uni.test').length, 1, 'legal escalation 24 h before the deadline');
    let status = await getStatus(handle);
    const v1 = status.authorityNotice.draft;
    assert.equal(v1?.version, 1);

    await harness().env.sleep('24 hours');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'authority-notice'), 'missed');
    const v2 = status.authorityNotice.draft;
    assert.equal(v2?.version, 2);
    assert.equal(v2?.late, true);
    await assert.rejects(
      act(handle, 'approve', { actor: legal, version: 1, sha256: v1?.sha256 ?? '' }),
      /v1 is not current/,
    );
    await act(handle, 'approve', { actor: legal, version: 2, sha256: v2?.sha256 ?? '' });
    const final = await handle.result();
    const notice = email.to('breach@authority.test');
    assert.equal(notice.length, 1);
    assert.match(notice[0]?.text ?? '', /Reasons for the delay/);
    assert.equal(stateOf(final, 'authority-notice'), 'missed');
    assert.ok(final.milestones.find((m) => m.id === 'authority-notice')?.completedAt);
    assert.equal(stateOf(final, 'affected-people'), 'met');
  });
});
