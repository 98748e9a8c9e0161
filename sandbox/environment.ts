/**
 * The configuration variables that point Herald at a running sandbox, in the same form as the
 * process environment, so the demo and end-to-end tests go through the real config path.
 */
import type { Sandbox } from './index.ts';

export function sandboxEnvironment(sandbox: Sandbox): Record<string, string> {
  const { salesforce, sendgrid, twilio } = sandbox.credentials;
  return {
    SALESFORCE_LOGIN_URL: sandbox.salesforceUrl,
    SALESFORCE_CLIENT_ID: salesforce.clientId,
    SALESFORCE_CLIENT_SECRET: salesforce.clientSecret,
    SALESFORCE_USERNAME: salesforce.username,
    SALESFORCE_PASSWORD: salesforce.password,
    // The sandbox's Contacts carry the custom field (empty in the seed: zones come from the address).
    SALESFORCE_TIME_ZONE_FIELD: 'Time_Zone__c',
    // Runs against the sandbox go on the real clock (demo, end-to-end, chaos, benchmarks): a text
    // waiting for a student's morning would hold them for hours. Quiet hours are tested on the
    // time-skipping server and the Twilio sandbox (test/activities/local-time, data-leak-mass-fanout).
    HERALD_SMS_QUIET_HOURS: 'off',
    SENDGRID_API_KEY: sendgrid.apiKey,
    SENDGRID_BASE_URL: sandbox.sendgridUrl,
    HERALD_EMAIL_FROM: 'incident-response@example-university.test',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: twilio.fromNumber,
    TWILIO_BASE_URL: sandbox.twilioUrl,
    HERALD_CHAT_WEBHOOK_URL: sandbox.chatWebhookUrl,
    // A local sandbox: operators act without signed claims (production workers verify them).
    HERALD_INSECURE_UNSIGNED_ACTIONS: '1',
  };
}
