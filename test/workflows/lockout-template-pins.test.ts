/**
 * The lockout procedure's pinned templates on a time-skipping server: a lockout keeps the versions
 * approved when it began, one begun after an approval takes the new version, every delivery's
 * audit entry names the template version it was rendered from, and staff read their own language.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actOnLockout, startLockout } from '../../client/lockout-client.ts';
import type { AuditEntry } from '../../activities/ports.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import { lockoutWorkflowId } from '../../workflows/domain/lockout.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import { testDirectory } from '../support/directory.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
const responder = { id: 'erin', role: 'responder' as const };
const seeded = SEED_TEMPLATES['lockout-status-update'].en!;
const revised = { ...seeded, text: `REVISED. ${seeded.text}` };

/** The registrar reads German, legal French: the lockout's staff texts have both. */
const directory = {
  ...testDirectory,
  stakeholders: testDirectory.stakeholders.map((c) =>
    c.id === 'registrar' ? { ...c, locale: 'de' } : c.id === 'legal' ? { ...c, locale: 'fr-CH' } : c,
  ),
};

const sentTo = (entries: AuditEntry[], milestone: RegExp, recipientId: string): TemplateUse | undefined =>
  entries.find(
    (e) => e.type === 'delivery.sent' && milestone.test(String(e.data.milestone)) && e.data.recipientId === recipientId,
  )?.data.template as TemplateUse | undefined;

test('a lockout keeps the template versions it pinned; one begun after an approval takes the new one', async () => {
  const { store, env } = harness();
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, detectedAt }) => {
      const before = await startLockout(client, { incident: lockout('LOPIN-1', detectedAt) }, taskQueue);
      await env.sleep('1 minute');
      await actOnLockout(before.handle, 'acknowledge', { actor: responder });

      // A new status-update text is approved while LOPIN-1 runs.
      const now = () => new Date().toISOString();
      const draft = await store.templates.propose(
        { templateId: 'lockout-status-update', locale: 'en', texts: revised, author: 'alice' },
        now(),
      );
      await store.templates.submit('lockout-status-update', 'en', draft.version, now());
      await store.templates.approve('lockout-status-update', 'en', draft.version, { id: 'bob', role: 'legal' }, now(), {
        reviewRequired: false,
      });
      const after = await startLockout(client, { incident: lockout('LOPIN-2', detectedAt) }, taskQueue);
      await env.sleep('1 minute');
      await actOnLockout(after.handle, 'acknowledge', { actor: responder });

      await env.sleep('65 minutes'); // past the first hourly status update of both
      const update = (lockoutId: string) =>
        email.to('ciso@uni.test').find((m) => m.subject.startsWith(`[Herald] Status update 1 on lockout ${lockoutId}`));
      assert.ok(update('LOPIN-1')?.text.startsWith('Status update 1 on compliance lockout LOPIN-1'), 'LOPIN-1 kept v1');
      assert.ok(update('LOPIN-2')?.text.startsWith('REVISED. Status update 1 on compliance lockout LOPIN-2'), 'v2');
      const german = email.to('registrar@uni.test').find((m) => /Statusmeldung 1 zur Sperre LOPIN-1/.test(m.subject));
      assert.match(german?.text ?? '', /Verarbeitung personenbezogener Daten aus der EU unterbrochen: nein/);
      assert.ok(
        email.to('legal@uni.test').some((m) => /Point de situation 1 sur le verrouillage LOPIN-1/.test(m.subject)),
      );

      const audit1 = await store.audit.list(lockoutWorkflowId('LOPIN-1'));
      const audit2 = await store.audit.list(lockoutWorkflowId('LOPIN-2'));
      assert.deepEqual(sentTo(audit1, /^status-update:1/, 'ciso'), {
        templateId: 'lockout-status-update',
        locale: 'en',
        version: 1,
        sha256: templateHash(seeded),
        fellBackToEnglish: false,
        pinned: true,
      });
      assert.deepEqual(sentTo(audit2, /^status-update:1/, 'ciso'), {
        templateId: 'lockout-status-update',
        locale: 'en',
        version: draft.version,
        sha256: templateHash(revised),
        fellBackToEnglish: false,
        pinned: true,
      });
      assert.deepEqual(sentTo(audit1, /^status-update:1/, 'registrar'), {
        templateId: 'lockout-status-update',
        locale: 'de',
        requestedLocale: 'de',
        version: 1,
        sha256: templateHash(SEED_TEMPLATES['lockout-status-update'].de!),
        fellBackToEnglish: false,
        pinned: true,
      });
      assert.equal(sentTo(audit1, /^status-update:1/, 'legal')?.locale, 'fr');

      // Every delivery names a pinned template version of the lockout's own texts.
      const deliveries = [...audit1, ...audit2].filter((e) => e.type === 'delivery.sent');
      assert.ok(deliveries.length >= 20, `${deliveries.length} deliveries`);
      for (const entry of deliveries) {
        const use = entry.data.template as TemplateUse | undefined;
        assert.ok(use?.pinned && use.version >= 1 && /^[0-9a-f]{64}$/.test(use.sha256), JSON.stringify(entry.data));
        assert.match(use.templateId, /^lockout-/, JSON.stringify(entry.data));
      }
      const pinned = audit1.find((e) => e.type === 'templates.pinned');
      assert.ok(
        (pinned?.data.versions as { templateId: string; version: number }[]).some(
          (v) => v.templateId === 'lockout-status-update' && v.version === 1,
        ),
      );

      for (const { handle } of [before, after]) {
        await actOnLockout(handle, 'resolve', { actor: responder, rootCause: 'Token rotated.' });
        await handle.result();
      }
      const report = email
        .to('compliance@uni.test')
        .find((m) => /Post-incident report: lockout LOPIN-1/.test(m.subject));
      assert.ok(report, 'the report cover is a registry template too');
    },
    (deps) => ({ ...deps, directory }),
  );
});
