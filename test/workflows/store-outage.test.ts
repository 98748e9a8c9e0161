/**
 * The store down from the trigger on (issue 12's store row): the data-leak procedure pages the
 * on-call anyway — straight to the providers, once — shows the store failing, takes the
 * acknowledgement, and when the store answers again writes every held audit entry and sends
 * nothing twice. On the time-skipping server, over the real activities and the real store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { unreachableStore } from '../support/unreachable-store.ts';
import { responder, runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();

test('store down from the trigger: the on-call is paged once without the ledger, the acknowledgement taken; the held audit is written after', async () => {
  const store = unreachableStore();
  await runScenario(
    harness(),
    async ({ client, taskQueue, sms, email, deps, incident }) => {
      const { handle } = await startDataLeak(client, { incident: incident('STORE-1') }, taskQueue);
      await harness().env.sleep('3 minutes');
      let status = await getStatus(handle);
      assert.equal(status.phase, 'active');
      assert.equal(status.milestones.find((m) => m.id === 'ops-alert')?.state, 'met', 'paged while the store is down');
      const l0 = (key: string) => key.includes('/ops-alert:L0/oncall-1/');
      assert.equal(sms.sent.filter((m) => l0(m.deliveryKey)).length, 1, 'the on-call got the SMS page');
      assert.equal(email.sent.filter((m) => l0(m.deliveryKey)).length, 1, 'and the email');
      assert.ok(
        status.blocked?.some((b) => b.service === 'store'),
        'the store shows as failing',
      );

      await act(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep('40 minutes');
      status = await getStatus(handle);
      assert.equal(status.acknowledgement?.by.id, responder.id);
      assert.equal(sms.sent.filter((m) => l0(m.deliveryKey)).length, 1, 'not paged again while the store stays down');

      store.down = false;
      await harness().env.sleep('10 minutes');
      status = await getStatus(handle);
      assert.ok(!status.blocked?.some((b) => b.service === 'store'), 'the store answers again');
      const audit = await deps.audit.list('STORE-1');
      const types = audit.map((e) => e.type);
      for (const type of ['procedure.started', 'service.failing', 'delivery.direct', 'milestone.ops-alert.sent']) {
        assert.ok(types.includes(type), `${type} written after the outage`);
      }
      assert.ok(types.includes('operator.acknowledge') || types.some((t) => t.startsWith('operator.')));
      assert.equal(audit[0]?.type, 'procedure.started', 'in the order they happened');
      const direct = audit.filter(
        (e) => e.type === 'delivery.direct' && String(e.data.ledgerMilestone) === 'ops-alert:L0',
      );
      assert.deepEqual(direct.map((e) => e.data.channel).sort(), ['email', 'sms']);
      assert.ok((await deps.audit.verify()).ok);
      const keys = [...sms.sent, ...email.sent].map((m) => m.deliveryKey);
      assert.equal(new Set(keys).size, keys.length, 'nothing sent twice');

      await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' });
      assert.equal((await handle.result()).phase, 'closed');
    },
    store.deps,
  );
});
