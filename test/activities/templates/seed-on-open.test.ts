/**
 * A store seeded before the lockout, procedure-notice, review-request and credential-warning
 * templates existed gets them, as approved version 1, the next time it opens; templates changed since keep their history; opening again
 * adds nothing. On both drivers, over a database that outlives close.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCKOUT_TEMPLATE_IDS } from '../../../activities/documents/lockout-message-types.ts';
import { openStore } from '../../../activities/store/open-store.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { templateHash } from '../../../activities/templates/template-texts.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

const NOW = '2026-12-03T09:00:00.000Z';
const NEW_IDS = [...LOCKOUT_TEMPLATE_IDS, 'authority-review-request', 'credential-warning'] as const;
const newVariants = NEW_IDS.reduce((n, id) => n + Object.keys(SEED_TEMPLATES[id]).length, 0);

forEachDriver((driver) => {
  test('the new templates are seeded on the next open, once; older templates keep their versions', async () => {
    const options = await driver.newDatabase();
    const first = await openStore(options);
    // As a store seeded before these templates shipped: none of them, and ops-alert changed since.
    await first.driver.query('DELETE FROM message_templates WHERE template_id = ANY($1)', [[...NEW_IDS]]);
    const opsAlert = SEED_TEMPLATES['ops-alert'].en!;
    const v2 = await first.templates.propose(
      {
        templateId: 'ops-alert',
        locale: 'en',
        texts: { ...opsAlert, smsTail: 'Ack now: {ackCommand}' },
        author: 'alice',
      },
      NOW,
    );
    await first.templates.submit('ops-alert', 'en', v2.version, NOW);
    await first.templates.approve('ops-alert', 'en', v2.version, { id: 'bob', role: 'legal' }, NOW, {
      reviewRequired: false,
    });
    const before = (await first.templates.list()).length;
    await first.close();

    const reopened = await openStore(options);
    try {
      const all = await reopened.templates.list();
      assert.equal(all.length, before + newVariants, `${newVariants} new variants seeded`);
      for (const id of NEW_IDS) {
        for (const [locale, texts] of Object.entries(SEED_TEMPLATES[id])) {
          const v1 = await reopened.templates.get(id, locale, 1);
          assert.equal(v1?.state, 'approved', `${id} ${locale}`);
          assert.equal(v1?.sha256, templateHash(texts));
        }
      }
      assert.deepEqual(
        (await reopened.templates.approved('ops-alert')).filter((v) => v.locale === 'en').map((v) => v.version),
        [v2.version],
        'a template changed since keeps its approved version',
      );
      assert.equal(await reopened.templates.seed(NOW), 0, 'seeding again adds nothing');
    } finally {
      await reopened.close();
    }
  });
});
