/** Builds the activities' dependencies from configuration: adapters over the real SDK clients. */
import { createHash } from 'node:crypto';
import type { ActivityDeps } from '../activities/index.ts';
import { SendThread } from '../activities/off-thread/send-thread-client.ts';
import { ChatWebhook } from '../activities/providers/chat-webhook.ts';
import { createSalesforceCrm } from '../activities/providers/salesforce.ts';
import { createSendgridEmail } from '../activities/providers/sendgrid.ts';
import { createTwilioSms } from '../activities/providers/twilio.ts';
import type { HeraldStore } from '../activities/store/open-store.ts';
import { callbackUrl } from '../client/api/callbacks/callback-paths.ts';
import { DEFAULT_FANOUT } from '../activities/mass-notification/settings.ts';
import { parseQuietHoursPolicy } from '../activities/local-time/quiet-hours.ts';
import { buildMonitorDeps } from './build-monitor-deps.ts';
import { providerTaskQueues } from './create-worker.ts';
import type { HeraldConfig } from './config.ts';
import { loadDirectory, loadOrganisationProfile, loadVendorAssessment } from './load-directory.ts';
import { loadActorKeys } from './actor-keys.ts';
import { SendSlots } from '../activities/mass-notification/send-slots.ts';

export interface BuildDepsOptions {
  /**
   * Mass-notification batches go to the provider task queues (`<queue>-email`, `<queue>-sms`):
   * only for a worker that also polls them (createHeraldWorkerSet). Default: the procedure's queue.
   */
  providerQueues?: boolean;
}

export async function buildDeps(
  config: HeraldConfig,
  store: HeraldStore,
  options: BuildDepsOptions = {},
): Promise<ActivityDeps> {
  const crm = createSalesforceCrm({
    loginUrl: config.SALESFORCE_LOGIN_URL,
    clientId: config.SALESFORCE_CLIENT_ID,
    clientSecret: config.SALESFORCE_CLIENT_SECRET,
    username: config.SALESFORCE_USERNAME,
    password: config.SALESFORCE_PASSWORD,
    apiVersion: config.SALESFORCE_API_VERSION,
    bulkThreshold: config.SALESFORCE_BULK_THRESHOLD,
    enterpriseAccountType: config.SALESFORCE_ENTERPRISE_ACCOUNT_TYPE,
    ...(config.SALESFORCE_TIME_ZONE_FIELD ? { timeZoneField: config.SALESFORCE_TIME_ZONE_FIELD } : {}),
  });
  const sendgridOptions = {
    apiKey: config.SENDGRID_API_KEY,
    from: config.HERALD_EMAIL_FROM,
    baseUrl: config.SENDGRID_BASE_URL,
    timeoutMs: config.HERALD_PROVIDER_TIMEOUT_MS,
  };
  const email = createSendgridEmail(sendgridOptions);
  const twilioOptions = {
    accountSid: config.TWILIO_ACCOUNT_SID,
    authToken: config.TWILIO_AUTH_TOKEN,
    from: config.TWILIO_FROM_NUMBER,
    baseUrl: config.TWILIO_BASE_URL,
    timeoutMs: config.HERALD_PROVIDER_TIMEOUT_MS,
    // Delivery reports come back to the API's signed callback endpoint.
    ...(config.HERALD_PUBLIC_URL ? { statusCallbackUrl: callbackUrl(config.HERALD_PUBLIC_URL, 'twilio') } : {}),
  };
  const sms = createTwilioSms(twilioOptions);
  const sendThread = new SendThread({ twilio: twilioOptions, sendgrid: sendgridOptions });
  const queues = providerTaskQueues(config.HERALD_TASK_QUEUE);
  return {
    crm,
    email,
    sms,
    pageSends: { sms: sendThread.sms(sms), email: sendThread.email(email) },
    ledger: store.ledger,
    audit: store.audit,
    documents: store.documents,
    templates: store.templates,
    recipients: store.recipients,
    deliveryStatus: store.deliveryStatus,
    attemptFailures: store.attemptFailures,
    rates: store.rates,
    smsSlots: new SendSlots(config.HERALD_SMS_CONCURRENCY),
    directory: await loadDirectory(config.HERALD_DIRECTORY_FILE),
    ...(config.HERALD_CHAT_WEBHOOK_URL
      ? { chat: new ChatWebhook(config.HERALD_CHAT_WEBHOOK_URL, config.HERALD_PROVIDER_TIMEOUT_MS) }
      : {}),
    monitors: await buildMonitorDeps(config, store.driver, { crm, email, sms }),
    vendorAssessment: await loadVendorAssessment(config.HERALD_VENDOR_ASSESSMENT_FILE),
    organisation: await loadOrganisationProfile(config.HERALD_ORGANISATION_PROFILE_FILE),
    ...(config.HERALD_ACTOR_KEYS_FILE ? { actorKeys: await loadActorKeys(config.HERALD_ACTOR_KEYS_FILE) } : {}),
    unsignedActionsAllowed: config.HERALD_INSECURE_UNSIGNED_ACTIONS === '1',
    fanout: {
      ...(options.providerQueues ? { emailTaskQueue: queues.email, smsTaskQueue: queues.sms } : {}),
      smsPerSecond: config.HERALD_SMS_RATE_PER_SECOND,
      emailRequestsPerSecond: config.HERALD_EMAIL_REQUESTS_PER_SECOND,
      smsConcurrency: config.HERALD_SMS_CONCURRENCY,
      pageSize: DEFAULT_FANOUT.pageSize,
      // Callbacks reach this deployment: bounced and undelivered messages go to the next channel.
      deliveryReports: config.HERALD_PUBLIC_URL !== undefined,
      providerTimeoutMs: config.HERALD_PROVIDER_TIMEOUT_MS,
      rateAccounts: rateAccountsOf(config),
      quietHours: parseQuietHoursPolicy(config.HERALD_SMS_QUIET_HOURS, config.HERALD_SMS_QUIET_HOURS_BY_JURISDICTION),
    },
  };
}

/**
 * The accounts whose rates the pages share: the Twilio account, and the SendGrid account the API
 * key belongs to (named by a digest: the key itself never leaves the process's memory).
 */
function rateAccountsOf(config: HeraldConfig): { email: string; sms: string } {
  const sendgrid = createHash('sha256').update(config.SENDGRID_API_KEY).digest('hex').slice(0, 16);
  return { email: `sendgrid:${sendgrid}`, sms: `twilio:${config.TWILIO_ACCOUNT_SID}` };
}
