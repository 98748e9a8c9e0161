import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEMPLATE_IDS } from '../../../activities/documents/message-types.ts';
import { SEED_TEMPLATES } from '../../../activities/templates/seed/seed-templates.ts';
import { allowedParameters, validateTemplate } from '../../../activities/templates/validate-template.ts';

const opsAlert = SEED_TEMPLATES['ops-alert'].en!;

describe('validateTemplate', () => {
  it('accepts every shipped template in every locale', () => {
    for (const id of TEMPLATE_IDS) {
      for (const [locale, texts] of Object.entries(SEED_TEMPLATES[id])) {
        const result = validateTemplate(id, locale, texts);
        assert.deepEqual(result.problems, [], `${id} ${locale}`);
        assert.equal(result.sms?.encoding, 'GSM-7', `${id} ${locale}`);
      }
    }
  });

  it('derives one parameter list per message type from its parameters', () => {
    assert.deepEqual(allowedParameters('ops-alert'), [
      'ackCommand',
      'detectedAt',
      'incidentId',
      'severity',
      'severityUpper',
      'title',
    ]);
    assert.ok(allowedParameters('affected-person').includes('dpoEmail'));
    assert.ok(!allowedParameters('affected-person').includes('severity'));
  });

  it('refuses a text that does not parse, naming the part', () => {
    const { problems } = validateTemplate('ops-alert', 'en', { ...opsAlert, text: 'Incident {incidentId' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^text: not ICU MessageFormat/);
  });

  it('refuses a parameter the message type lacks, at any depth', () => {
    const { problems } = validateTemplate('ops-alert', 'en', {
      ...opsAlert,
      subject: '{severity, select, critical {{dpoEmail}} other {{incidentId}}}',
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /subject: uses \{dpoEmail\}, which ops-alert does not have/);
  });

  it('refuses an SMS over its segment budget or outside GSM-7', () => {
    const long = validateTemplate('ops-alert', 'en', { ...opsAlert, smsBody: 'word '.repeat(70) + '{title}' });
    assert.match(
      long.problems.join(),
      /sms: \d+ characters \(\d segments\) with the sample parameters; the budget is 320/,
    );
    const ucs2 = validateTemplate('ops-alert', 'en', { ...opsAlert, smsBody: '{title} … ça' });
    assert.match(ucs2.problems.join(), /outside GSM-7/);
  });

  it('refuses a multi-line subject and a missing part', () => {
    assert.match(validateTemplate('ops-alert', 'en', { ...opsAlert, subject: 'a\nb' }).problems.join(), /one line/);
    const partial: Partial<typeof opsAlert> = { ...opsAlert };
    delete partial.smsTail;
    assert.match(validateTemplate('ops-alert', 'en', partial as typeof opsAlert).problems.join(), /smsTail: missing/);
  });
});
