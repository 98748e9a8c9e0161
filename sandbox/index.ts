/**
 * Local stand-ins for Salesforce REST, SendGrid v3 and Twilio Messages, driven by the real SDKs in
 * tests and the demo. Everything listens on 127.0.0.1 only.
 */
import { CallbackEmitter } from './callbacks.ts';
import type { CallbackOptions, SandboxCallbacks } from './callbacks.ts';
import { chatWebhookSpec } from './chat-webhook.ts';
import type { CustomerSeed } from './customer-seed.ts';
import type { ChatPost } from './chat-webhook.ts';
import { Faults } from './faults.ts';
import { listen } from './http.ts';
import type { RunningServer } from './http.ts';
import { providerHandler } from './provider-server.ts';
import { RequestLog } from './request-log.ts';
import type { Provider } from './request-log.ts';
import { Permissions } from './permissions.ts';
import type { SalesforceScopeGap } from './permissions.ts';
import { Refusals } from './refusals.ts';
import type { TwilioRefusalCode } from './refusals.ts';
import { Revocations } from './revocations.ts';
import type { RevocableProvider } from './revocations.ts';
import { salesforceSpec } from './salesforce.ts';
import { BulkJobFaults } from './salesforce-bulk.ts';
import type { BulkJobFailure } from './salesforce-bulk.ts';
import type { SalesforceCredentials } from './salesforce.ts';
import { seedStudents } from './seed.ts';
import type { SeedContact, SeedOptions } from './seed.ts';
import { sendgridSpec } from './sendgrid.ts';
import { twilioSpec } from './twilio.ts';
import type { TwilioCredentials } from './twilio.ts';

export type { ChatPost } from './chat-webhook.ts';
export type { CallbackOptions, CallbackPost, SandboxCallbacks, TwilioDeliveryErrorCode } from './callbacks.ts';
export type { Fault, InjectOptions } from './faults.ts';
export type { ChaosOptions } from './chaos.ts';
export type { AcceptedEmail, AcceptedSms, LoggedRequest, Provider } from './request-log.ts';
export type { SeedContact, SeedOptions } from './seed.ts';
export type { CustomerSeed, CustomerSeedOptions, SeedAccount, SeedCustomerContact, SeedUser } from './customer-seed.ts';
export type { RevocableProvider } from './revocations.ts';
export type { SalesforceScopeGap } from './permissions.ts';
export type { TwilioRefusalCode } from './refusals.ts';
export { TWILIO_REFUSALS } from './refusals.ts';
export type { SalesforceCredentials } from './salesforce.ts';
export type { BulkJobFailure, BulkJobState } from './salesforce-bulk.ts';
export type { TwilioCredentials } from './twilio.ts';
export { Faults } from './faults.ts';
export { RequestLog } from './request-log.ts';
export { seedStudents } from './seed.ts';
export { seedCustomers } from './customer-seed.ts';

/** Credentials the sandbox accepts. Sandbox-only values, not secrets. */
export interface SandboxCredentials {
  salesforce: SalesforceCredentials;
  sendgrid: { apiKey: string };
  twilio: TwilioCredentials;
}

export interface SandboxOptions {
  /** Fixed ports (for the demo); 0 or absent picks free ports. */
  ports?: { salesforce?: number; sendgrid?: number; twilio?: number; chat?: number };
  /** Seed for the generated students; ignored when `students` is given. */
  seed?: SeedOptions;
  /** Explicit Contacts instead of generated ones. */
  students?: SeedContact[];
  /** Overrides for the accepted credentials. */
  credentials?: Partial<{ [K in keyof SandboxCredentials]: Partial<SandboxCredentials[K]> }>;
  /** Numbers Twilio refuses with 21610 (recipient replied STOP). */
  optedOutPhones?: string[];
  /** Enterprise customer Accounts and their Contacts (see seedCustomers); none when absent. */
  customers?: CustomerSeed;
  /** Signed delivery callbacks (SendGrid Event Webhook, Twilio status); none when absent. */
  callbacks?: CallbackOptions;
}

export interface Sandbox {
  salesforceUrl: string;
  sendgridUrl: string;
  twilioUrl: string;
  /** The team chat incoming-webhook URL (its path carries the secret token). */
  chatWebhookUrl: string;
  /** Posts the chat webhook accepted, in order. */
  chatPosts: ChatPost[];
  credentials: SandboxCredentials;
  log: RequestLog;
  faults: Faults;
  /** Delivery callbacks: the SendGrid signing key, the Event Webhook URL, what was posted. */
  callbacks: SandboxCallbacks;
  /** The live Contact store, sorted by Id (PATCH edits it in place). */
  students: SeedContact[];
  /** The live customer Accounts and Contacts (empty unless given). */
  customers: CustomerSeed;
  /**
   * Refuses Herald's credentials at a provider until restored: Salesforce drops every session and
   * refuses logins (invalid_grant), SendGrid and Twilio answer 401, the chat webhook 404 no_service.
   */
  revoke(provider: RevocableProvider): void;
  restore(provider: RevocableProvider): void;
  /**
   * Takes a scope away until granted again: the credentials authenticate, the calls are refused
   * (SendGrid 403 "access forbidden", Twilio 403 70051, Salesforce 403 `salesforceGap`, default
   * INSUFFICIENT_ACCESS, the chat webhook 403 action_prohibited).
   */
  withdrawScope(provider: Provider, salesforceGap?: SalesforceScopeGap): void;
  grantScope(provider: Provider): void;
  /** Twilio refuses every message to `number` with `code` (HTTP 400) until `acceptRecipients()`. */
  refuseNumber(number: string, code: TwilioRefusalCode): void;
  /** SendGrid refuses every request naming `address` (400, personalizations field) until `acceptRecipients()`. */
  refuseAddress(address: string): void;
  acceptRecipients(): void;
  /**
   * The next `times` Salesforce Bulk API 2.0 query jobs end `Failed` (or `Aborted`) instead of
   * JobComplete; `times` 0 forgets the ones not yet used.
   */
  failBulkQueryJobs(times?: number, state?: BulkJobFailure): void;
  close(): Promise<void>;
}

/** The secret path segment of the sandbox chat webhook. Sandbox-only value, not a secret. */
const CHAT_WEBHOOK_TOKEN = 'T00HERALD/B00SANDBOX/sandbox-webhook-token';

/** The default sandbox credentials. */
export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  salesforce: {
    clientId: '3MVG9sandbox.herald.client',
    clientSecret: 'sandbox-client-secret',
    username: 'integration@herald.sandbox',
    password: 'sandbox-password',
    orgId: '00DHd0000000001EAA',
    userId: '005Hd0000000001AAA',
  },
  sendgrid: { apiKey: 'SG.sandbox-herald.key' },
  twilio: {
    accountSid: 'AC00000000000000000000000000000001',
    authToken: 'sandbox-auth-token',
    fromNumber: '+15005550006',
  },
};

/** Starts the three sandbox servers. Close it when done. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const credentials: SandboxCredentials = {
    salesforce: { ...DEFAULT_CREDENTIALS.salesforce, ...options.credentials?.salesforce },
    sendgrid: { ...DEFAULT_CREDENTIALS.sendgrid, ...options.credentials?.sendgrid },
    twilio: { ...DEFAULT_CREDENTIALS.twilio, ...options.credentials?.twilio },
  };
  const log = new RequestLog();
  const faults = new Faults();
  const shutdown = new AbortController();
  const ctx = { log, faults, shutdown: shutdown.signal };
  const students = options.students ?? seedStudents(options.seed);
  const customers = options.customers ?? { accounts: [], contacts: [], users: [] };
  const revocations = new Revocations();
  const permissions = new Permissions();
  const refusals = new Refusals();
  const bulkFaults = new BulkJobFaults();
  const callbacks = new CallbackEmitter(options.callbacks, credentials.twilio, shutdown.signal);

  const servers: RunningServer[] = [];
  try {
    let salesforceUrl = '';
    const salesforce = await listen(
      providerHandler(
        salesforceSpec({
          baseUrl: () => salesforceUrl,
          credentials: credentials.salesforce,
          contacts: students,
          customers,
          revocations,
          permissions,
          bulkFaults,
        }),
        ctx,
      ),
      options.ports?.salesforce,
    );
    servers.push(salesforce);
    salesforceUrl = salesforce.url;
    const sendgrid = await listen(
      providerHandler(
        sendgridSpec({
          apiKey: credentials.sendgrid.apiKey,
          log,
          revocations,
          permissions,
          refusals,
          onAccepted: (rows) => callbacks.emailsAccepted(rows),
        }),
        ctx,
      ),
      options.ports?.sendgrid,
    );
    servers.push(sendgrid);
    const twilio = await listen(
      providerHandler(
        twilioSpec({
          credentials: credentials.twilio,
          log,
          optedOut: new Set(options.optedOutPhones ?? []),
          revocations,
          permissions,
          refusals,
          onAccepted: (sms, statusCallback) => callbacks.smsAccepted(sms, statusCallback),
        }),
        ctx,
      ),
      options.ports?.twilio,
    );
    servers.push(twilio);
    const chatPosts: ChatPost[] = [];
    const chat = await listen(
      providerHandler(chatWebhookSpec({ token: CHAT_WEBHOOK_TOKEN, posts: chatPosts, revocations, permissions }), ctx),
      options.ports?.chat,
    );
    servers.push(chat);

    return {
      salesforceUrl,
      sendgridUrl: sendgrid.url,
      twilioUrl: twilio.url,
      chatWebhookUrl: `${chat.url}/hooks/${CHAT_WEBHOOK_TOKEN}`,
      chatPosts,
      credentials,
      log,
      faults,
      callbacks,
      students,
      customers,
      revoke: (provider) => revocations.revoke(provider),
      restore: (provider) => revocations.restore(provider),
      withdrawScope: (provider, gap) => permissions.withdraw(provider, gap),
      grantScope: (provider) => permissions.grant(provider),
      refuseNumber: (number, code) => refusals.refuseNumber(number, code),
      refuseAddress: (address) => refusals.refuseAddress(address),
      acceptRecipients: () => refusals.clear(),
      failBulkQueryJobs: (times = 1, state) => (times === 0 ? bulkFaults.clear() : bulkFaults.failNext(times, state)),
      async close() {
        shutdown.abort();
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
}
