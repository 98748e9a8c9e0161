/**
 * Delivery callbacks end to end, as two processes would run them on one PostgreSQL: the worker's
 * deps from its configuration (real SendGrid and Twilio adapters against the sandbox, the Twilio
 * StatusCallback from HERALD_PUBLIC_URL) send through the ledger to a bouncing address and an
 * undeliverable number; the sandbox posts signed callbacks — every one twice, in a shuffled order —
 * to the real API server on 127.0.0.1, configured from the API's configuration; the store ends with
 * bounced and undelivered for those keys and delivered for the others.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { emptySummary } from '../../activities/deps.ts';
import type { DeliveryKey } from '../../activities/ports.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { sendToContact } from '../../activities/send-to-contact.ts';
import { buildApi } from '../../client/api/app.ts';
import { callbackOptions } from '../../client/api/callbacks/callback-options.ts';
import { callbackUrl } from '../../client/api/callbacks/callback-paths.ts';
import { TokenRegistry } from '../../client/api/tokens.ts';
import { startSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { sandboxEnvironment } from '../../sandbox/environment.ts';
import { buildDeps } from '../../workers/build-deps.ts';
import { parseApiConfig, parseConfig } from '../../workers/config.ts';
import type { Contact } from '../../workflows/domain/contacts.ts';
import { usePostgresServer } from '../support/postgres-server.ts';
import { testTriggers } from '../support/triggers.ts';

const postgres = usePostgresServer();
const INCIDENT = 'INC-CALLBACKS-1';
const MILESTONE = 'affected-people';
const BOUNCING = 'no-such-student@example-university.test';
const UNDELIVERABLE = '+353870000099';

const contacts: Contact[] = [
  { id: 'r-ok', name: 'Ada Ok', email: 'ada@example-university.test', phone: '+353870000001' },
  { id: 'r-bounce', name: 'Ben Bounce', email: BOUNCING, phone: '+353870000002' },
  { id: 'r-unreachable', name: 'Cy Unreachable', email: 'cy@example-university.test', phone: UNDELIVERABLE },
];

const closers: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

test('bounced and undelivered from signed, duplicated, shuffled callbacks; delivered for the rest', async () => {
  const databaseUrl = await (await postgres()).createDatabase();
  const sandbox: Sandbox = await startSandbox({
    seed: { count: 3 },
    callbacks: {
      bouncingEmails: [BOUNCING],
      undeliverablePhones: { [UNDELIVERABLE]: 30003 },
      duplicates: true,
      shuffle: true,
      seed: 20250301,
    },
  });
  closers.push(() => sandbox.close());

  // The API process: its server first (Herald's public URL is where it listens), then its app.
  let fetchApi = (_req: Request): Response | Promise<Response> => new Response(null, { status: 503 });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: (req) => fetchApi(req), hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiConfig = parseApiConfig({
    HERALD_API_TOKENS_FILE: 'config/api-tokens.example.json',
    DATABASE_URL: databaseUrl,
    SENDGRID_WEBHOOK_PUBLIC_KEY: sandbox.callbacks.sendgridPublicKey,
    TWILIO_AUTH_TOKEN: sandbox.credentials.twilio.authToken,
    HERALD_PUBLIC_URL: apiUrl,
  });
  const apiStore = await openStore({ databaseUrl: apiConfig.DATABASE_URL });
  closers.push(() => apiStore.close());
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  closers.push(() => client.connection.close());
  const app = buildApi({
    client,
    taskQueue: 'herald-callbacks-e2e',
    tokens: new TokenRegistry([]),
    alertRoutes: {},
    triggers: testTriggers({ client, taskQueue: 'herald-callbacks-e2e', store: apiStore }),
    rateLimitPerMinute: 1,
    maxBodyBytes: apiConfig.HERALD_API_MAX_BODY_BYTES,
    callbacks: callbackOptions(apiConfig, apiStore.deliveryStatus),
  });
  fetchApi = (req) => app.fetch(req);
  // As an operator would enter it in SendGrid's Event Webhook settings.
  sandbox.callbacks.setSendgridUrl(callbackUrl(apiUrl, 'sendgrid'));

  // The worker process: its own store on the same database, its deps from its configuration.
  const workerConfig = parseConfig({
    ...sandboxEnvironment(sandbox),
    DATABASE_URL: databaseUrl,
    HERALD_PUBLIC_URL: apiUrl,
  });
  const workerStore: HeraldStore = await openStore({ databaseUrl: workerConfig.DATABASE_URL });
  closers.push(() => workerStore.close());
  const deps = await buildDeps(workerConfig, workerStore);
  const summary = emptySummary();
  for (const contact of contacts) {
    await sendToContact(
      deps,
      {
        incidentId: INCIDENT,
        ledgerMilestone: MILESTONE,
        contact,
        message: {
          subject: 'Data incident',
          text: 'A data incident may affect you.',
          sms: 'A data incident may affect you.',
        },
      },
      summary,
    );
  }
  assert.deepEqual([summary.email.accepted, summary.sms.accepted], [3, 3], 'every send accepted by the providers');
  const statusCallback = new URL(
    String((sandbox.log.requests('twilio')[0]?.body as Record<string, unknown>).StatusCallback),
  );
  assert.equal(`${statusCallback.origin}${statusCallback.pathname}`, `${apiUrl}/callbacks/twilio`);

  await sandbox.callbacks.settled();
  const posts = sandbox.callbacks.posts();
  const sendgridEvents = 2 * 2 + 3; // processed, delivered ×2; processed, deferred, bounce
  const twilioStatuses = 3 * 3; // queued, sent, delivered|undelivered
  assert.equal(posts.length, 2 * (sendgridEvents + twilioStatuses), 'every callback posted twice');
  assert.deepEqual(
    posts.filter((p) => p.status !== 200),
    [],
    'Herald accepted every signed callback, duplicates included',
  );

  const key = (recipientId: string, channel: 'email' | 'sms'): DeliveryKey => ({
    incidentId: INCIDENT,
    milestone: MILESTONE,
    recipientId,
    channel,
  });
  const state = async (recipientId: string, channel: 'email' | 'sms') =>
    (await workerStore.deliveryStatus.get(key(recipientId, channel)))?.state;
  assert.deepEqual(
    {
      okEmail: await state('r-ok', 'email'),
      okSms: await state('r-ok', 'sms'),
      bounceEmail: await state('r-bounce', 'email'),
      bounceSms: await state('r-bounce', 'sms'),
      unreachableEmail: await state('r-unreachable', 'email'),
      unreachableSms: await state('r-unreachable', 'sms'),
    },
    {
      okEmail: 'delivered',
      okSms: 'delivered',
      bounceEmail: 'bounced',
      bounceSms: 'delivered',
      unreachableEmail: 'delivered',
      unreachableSms: 'undelivered',
    },
  );
  const failed = await workerStore.deliveryStatus.failedDeliveries(INCIDENT, MILESTONE);
  assert.deepEqual(
    failed.map((f) => [f.key.recipientId, f.key.channel, f.state, f.providerStatus, f.detail]),
    [
      [
        'r-bounce',
        'email',
        'bounced',
        'bounce',
        '5.1.1 550 5.1.1 The email account that you tried to reach does not exist.',
      ],
      ['r-unreachable', 'sms', 'undelivered', 'undelivered', '30003'],
    ],
  );
  const ledgerIds = await Promise.all(
    failed.map(async (f) => (await workerStore.ledger.get(f.key))?.providerMessageId),
  );
  assert.deepEqual(
    failed.map((f) => f.providerMessageId),
    ledgerIds,
    'the callbacks name the message ids the ledger holds',
  );
  const summaryByState = await workerStore.deliveryStatus.summarize(INCIDENT);
  assert.deepEqual(
    [
      summaryByState.email.delivered,
      summaryByState.email.bounced,
      summaryByState.sms.delivered,
      summaryByState.sms.undelivered,
    ],
    [2, 1, 2, 1],
  );
  const [stored] = await workerStore.driver.query<{ n: unknown }>('SELECT count(*) AS n FROM delivery_events');
  assert.equal(Number(stored?.n), sendgridEvents + twilioStatuses, 'each provider event stored once');
});
