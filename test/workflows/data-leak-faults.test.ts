/**
 * A legal procedure never dies and never lies (issue 12): provider faults injected into the
 * data-leak procedure on the time-skipping server, over the real activities. Each scenario checks
 * that the workflow runs on, the failing service is shown and paged, every other channel and watch
 * works, and an operator's `retry` after the fix delivers what waited — once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import type { ProcedureStatus } from '../../workflows/domain/status.ts';
import { SwitchableCrm } from '../support/fake-providers.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
const stateOf = (s: ProcedureStatus, id: string) => s.milestones.find((m) => m.id === id);
const revoked = () => ApplicationFailure.nonRetryable('SendGrid refused the API key (HTTP 401)', 'ProviderAuth');

test('revoked email key: on-call paged by SMS at once, email blocked and paged, watches run; retry after the fix sends each email once', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, sms, outage, deps, incident }) => {
    outage.refusing = (channel) => (channel === 'email' ? revoked() : undefined);
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-1') }, taskQueue);
    await harness().env.sleep('2 minutes');
    let status = await getStatus(handle);
    assert.equal(status.phase, 'active');
    assert.equal(stateOf(status, 'ops-alert')?.state, 'met', 'SMS went out on its own');
    assert.ok(sms.sent.some((m) => m.to === '+4930000011' && m.deliveryKey.includes('/ops-alert:L0/')));
    const blocked = status.blocked?.find((b) => b.service === 'email');
    assert.equal(blocked?.permanent, true);
    assert.equal(blocked?.failureType, 'ProviderAuth');
    assert.ok(blocked?.steps.includes('ops-alert:L0/email'), 'listed even when another email step was refused first');
    assert.ok(
      sms.sent.some((m) => m.to === '+4930000011' && m.deliveryKey.includes('/service-alert:email:')),
      'on-call told by SMS that email is blocked',
    );

    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('1 hour');
    status = await getStatus(handle);
    // The stakeholders have email only: not reached, so missed, audited and escalated by SMS.
    assert.equal(stateOf(status, 'stakeholder-notice')?.state, 'missed');
    assert.ok(
      sms.sent.some((m) => m.to === '+4930000031' && m.deliveryKey.includes('stakeholder-notice:deadline-missed')),
    );
    const audit = await deps.audit.list('FAULT-1');
    assert.ok(audit.some((e) => e.type === 'service.blocked' && e.data.service === 'email'));
    assert.ok(audit.some((e) => e.type === 'milestone.missed' && e.data.milestone === 'stakeholder-notice'));
    assert.equal(email.sent.length, 0);

    outage.refusing = undefined;
    await act(handle, 'retry', { actor: responder, service: 'email', note: 'key rotated' });
    await harness().env.sleep('1 minute');
    status = await getStatus(handle);
    assert.deepEqual(status.blocked ?? [], []);
    assert.ok(stateOf(status, 'stakeholder-notice')?.completedAt, 'delivered late after the fix');
    assert.equal(stateOf(status, 'stakeholder-notice')?.state, 'missed');
    const keys = email.sent.map((m) => m.deliveryKey);
    assert.equal(new Set(keys).size, keys.length, 'no email twice');
    assert.ok(keys.some((k) => k.includes('/stakeholder-notice/ciso/')));
    const after = await deps.audit.list('FAULT-1');
    assert.ok(after.some((e) => e.type === 'service.unblocked' && e.actor === responder.id));
    assert.ok(await deps.audit.verify().then((v) => v.ok));
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
    assert.equal((await handle.result()).phase, 'closed');
  });
});

test('SMS refused for one number (21211): recorded unreachable by SMS, reached by email, nothing else stops', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, outage, incident }) => {
    outage.refusing = (channel, key) =>
      channel === 'sms' && key.includes('/oncall-1/')
        ? ApplicationFailure.nonRetryable(
            "Twilio refused the recipient (error 21211: invalid 'To' number)",
            'InvalidRecipient',
          )
        : undefined;
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-2') }, taskQueue);
    await harness().env.sleep('1 minute');
    const status = await getStatus(handle);
    assert.equal(stateOf(status, 'ops-alert')?.state, 'met');
    assert.equal(status.deliveries.sms.failed, 1);
    assert.deepEqual(status.blocked ?? [], [], 'a refused number blocks nothing');
    assert.ok(email.to('oncall1@uni.test').some((m) => m.deliveryKey.includes('/ops-alert:L0/')));
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
    await handle.result();
  });
});

test('frozen CRM user: the CRM is blocked, internal notices go on; retry after the fix drafts the notice', async () => {
  let crm: SwitchableCrm | undefined;
  await runScenario(
    harness(),
    async ({ client, taskQueue, incident }) => {
      if (!crm) throw new Error('no crm');
      const frozen = crm;
      frozen.refusing = () =>
        ApplicationFailure.nonRetryable('Salesforce login refused (invalid_grant)', 'ProviderAuth');
      const { handle } = await startDataLeak(client, { incident: incident('FAULT-3') }, taskQueue);
      await act(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep('2 hours');
      let status = await getStatus(handle);
      assert.equal(status.phase, 'active');
      assert.equal(status.blocked?.[0]?.service, 'crm');
      assert.equal(stateOf(status, 'stakeholder-notice')?.state, 'met');
      assert.equal(status.authorityNotice.draft, null, 'no draft without the audience');

      frozen.refusing = () => undefined;
      await act(handle, 'retry', { actor: responder, service: 'crm' });
      await harness().env.sleep('1 minute');
      status = await getStatus(handle);
      assert.equal(status.affectedPeople.total, 4, 'five contacts, one a duplicate');
      assert.equal(status.authorityNotice.draft?.version, 1);
      await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
      await handle.result();
    },
    (deps) => {
      crm = new SwitchableCrm(deps.crm);
      return { ...deps, crm };
    },
  );
});

test("the authority's address refused: legal and the DPO told at once, resent after retry, met at that acceptance", async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, sms, outage, deps, incident }) => {
    outage.refusing = (channel, key) =>
      key.includes('/authority-notice:v1/')
        ? ApplicationFailure.nonRetryable('SendGrid refused the recipient address (HTTP 400)', 'InvalidRecipient')
        : undefined;
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-4') }, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('5 minutes');
    let status = await getStatus(handle);
    const draft = status.authorityNotice.draft;
    await act(handle, 'approve', { actor: legal, version: draft?.version ?? 0, sha256: draft?.sha256 ?? '' });
    await harness().env.sleep('2 minutes');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'authority-notice')?.state, 'pending', 'refused is not delivered');
    assert.equal(status.authorityNotice.delivery?.state, 'refused');
    assert.ok(email.to('gc@uni.test').some((m) => m.deliveryKey.includes(':undelivered')));
    assert.ok(
      sms.sent.some((m) => m.to === '+4930000001' && m.deliveryKey.includes(':undelivered')),
      'the DPO',
    );

    outage.refusing = undefined;
    await act(handle, 'retry', { actor: responder, note: 'authority address corrected' });
    await harness().env.sleep('1 minute');
    status = await getStatus(handle);
    assert.equal(stateOf(status, 'authority-notice')?.state, 'met');
    assert.equal(status.authorityNotice.delivery?.state, 'accepted');
    assert.deepEqual(
      email.to('breach@authority.test').map((m) => m.deliveryKey.split('/')[1]),
      ['authority-notice:v1:r1'],
    );
    const audit = await deps.audit.list('FAULT-4');
    assert.ok(audit.some((e) => e.type === 'escalation.authority-undelivered'));
    assert.equal((await handle.result()).phase, 'completed', 'the affected people follow, and it ends');
  });
});

test('a level nobody can be reached at: the next level is paged at once, not after the interval', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, chat, outage, incident }) => {
    outage.failing = (key) => key.includes('/ops-alert:L0/');
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-5') }, taskQueue);
    await harness().env.sleep('1 minute');
    const status = await getStatus(handle);
    assert.equal(status.escalationLevel, 1);
    assert.ok(
      sms.sent.some((m) => m.to === '+4930000012'),
      'level 1 paged within a minute',
    );
    assert.equal(stateOf(status, 'ops-alert')?.state, 'met', 'met by the level-1 page');
    assert.ok(chat.posts.length === 0 || chat.posts.every((p) => !p.deliveryKey.includes('/ops-alert:L1')));
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
    await handle.result();
  });
});

test('send-now on an unacknowledged ops alert re-pages the next level now', async () => {
  await runScenario(harness(), async ({ client, taskQueue, sms, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-6') }, taskQueue);
    await harness().env.sleep('1 minute');
    const status = await act(handle, 'override', {
      actor: responder,
      kind: 'send-now',
      milestone: 'ops-alert',
      reason: 'nobody answers',
    });
    assert.equal(stateOf(status, 'ops-alert')?.state, 'met');
    await harness().env.sleep('10 seconds');
    assert.equal((await getStatus(handle)).escalationLevel, 1);
    assert.ok(sms.sent.some((m) => m.to === '+4930000012'));
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
    await handle.result();
  });
});

test('the mass notification: email pages held up by a revoked key, SMS goes on, retry after the fix sends the rest once', async () => {
  await runScenario(harness(), async ({ client, taskQueue, email, sms, outage, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('FAULT-7') }, taskQueue);
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('5 minutes');
    outage.refusing = (channel, key) =>
      channel === 'email' && key.includes('/affected-people/') ? revoked() : undefined;
    const draft = (await getStatus(handle)).authorityNotice.draft;
    await act(handle, 'approve', { actor: legal, version: draft?.version ?? 0, sha256: draft?.sha256 ?? '' });
    await harness().env.sleep('2 minutes');
    let status = await getStatus(handle);
    assert.equal(status.phase, 'active');
    assert.ok(status.blocked?.some((b) => b.service === 'email' && b.steps.includes('affected-people/email')));
    assert.ok(
      sms.sent.some((m) => m.deliveryKey.includes('/affected-people/')),
      'SMS pages went on',
    );
    assert.equal(email.sent.filter((m) => m.deliveryKey.includes('/affected-people/')).length, 0);

    outage.refusing = undefined;
    await act(handle, 'retry', { actor: responder, service: 'email' });
    const final = await handle.result();
    assert.equal(stateOf(final, 'affected-people')?.state, 'met');
    const keys = email.sent.filter((m) => m.deliveryKey.includes('/affected-people/')).map((m) => m.deliveryKey);
    assert.ok(keys.length > 0);
    assert.equal(new Set(keys).size, keys.length, 'nobody emailed twice');
    status = await getStatus(handle);
    assert.deepEqual(status.blocked ?? [], []);
  });
});
