/**
 * The sandbox's missing scopes, per-recipient refusals and chat webhook revocation, as the real
 * adapters (and their SDKs) meet them: each answer comes out as the row of the answer table it is
 * documented as, and lifting the fault serves the same call again.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { ChatWebhook } from '../../activities/providers/chat-webhook.ts';
import type { ProviderFailureDetails } from '../../activities/providers/errors.ts';
import { createSalesforceCrm } from '../../activities/providers/salesforce.ts';
import { createSendgridEmail } from '../../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../../activities/providers/twilio.ts';
import { startSandbox, TWILIO_REFUSALS } from '../../sandbox/index.ts';
import type { Sandbox, TwilioRefusalCode } from '../../sandbox/index.ts';
import type { CrmScope } from '../../workflows/domain/incident.ts';
import { rejection } from '../support/rejection.ts';

let sandbox: Sandbox;

/** The failure's type and the answer-table row it came from. */
async function refusal(work: Promise<unknown>): Promise<{ type: string | undefined; rule: string | undefined }> {
  const err = await rejection(work);
  assert.ok(err instanceof ApplicationFailure, `an ApplicationFailure, not ${String(err)}`);
  return { type: err.type ?? undefined, rule: (err.details?.[0] as ProviderFailureDetails | undefined)?.rule };
}

const adapters = () => {
  const { salesforce, sendgrid, twilio } = sandbox.credentials;
  return {
    crm: createSalesforceCrm({ loginUrl: sandbox.salesforceUrl, ...salesforce, timeoutMs: 2_000 }),
    email: createSendgridEmail({
      apiKey: sendgrid.apiKey,
      baseUrl: sandbox.sendgridUrl,
      from: 'herald@example.test',
      timeoutMs: 2_000,
    }),
    sms: createTwilioSms({ ...twilio, from: twilio.fromNumber, baseUrl: sandbox.twilioUrl, timeoutMs: 2_000 }),
    chat: new ChatWebhook(sandbox.chatWebhookUrl, 2_000),
  };
};

const mail = (to: string, key: string) => ({ to, subject: 'Incident', text: 'Text', deliveryKey: key });
const scope: CrmScope = { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: 'x' }] };

describe('sandbox: scopes, refusals, chat revocation', () => {
  before(async () => {
    sandbox = await startSandbox({ seed: { count: 20, seed: 5 } });
  });
  after(async () => {
    await sandbox.close();
  });
  afterEach(() => {
    for (const p of ['salesforce', 'sendgrid', 'twilio', 'chat'] as const) sandbox.grantScope(p);
    sandbox.restore('chat');
    sandbox.acceptRecipients();
  });

  it('SendGrid without mail.send: 403 access forbidden (InvalidScope); the scopes listing says so; granted, it sends', async () => {
    const { email } = adapters();
    sandbox.withdrawScope('sendgrid');
    assert.deepEqual(await refusal(email.send(mail('a@uni.test', 'k/1'))), {
      type: 'InvalidScope',
      rule: 'sendgrid-scope',
    });
    assert.equal((await email.checkCredentials()).valid, false, 'the probe sees the missing scope');
    assert.equal(sandbox.log.acceptedEmails().length, 0);
    sandbox.grantScope('sendgrid');
    await email.send(mail('a@uni.test', 'k/1'));
    assert.equal(sandbox.log.acceptedEmails().length, 1);
  });

  it('Twilio without the Messages permission: 403 70051 (InvalidScope), not 20003', async () => {
    const { sms } = adapters();
    sandbox.withdrawScope('twilio');
    assert.deepEqual(await refusal(sms.send({ to: '+4915100000001', body: 'x', deliveryKey: 'k/2' })), {
      type: 'InvalidScope',
      rule: 'twilio-70051',
    });
    assert.equal((await sms.checkCredentials()).valid, false);
  });

  for (const gap of ['INSUFFICIENT_ACCESS', 'API_DISABLED_FOR_ORG'] as const) {
    it(`Salesforce ${gap}: logins work, queries are refused (InvalidScope)`, async () => {
      const { crm } = adapters();
      sandbox.withdrawScope('salesforce', gap);
      assert.deepEqual(await refusal(crm.findAffectedPeople(scope)), {
        type: 'InvalidScope',
        rule: `salesforce-${gap}`,
      });
      assert.equal((await crm.checkCredentials()).valid, false, 'the probe sees it');
      sandbox.grantScope('salesforce');
      assert.deepEqual((await crm.findAffectedPeople(scope)).people, []);
    });
  }

  for (const code of Object.keys(TWILIO_REFUSALS).map(Number) as TwilioRefusalCode[]) {
    it(`Twilio refuses one number with ${code} (InvalidRecipient); another number is served`, async () => {
      const { sms } = adapters();
      sandbox.refuseNumber('+4915100000002', code);
      assert.deepEqual(await refusal(sms.send({ to: '+4915100000002', body: `x${code}`, deliveryKey: 'k/3' })), {
        type: 'InvalidRecipient',
        rule: `twilio-${code}`,
      });
      await sms.send({ to: '+4915100000003', body: `x${code}`, deliveryKey: 'k/4' });
      assert.ok(sandbox.log.acceptedSms().some((m) => m.to === '+4915100000003' && m.body === `x${code}`));
      assert.ok(!sandbox.log.acceptedSms().some((m) => m.to === '+4915100000002'));
    });
  }

  it('SendGrid refuses one address with a personalizations field error (InvalidRecipient)', async () => {
    const { email } = adapters();
    sandbox.refuseAddress('Refused@Uni.test');
    assert.deepEqual(await refusal(email.send(mail('refused@uni.test', 'k/5'))), {
      type: 'InvalidRecipient',
      rule: 'sendgrid-recipient-field',
    });
    const [last] = sandbox.log.requests('sendgrid').slice(-1);
    assert.equal(last?.status, 400);
    sandbox.acceptRecipients();
    await email.send(mail('refused@uni.test', 'k/5'));
    assert.ok(sandbox.log.acceptedEmails().some((e) => e.to === 'refused@uni.test'));
  });

  it('chat webhook revoked: 404 no_service (ProviderAuth); restricted: 403 action_prohibited (InvalidScope)', async () => {
    const { chat } = adapters();
    const before = sandbox.chatPosts.length;
    sandbox.revoke('chat');
    assert.deepEqual(await refusal(chat.post({ text: 'x', deliveryKey: 'k/6' })), {
      type: 'ProviderAuth',
      rule: 'chat-revoked',
    });
    sandbox.restore('chat');
    sandbox.withdrawScope('chat');
    assert.deepEqual(await refusal(chat.post({ text: 'x', deliveryKey: 'k/7' })), {
      type: 'InvalidScope',
      rule: 'chat-action-prohibited',
    });
    sandbox.grantScope('chat');
    await chat.post({ text: 'x', deliveryKey: 'k/8' });
    assert.equal(sandbox.chatPosts.length, before + 1, 'only the post after the fault lifted');
  });
});
