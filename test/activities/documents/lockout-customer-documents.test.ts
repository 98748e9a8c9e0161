/** Customer-facing lockout messages and the vendor-assessment attachment. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LOCKOUT_CUSTOMER_TEMPLATES,
  renderLockoutCustomerMessage,
} from '../../../activities/documents/lockout-customer-messages.ts';
import { SMS_MAX_CHARS } from '../../../activities/documents/sms.ts';
import { vendorAssessmentAttachment, vendorAssessmentSchema } from '../../../activities/documents/vendor-assessment.ts';
import { loadVendorAssessment } from '../../../workers/load-directory.ts';
import { EXAMPLE_VENDOR_ASSESSMENT } from '../../support/customer-deps.ts';
import { lockout } from '../../support/lockout-fixture.ts';

const incident = lockout('LO-77', '2026-03-06T17:50:00Z', { surfaces: ['checkout', 'accounts', 'discovery'] });
const scope = { surfaces: incident.surfaces, regions: incident.regions, euPersonalDataInterrupted: false };

describe('customer messages', () => {
  for (const template of LOCKOUT_CUSTOMER_TEMPLATES) {
    it(`${template}: names the account and the reference, SMS within ${SMS_MAX_CHARS} characters`, () => {
      const message = renderLockoutCustomerMessage({
        template,
        incident,
        scope,
        accountName: 'Northwind Traders International Holdings',
        params: {
          cadence: 'hour',
          documentVersion: '2026.4',
          noticeSentAt: '2026-03-06T18:00:00Z',
          accountId: '001Cu0000000002AAA',
          rootCause: 'Token rotated.',
          resolvedAt: '2026-03-06T22:00:00Z',
        },
      });
      assert.match(message.subject, /LO-77/);
      assert.match(message.subject + message.text, /Northwind Traders International Holdings/);
      assert.ok(message.sms.length <= SMS_MAX_CHARS, `${message.sms.length} characters`);
      if (template !== 'procurement-escalation') {
        assert.doesNotMatch(message.text, /herald lockout/, 'customers get no internal commands');
      }
    });
  }
});

describe('vendor-assessment answers', () => {
  it('the example file is valid; the attachment names its version and hashes stably', async () => {
    const doc = await loadVendorAssessment(EXAMPLE_VENDOR_ASSESSMENT);
    const a = vendorAssessmentAttachment(doc);
    assert.equal(a.attachment.filename, `vendor-assessment-v${doc.version}.md`);
    assert.match(a.attachment.content, new RegExp(`Version ${doc.version.replace('.', '\\.')}`));
    assert.equal(vendorAssessmentAttachment(doc).sha256, a.sha256);
    assert.notEqual(vendorAssessmentAttachment({ ...doc, version: '2027.1' }).sha256, a.sha256);
  });

  it('a bad file names the field and the variable', async () => {
    assert.equal(vendorAssessmentSchema.safeParse({ version: '1', answers: [] }).success, false);
    await assert.rejects(
      loadVendorAssessment('config/directory.example.json'),
      /HERALD_VENDOR_ASSESSMENT_FILE .*version/,
    );
  });
});
