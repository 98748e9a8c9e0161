import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { formatTemplateFile, parseTemplateFile } from '../../../activities/templates/template-file.ts';

describe('template files', () => {
  it('read back exactly what was written, for every shipped template', () => {
    for (const [templateId, variants] of Object.entries(SEED_TEMPLATES)) {
      for (const [locale, texts] of Object.entries(variants)) {
        const file = formatTemplateFile({ templateId, locale, version: 1, texts });
        assert.deepEqual(
          parseTemplateFile(file, 'f'),
          { templateId, locale, version: 1, texts },
          `${templateId} ${locale}`,
        );
      }
    }
  });

  it('refuses a file without its header or a part, naming it', () => {
    const texts = SEED_TEMPLATES['ops-alert'].en!;
    const file = formatTemplateFile({ templateId: 'ops-alert', locale: 'en', texts });
    assert.throws(
      () => parseTemplateFile(file.split('\n').slice(1).join('\n'), 'a.icu'),
      /a\.icu: the first line must be/,
    );
    assert.throws(() => parseTemplateFile(file.replace('--- smsTail\n', ''), 'b.icu'), /b\.icu: no "--- smsTail" part/);
    assert.throws(
      () =>
        formatTemplateFile({ templateId: 'ops-alert', locale: 'en', texts: { ...texts, text: 'a\n--- subject\nb' } }),
      /reads as a part separator/,
    );
  });
});
