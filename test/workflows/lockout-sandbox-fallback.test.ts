/**
 * Independent channels with the real adapters (SendGrid, Twilio, chat webhook, jsforce) against the
 * sandbox while the sandbox SendGrid answers 503 to everything: SMS carries the alerts and notices
 * on its own, the chat webhook takes what nobody could be told by SMS (audited), customers get SMS
 * only, email shows as failing in the status, nobody is messaged twice.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { actOnLockout, getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { seedCustomers, startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseConfig } from '../../workers/config.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ customers: seedCustomers() });
});
after(async () => {
  await sandbox.close();
});

test('sandbox SendGrid down: SMS on its own, chat webhook for who has no number, customers by SMS, no duplicate', async () => {
  const real = await buildDeps(parseConfig(sandboxEnvironment(sandbox)), harness().store);
  sandbox.faults.inject('sendgrid', { kind: 'status', status: 503 }, { times: Infinity });
  try {
    await runScenario(
      harness(),
      async ({ client, taskQueue, detectedAt, deps }) => {
        const { handle } = await startLockout(client, { incident: lockout('LO-F1', detectedAt) }, taskQueue);
        await harness().env.sleep('4 minutes');
        await actOnLockout(handle, 'acknowledge', { actor: { id: 'erin', role: 'responder' } });
        await harness().env.sleep('20 minutes');
        const status = await getLockoutStatus(handle);
        const stateOf = (id: string) => status.milestones.find((m) => m.id === id)?.state;
        assert.equal(stateOf('technical-alert'), 'met', 'on-call reached by SMS');
        assert.equal(stateOf('stakeholder-notice'), 'met', 'the CISO reached by SMS');
        assert.equal(status.customers?.source, 'crm');

        assert.equal(sandbox.log.acceptedEmails().length, 0, 'SendGrid accepted nothing');
        const sms = sandbox.log.acceptedSms();
        assert.ok(
          sms.some((m) => m.to === '+4930555000011' && /LO-F1/.test(m.body)),
          'on-call primary got the alert',
        );
        const customerSms = sms.filter((m) => /^Service notice LO-F1/.test(m.body));
        assert.ok(customerSms.length > 0, 'customers with a mobile number got the notice by SMS');
        const sent = sms.map((m) => `${m.to} ${m.body}`);
        assert.equal(new Set(sent).size, sent.length, 'no SMS twice');
        assert.ok(
          sandbox.chatPosts.some((p) => /for: compliance/.test(p.text)),
          'compliance (no phone) told through the chat webhook',
        );
        assert.ok(!sandbox.chatPosts.some((p) => /Service notice/.test(p.text)), 'no customer notice in team chat');

        const steps = (await deps.audit.list('lockout:LO-F1'))
          .filter((e) => e.type === 'delivery.fallback')
          .map((e) => `${String(e.data.ledgerMilestone)}: ${String(e.data.from)} → ${String(e.data.to)}`);
        // SMS went out on its own wherever a number exists: only who has none falls back.
        assert.ok(steps.includes('technical-alert:compliance: email+sms → chat'), steps.join('; '));
        assert.ok(!steps.some((s) => /^(technical-alert:L0|stakeholder-notice|customer-notice):/.test(s)));
        const status2 = await getLockoutStatus(handle);
        assert.equal(status2.blocked?.find((b) => b.service === 'email')?.permanent, false, 'email failing, retried');
        await actOnLockout(handle, 'close', { actor: { id: 'erin', role: 'responder' }, reason: 'end of test' });
        await handle.result();
      },
      () => real,
    );
  } finally {
    sandbox.faults.clear();
  }
});
