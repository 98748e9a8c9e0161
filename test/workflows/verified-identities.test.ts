/**
 * Identity is verified, never stated (issue 13): on the time-skipping server, over the real
 * activities, a worker configured with public keys refuses every privileged action without a valid
 * signed claim — from a Signal as from an Update — and audits the refusal; a claim bound to the
 * draft's version and hash approves it once; open actions need none.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { test } from 'node:test';
import { CompactSign } from 'jose';
import { act, getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { approveSignal } from '../../workflows/data-leak/messages.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { legal, responder, runScenario, useHarness } from '../support/workflow-harness.ts';
import { isSettled } from '../../workflows/procedure/milestones.ts';
import { eventually } from '../support/eventually.ts';

const harness = useHarness();

function keyPair(): { privateKey: KeyObject; x: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, x: String(jwk.x) };
}

const trusted = keyPair();
const stranger = keyPair();

const withKeys = (deps: ActivityDeps): ActivityDeps => ({
  ...deps,
  actorKeys: { keys: [{ kty: 'OKP', crv: 'Ed25519', kid: 'api-2026', x: trusted.x, use: 'sig' }] },
  unsignedActionsAllowed: false,
});

/** A claim as the API signs it, at the test server's time. */
async function claim(payload: Record<string, unknown>, key: KeyObject = trusted.privateKey): Promise<string> {
  const iat = Math.floor((await harness().env.currentTimeMs()) / 1000);
  const body = { iss: 'herald-api', iat, exp: iat + 120, jti: randomUUID(), ...payload };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'herald-actor+jwt', kid: 'api-2026' })
    .sign(key);
}

test('privileged actions need a verified claim from every entry point; a bound claim approves once; open actions need none', async () => {
  await runScenario(
    harness(),
    async ({ client, taskQueue, deps, incident }) => {
      const { handle } = await startDataLeak(client, { incident: incident('ID-1') }, taskQueue);
      await act(handle, 'acknowledge', { actor: responder }); // open: no claim
      await harness().env.sleep('5 minutes');
      const draft = (await getStatus(handle)).authorityNotice.draft;
      const version = draft?.version ?? 0;
      const sha256 = draft?.sha256 ?? '';
      const wid = handle.workflowId;
      const approval = { actor: legal, version, sha256 };
      const bound = { sub: legal.id, role: legal.role, act: 'approve', wid, ver: version, sha: sha256 };

      await assert.rejects(act(handle, 'approve', approval), /approve refused: this action needs a signed actor claim/);
      await handle.signal(approveSignal, approval);
      for (const [label, token, refusal] of [
        ['forged', await claim(bound, stranger.privateKey), /signature does not verify/],
        ['another workflow', await claim({ ...bound, wid: 'data-leak:OTHER' }), /another workflow/],
        ['another text', await claim({ ...bound, sha: 'f'.repeat(64) }), /binds another version, hash/],
        ['another actor', await claim({ ...bound, sub: 'mallory' }), /names another actor/],
      ] as const) {
        await assert.rejects(act(handle, 'approve', { ...approval, claim: token }), refusal, label);
      }
      assert.equal((await getStatus(handle)).authorityNotice.draft?.state, 'pending-approval', 'nothing approved');

      const good = await claim(bound);
      const approved = await act(handle, 'approve', { ...approval, claim: good });
      assert.equal(approved.authorityNotice.draft?.state, 'approved');
      await assert.rejects(
        act(handle, 'recordDetermination', {
          actor: legal,
          determination: 'high-risk-assessed',
          at: new Date(await harness().env.currentTimeMs()).toISOString(),
          reason: 'a claim is for one action only',
          claim: good,
        }),
        /another action/,
      );

      const refused = (await deps.audit.list('ID-1')).filter((e) => e.type === 'operator.refused');
      assert.deepEqual(
        refused.map((e) => `${String(e.data.via)} ${String(e.data.refusal)}`),
        [
          'update missing',
          'signal missing',
          'update bad-signature',
          'update wrong-workflow',
          'update binding-mismatch',
          'update wrong-actor',
          'update wrong-action',
        ],
      );
      assert.ok(!(await deps.audit.list('ID-1')).some((e) => e.type === 'identity.unverified'));
      // The procedure runs to its end rather than being closed mid-fan-out: the time-skipping server
      // refuses a workflow task that cancels an activity completing in it (sdk-typescript#1058).
      await eventually(
        async () => {
          await harness().env.sleep('10 minutes');
          return getStatus(handle);
        },
        (s) => s.milestones.some((m) => m.id === 'affected-people' && isSettled(m)),
        'the affected people notified',
        50,
      );
      await handle.result();
    },
    withKeys,
  );
});

test('closing needs a claim naming the close; pausing is open', async () => {
  await runScenario(
    harness(),
    async ({ client, taskQueue, incident }) => {
      const { handle } = await startDataLeak(client, { incident: incident('ID-3') }, taskQueue);
      // Closed while it waits only on timers (the first notices sent, the draft awaiting approval):
      // a close cancelling an activity that completes in the same workflow task makes the
      // time-skipping server refuse the task for good (sdk-typescript#1058).
      await act(handle, 'acknowledge', { actor: responder });
      await harness().env.sleep('5 minutes');
      await act(handle, 'override', { actor: responder, kind: 'pause', reason: 'open action, no claim' });
      await assert.rejects(
        act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'end of test' }),
        /needs a signed actor claim/,
      );
      const close = { sub: responder.id, role: responder.role, act: 'override', wid: handle.workflowId };
      await assert.rejects(
        act(handle, 'override', {
          actor: responder,
          kind: 'close-false-positive',
          reason: 'end of test',
          claim: await claim({ ...close, kind: 'pause' }),
        }),
        /binds another/,
      );
      await act(handle, 'override', {
        actor: responder,
        kind: 'close-false-positive',
        reason: 'end of test',
        claim: await claim({ ...close, kind: 'close-false-positive' }),
      });
      assert.equal((await handle.result()).phase, 'closed');
    },
    withKeys,
  );
});

test('a worker started for a local sandbox takes unsigned actions, and every procedure audits that', async () => {
  await runScenario(harness(), async ({ client, taskQueue, deps, incident }) => {
    const { handle } = await startDataLeak(client, { incident: incident('ID-2') }, taskQueue);
    // Closed once it waits only on timers, as above: closed in its first moments, it cancels the
    // snapshot or directory read completing in that task, which the time-skipping server refuses
    // for good (sdk-typescript#1058; about one run in twelve on a busy machine).
    await act(handle, 'acknowledge', { actor: responder });
    await harness().env.sleep('5 minutes');
    await act(handle, 'override', { actor: responder, kind: 'close-false-positive', reason: 'sandbox run' });
    await handle.result();
    assert.ok((await deps.audit.list('ID-2')).some((e) => e.type === 'identity.unverified'));
  });
});
