/**
 * Pinned templates on a time-skipping server: a procedure keeps the versions approved when it
 * began, a later one takes the new approval, and every message's audit entry names its version.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDataLeak } from '../../client/data-leak-client.ts';
import type { AuditEntry } from '../../activities/ports.ts';
import { SEED_TEMPLATES } from '../../activities/templates/seed/seed-templates.ts';
import { templateHash } from '../../activities/templates/template-texts.ts';
import type { TemplateUse } from '../../workflows/domain/template-pins.ts';
import { testDirectory } from '../support/directory.ts';
import { closeAtRest } from '../support/close-at-rest.ts';
import { runScenario, useHarness } from '../support/workflow-harness.ts';

const harness = useHarness();
const seeded = SEED_TEMPLATES['ops-escalation'].en!;
const revised = { ...seeded, text: `REVISED. ${seeded.text}` };

/**
 * oncall-1 reads German, which the staff templates have; oncall-2 reads Portuguese, which they do
 * not: English stands in, and the audit says so.
 */
const readerLocales = ['de', 'pt-BR'];
const directory = {
  ...testDirectory,
  onCall: testDirectory.onCall.map((level, i) => {
    const locale = readerLocales[i];
    return locale === undefined ? level : level.map((c) => ({ ...c, locale }));
  }),
};

const templateOf = (entries: AuditEntry[], milestone: RegExp, recipientId: string): TemplateUse | undefined =>
  entries.find(
    (e) => e.type === 'delivery.sent' && milestone.test(String(e.data.milestone)) && e.data.recipientId === recipientId,
  )?.data.template as TemplateUse | undefined;

test('a procedure keeps the template versions it pinned; one begun after an approval takes the new one', async () => {
  const { store, env } = harness();
  await runScenario(
    harness(),
    async ({ client, taskQueue, email, incident }) => {
      const before = await startDataLeak(client, { incident: incident('PIN-1') }, taskQueue);
      await env.sleep('1 minute');
      const firstAlert = email.to('oncall1@uni.test').find((m) => m.deliveryKey.startsWith('PIN-1/ops-alert'));
      assert.match(firstAlert?.subject ?? '', /^\[Herald\]\[HOCH\] Datenschutzvorfall PIN-1: /, 'German reader');

      // A new ops-escalation text is approved while PIN-1 runs.
      const draft = await store.templates.propose(
        { templateId: 'ops-escalation', locale: 'en', texts: revised, author: 'alice' },
        new Date().toISOString(),
      );
      await store.templates.submit('ops-escalation', 'en', draft.version, new Date().toISOString());
      await store.templates.approve(
        'ops-escalation',
        'en',
        draft.version,
        { id: 'bob', role: 'compliance' },
        new Date().toISOString(),
        {
          reviewRequired: false,
        },
      );
      const after = await startDataLeak(client, { incident: incident('PIN-2') }, taskQueue);

      await env.sleep('6 minutes'); // past the 5-minute escalation of both
      const escalation = (incidentId: string) =>
        email.to('oncall2@uni.test').find((m) => m.deliveryKey.startsWith(`${incidentId}/ops-alert:L1`));
      assert.ok(escalation('PIN-1') && !escalation('PIN-1')!.text.startsWith('REVISED'), 'PIN-1 kept version 1');
      assert.ok(escalation('PIN-2')?.text.startsWith('REVISED. Escalation level 1'), 'PIN-2 took version 2');

      const pin1 = await store.audit.list('PIN-1');
      const pin2 = await store.audit.list('PIN-2');
      assert.deepEqual(templateOf(pin1, /^ops-alert:L1/, 'oncall-2'), {
        templateId: 'ops-escalation',
        locale: 'en',
        requestedLocale: 'pt-BR',
        version: 1,
        sha256: templateHash(seeded),
        fellBackToEnglish: true,
        pinned: true,
      });
      assert.deepEqual(templateOf(pin1, /^ops-alert:L0/, 'oncall-1'), {
        templateId: 'ops-alert',
        locale: 'de',
        requestedLocale: 'de',
        version: 1,
        sha256: templateHash(SEED_TEMPLATES['ops-alert'].de!),
        fellBackToEnglish: false,
        pinned: true,
      });
      assert.equal(templateOf(pin2, /^ops-alert:L1/, 'oncall-2')?.version, draft.version);
      assert.equal(templateOf(pin2, /^ops-alert:L1/, 'oncall-2')?.sha256, templateHash(revised));

      // Every delivery of a templated message names its template version.
      for (const entry of [...pin1, ...pin2].filter((e) => e.type === 'delivery.sent')) {
        const use = entry.data.template as TemplateUse | undefined;
        assert.ok(use?.pinned && use.version >= 1 && /^[0-9a-f]{64}$/.test(use.sha256), JSON.stringify(entry.data));
      }
      const pinned = pin1.find((e) => e.type === 'templates.pinned');
      assert.ok(
        (pinned?.data.versions as { templateId: string; version: number }[]).some(
          (v) => v.templateId === 'ops-escalation' && v.version === 1,
        ),
      );

      for (const { handle } of [before, after]) await closeAtRest(handle);
    },
    (deps) => ({ ...deps, directory }),
  );
});
