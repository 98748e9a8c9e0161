/**
 * The provider delivery callbacks through the HTTP API, on the real store (PGlite): SendGrid's
 * signed Event Webhook (ECDSA over timestamp + raw body) and Twilio's status callbacks (HMAC-SHA1
 * over the public URL and sorted parameters, signed here with Twilio's own SDK helper). Unsigned,
 * forged, altered, stale, malformed, duplicate and out-of-order requests.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import twilio from 'twilio';
import type { DeliveryKey } from '../../activities/ports.ts';
import { formatDeliveryKey } from '../../activities/store/delivery-key.ts';
import { openStore } from '../../activities/store/open-store.ts';
import type { HeraldStore } from '../../activities/store/open-store.ts';
import { buildApi } from '../../client/api/app.ts';
import type { CallbackOptions } from '../../client/api/app.ts';
import { TokenRegistry } from '../../client/api/tokens.ts';
import { testTriggers } from '../support/triggers.ts';

const TWILIO_TOKEN = 'twilio-auth-token-for-callback-tests';
const PUBLIC_URL = 'https://herald.example.org/base';
const TWILIO_URL = `${PUBLIC_URL}/callbacks/twilio`;
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const otherKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

let store: HeraldStore;
// Never connects: the callback routes do not use Temporal.
const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

/** The API with both callbacks configured, or `without` one of them (or the whole callback setup). */
function api(without?: 'sendgrid' | 'twilio' | 'callbacks') {
  const callbacks: CallbackOptions = {
    events: store.deliveryStatus,
    ...(without === 'sendgrid' ? {} : { sendgridPublicKey: sendgridKeys.publicKey }),
    ...(without === 'twilio' ? {} : { twilio: { authToken: TWILIO_TOKEN, publicUrl: PUBLIC_URL } }),
  };
  return buildApi({
    client,
    taskQueue: 'herald-callbacks',
    tokens: new TokenRegistry([]),
    alertRoutes: {},
    triggers: testTriggers({ client, taskQueue: 'herald-callbacks', store }),
    rateLimitPerMinute: 2,
    maxBodyBytes: 16 * 1024,
    ...(without === 'callbacks' ? {} : { callbacks }),
  });
}
type Api = ReturnType<typeof api>;

const key = (recipientId: string, channel: 'email' | 'sms' = 'email'): DeliveryKey => ({
  incidentId: 'INC-CB-1',
  milestone: 'affected-people',
  recipientId,
  channel,
});

/** A key the ledger has sent. */
async function sent(k: DeliveryKey): Promise<DeliveryKey> {
  await store.ledger.reserve(k);
  await store.ledger.confirm(k, { providerMessageId: `msg-${k.recipientId}`, acceptedAt: new Date().toISOString() });
  return k;
}

const stateOf = async (k: DeliveryKey) => (await store.deliveryStatus.get(k))?.state;
const json = async <T>(res: Response) => (await res.json()) as T;
interface Problem {
  title: string;
  detail: string;
}

// --- SendGrid ---

let eventIds = 0;
const sgEvent = (k: DeliveryKey | string | undefined, event: string, extra: Record<string, unknown> = {}) => ({
  email: 'student@example.org',
  timestamp: 1_740_823_200,
  event,
  sg_event_id: `sg-event-${++eventIds}`,
  sg_message_id: 'msg-x.filterdrecv-1.0',
  ...(k === undefined ? {} : { herald_delivery_key: typeof k === 'string' ? k : formatDeliveryKey(k) }),
  ...extra,
});

const nowSeconds = () => String(Math.floor(Date.now() / 1000));
function sendgridHeaders(body: string, options: { key?: KeyObject; timestamp?: string } = {}) {
  const timestamp = options.timestamp ?? nowSeconds();
  const signature = sign('sha256', Buffer.from(timestamp + body), options.key ?? sendgridKeys.privateKey);
  return {
    'Content-Type': 'application/json',
    'X-Twilio-Email-Event-Webhook-Signature': signature.toString('base64'),
    'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
  };
}
const postSendgrid = (app: Api, body: string, headers: Record<string, string>) =>
  app.request('/callbacks/sendgrid', { method: 'POST', headers, body });
const signedSendgrid = (app: Api, events: unknown) => {
  const body = JSON.stringify(events);
  return postSendgrid(app, body, sendgridHeaders(body));
};

// --- Twilio ---

const sid = (n: number) => `SM${String(n).padStart(32, '0')}`;
const twilioParams = (n: number, status: string, extra: Record<string, string> = {}) => ({
  AccountSid: `AC${'0'.repeat(31)}1`,
  ApiVersion: '2010-04-01',
  From: '+15005550006',
  To: '+353870000001',
  MessageSid: sid(n),
  SmsSid: sid(n),
  MessageStatus: status,
  SmsStatus: status,
  ...extra,
});
const keyQuery = (k: DeliveryKey | string) =>
  `?${new URLSearchParams({ herald_delivery_key: typeof k === 'string' ? k : formatDeliveryKey(k) }).toString()}`;
function postTwilio(
  app: Api,
  query: string,
  params: Record<string, string>,
  options: { signedUrl?: string; signedParams?: Record<string, string>; token?: string; unsigned?: boolean } = {},
) {
  const signature = twilio.getExpectedTwilioSignature(
    options.token ?? TWILIO_TOKEN,
    options.signedUrl ?? TWILIO_URL + query,
    options.signedParams ?? params,
  );
  return app.request(`/callbacks/twilio${query}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(options.unsigned ? {} : { 'X-Twilio-Signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
}

describe('delivery callbacks', () => {
  before(async () => {
    store = await openStore();
  });
  after(async () => {
    await store?.close();
    await client.connection.close();
  });

  it('documents both callbacks as signature-authenticated (no bearer token, no roles)', async () => {
    const doc = await json<{
      paths: Record<string, { post?: { security?: unknown; 'x-herald-roles'?: string[]; responses: object } }>;
    }>(await api().request('/openapi.json'));
    for (const path of ['/callbacks/sendgrid', '/callbacks/twilio']) {
      const op = doc.paths[path]?.post;
      assert.ok(op, `${path} documented`);
      assert.deepEqual(op['x-herald-roles'], [], 'skipped by the bearer-token auth matrix');
      assert.equal(op.security, undefined);
      assert.deepEqual(Object.keys(op.responses).sort(), ['200', '400', '401', '403', '404', '413', '415']);
    }
  });

  describe('SendGrid Event Webhook', () => {
    it('unsigned → 401, forged → 403, body altered after signing → 403, stale → 403; nothing recorded', async () => {
      const app = api();
      const k = await sent(key('sg-refused'));
      const body = JSON.stringify([sgEvent(k, 'delivered')]);
      const unsigned = await postSendgrid(app, body, { 'Content-Type': 'application/json' });
      assert.equal(unsigned.status, 401);
      assert.match(unsigned.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.match((await json<Problem>(unsigned)).detail, /X-Twilio-Email-Event-Webhook-Signature/);

      const forged = await postSendgrid(app, body, sendgridHeaders(body, { key: otherKeys.privateKey }));
      assert.equal(forged.status, 403);
      assert.match((await json<Problem>(forged)).detail, /does not verify with SENDGRID_WEBHOOK_PUBLIC_KEY/);
      const garbage = { ...sendgridHeaders(body), 'X-Twilio-Email-Event-Webhook-Signature': 'bm90IGEgc2lnbmF0dXJl' };
      assert.equal((await postSendgrid(app, body, garbage)).status, 403);

      const altered = body.replace('delivered', 'bounce');
      assert.equal((await postSendgrid(app, altered, sendgridHeaders(body))).status, 403, 'body changed after signing');
      const headers = sendgridHeaders(body);
      const retimed = { ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': nowSeconds().replace(/.$/, 'x') };
      assert.equal((await postSendgrid(app, body, retimed)).status, 403, 'timestamp changed after signing');

      const elevenMinutesAgo = String(Math.floor(Date.now() / 1000) - 11 * 60);
      const stale = await postSendgrid(app, body, sendgridHeaders(body, { timestamp: elevenMinutesAgo }));
      assert.equal(stale.status, 403);
      assert.match((await json<Problem>(stale)).detail, /more than 10 minutes from now/);
      const future = String(Math.floor(Date.now() / 1000) + 11 * 60);
      assert.equal((await postSendgrid(app, body, sendgridHeaders(body, { timestamp: future }))).status, 403);

      assert.equal(await store.deliveryStatus.get(k), null, 'no refused request recorded anything');
    });

    it('a valid signed batch is recorded; engagement, foreign and unknown-key events are counted, not stored', async () => {
      const delivered = await sent(key('sg-delivered'));
      const bounced = await sent(key('sg-bounced'));
      const res = await signedSendgrid(api(), [
        sgEvent(delivered, 'processed'),
        sgEvent(bounced, 'processed'),
        sgEvent(bounced, 'deferred', { response: '451 try later' }),
        sgEvent(delivered, 'delivered', { sg_message_id: 'msg-sg-delivered.filterdrecv-7.0' }),
        sgEvent(bounced, 'bounce', { type: 'bounce', status: '5.1.1', reason: '550 no such user' }),
        sgEvent(delivered, 'open'),
        sgEvent(undefined, 'delivered'),
        sgEvent(key('never-sent'), 'delivered'),
      ]);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { received: 8, recorded: 5, duplicates: 0, unknownKeys: 1, ignored: 2 });
      const entry = await store.deliveryStatus.get(delivered);
      assert.equal(entry?.state, 'delivered');
      assert.equal(entry?.providerMessageId, 'msg-sg-delivered', 'sg_message_id without its routing suffix');
      assert.equal(entry?.occurredAt, '2025-03-01T10:00:00.000Z', 'the event time SendGrid gives');
      const bounce = await store.deliveryStatus.get(bounced);
      assert.deepEqual(
        [bounce?.state, bounce?.providerStatus, bounce?.detail],
        ['bounced', 'bounce', '5.1.1 550 no such user'],
      );
    });

    it('duplicates and out-of-order batches: a final state stays, a redelivery changes nothing', async () => {
      const app = api();
      const k = await sent(key('sg-order'));
      const processed = sgEvent(k, 'processed');
      const delivered = sgEvent(k, 'delivered');
      assert.equal((await json<{ recorded: number }>(await signedSendgrid(app, [delivered]))).recorded, 1);
      assert.equal((await json<{ recorded: number }>(await signedSendgrid(app, [processed]))).recorded, 1);
      assert.equal(await stateOf(k), 'delivered', 'processed after delivered');
      const again = await json<{ recorded: number; duplicates: number }>(
        await signedSendgrid(app, [processed, delivered]),
      );
      assert.deepEqual([again.recorded, again.duplicates], [0, 2]);
      const dropped = await sent(key('sg-dropped'));
      await signedSendgrid(app, [
        sgEvent(dropped, 'dropped', { reason: 'Bounced Address' }),
        sgEvent(dropped, 'processed'),
      ]);
      assert.equal(await stateOf(dropped), 'undelivered', 'dropped: it never left SendGrid');
    });

    it('signed but malformed: 400 naming the field or the delivery key, and nothing recorded', async () => {
      const app = api();
      const k = await sent(key('sg-malformed'));
      const notArray = await signedSendgrid(app, { event: 'delivered' });
      assert.equal(notArray.status, 400);
      const noId = await signedSendgrid(app, [{ ...sgEvent(k, 'delivered'), sg_event_id: undefined }]);
      assert.equal(noId.status, 400);
      assert.match((await json<Problem>(noId)).detail, /json\.0\.sg_event_id/);
      const badKey = await signedSendgrid(app, [sgEvent(k, 'delivered'), sgEvent('INC-CB-1/only-two', 'delivered')]);
      assert.equal(badKey.status, 400);
      assert.match(
        (await json<Problem>(badKey)).detail,
        /json\.1\.herald_delivery_key: malformed delivery key "INC-CB-1\/only-two"/,
      );
      const smsKey = await signedSendgrid(app, [sgEvent(key('x', 'sms'), 'delivered')]);
      assert.equal(smsKey.status, 400, 'an SMS key in an email event');
      const body = '[{"event":';
      assert.equal((await postSendgrid(app, body, sendgridHeaders(body))).status, 400, 'not JSON');
      assert.equal(await store.deliveryStatus.get(k), null);
    });

    it('not configured: 404 naming the variable; too large: 413', async () => {
      const off = api('sendgrid');
      const res = await signedSendgrid(off, [sgEvent(key('x'), 'delivered')]);
      assert.equal(res.status, 404);
      assert.match((await json<Problem>(res)).detail, /SENDGRID_WEBHOOK_PUBLIC_KEY/);
      assert.equal((await signedSendgrid(api('callbacks'), [])).status, 404, 'no callbacks at all');
      const big = JSON.stringify([sgEvent(key('x'), 'delivered', { pad: 'x'.repeat(20_000) })]);
      assert.equal((await postSendgrid(api(), big, sendgridHeaders(big))).status, 413);
    });
  });

  describe('Twilio status callbacks', () => {
    it('verifies the signature over the public URL and the sorted parameters', async () => {
      const app = api();
      const k = await sent(key('tw-signed', 'sms'));
      const q = keyQuery(k);
      const params = twilioParams(1, 'queued');
      const unsigned = await postTwilio(app, q, params, { unsigned: true });
      assert.equal(unsigned.status, 401);
      assert.match((await json<Problem>(unsigned)).detail, /X-Twilio-Signature/);
      assert.equal((await postTwilio(app, q, params, { token: 'another-token' })).status, 403, 'forged');
      const altered = await postTwilio(app, q, twilioParams(1, 'delivered'), { signedParams: params });
      assert.equal(altered.status, 403, 'parameters changed after signing');
      const hostHeader = await postTwilio(app, q, params, { signedUrl: `http://localhost/callbacks/twilio${q}` });
      assert.equal(hostHeader.status, 403, 'the signed URL is the public one, not what the Host header says');
      assert.match((await json<Problem>(hostHeader)).detail, /https:\/\/herald\.example\.org\/base\/callbacks\/twilio/);
      const otherKey = await postTwilio(app, keyQuery(key('tw-other', 'sms')), params, { signedUrl: TWILIO_URL + q });
      assert.equal(otherKey.status, 403, 'the query (the delivery key) is signed too');
      assert.equal(await store.deliveryStatus.get(k), null);

      const ok = await postTwilio(app, q, params);
      assert.equal(ok.status, 200, await ok.clone().text());
      assert.deepEqual(await ok.json(), { received: 1, recorded: 1, duplicates: 0, unknownKeys: 0, ignored: 0 });
      const withPort = await postTwilio(app, q, twilioParams(1, 'sent'), {
        signedUrl: `https://herald.example.org:443/base/callbacks/twilio${q}`,
      });
      assert.equal(withPort.status, 200, 'Twilio may sign the URL with its default port');
      assert.equal(await stateOf(k), 'accepted');
    });

    it('undelivered with its ErrorCode; duplicates and out-of-order statuses', async () => {
      const app = api();
      const k = await sent(key('tw-undelivered', 'sms'));
      const q = keyQuery(k);
      const undelivered = twilioParams(2, 'undelivered', { ErrorCode: '30003' });
      assert.equal((await postTwilio(app, q, undelivered)).status, 200);
      assert.equal((await postTwilio(app, q, twilioParams(2, 'sent'))).status, 200, "'sent' after the final state");
      const again = await json<{ duplicates: number }>(await postTwilio(app, q, undelivered));
      assert.equal(again.duplicates, 1);
      const entry = await store.deliveryStatus.get(k);
      assert.deepEqual([entry?.state, entry?.detail, entry?.providerMessageId], ['undelivered', '30003', sid(2)]);

      const d = await sent(key('tw-delivered', 'sms'));
      for (const status of ['delivered', 'queued', 'sent', 'delivered']) {
        assert.equal((await postTwilio(app, keyQuery(d), twilioParams(3, status))).status, 200);
      }
      assert.equal(await stateOf(d), 'delivered');
      const failed = await store.deliveryStatus.failedDeliveries('INC-CB-1', 'affected-people');
      assert.ok(failed.some((f) => f.key.recipientId === 'tw-undelivered'));
      assert.ok(!failed.some((f) => f.key.recipientId === 'tw-delivered'));
    });

    it('signed but malformed: 400 naming the delivery key or field; inbound statuses and unknown keys are counted', async () => {
      const app = api();
      const bad = await postTwilio(app, keyQuery('INC-CB-1//r1/sms'), twilioParams(4, 'delivered'));
      assert.equal(bad.status, 400);
      assert.match(
        (await json<Problem>(bad)).detail,
        /query\.herald_delivery_key: malformed delivery key "INC-CB-1\/\/r1\/sms"/,
      );
      assert.equal((await postTwilio(app, keyQuery(key('r1', 'email')), twilioParams(4, 'delivered'))).status, 400);
      assert.equal((await postTwilio(app, '', twilioParams(4, 'delivered'))).status, 400, 'no key at all');
      const noSid = await postTwilio(app, keyQuery(key('r1', 'sms')), { MessageStatus: 'delivered' });
      assert.equal(noSid.status, 400);
      assert.match((await json<Problem>(noSid)).detail, /form\.MessageSid/);

      const unknown = await json<{ unknownKeys: number }>(
        await postTwilio(app, keyQuery(key('never-sent', 'sms')), twilioParams(5, 'delivered')),
      );
      assert.equal(unknown.unknownKeys, 1);
      const k = await sent(key('tw-inbound', 'sms'));
      const inbound = await json<{ ignored: number }>(await postTwilio(app, keyQuery(k), twilioParams(6, 'received')));
      assert.equal(inbound.ignored, 1);
      assert.equal(await store.deliveryStatus.get(k), null);
    });

    it('not configured: 404 naming the variables', async () => {
      const res = await postTwilio(api('twilio'), keyQuery(key('x', 'sms')), twilioParams(7, 'sent'));
      assert.equal(res.status, 404);
      assert.match((await json<Problem>(res)).detail, /HERALD_PUBLIC_URL and TWILIO_AUTH_TOKEN/);
    });
  });

  it('callbacks are not rate limited: a provider reports every message', async () => {
    const app = api();
    const k = await sent(key('tw-many', 'sms'));
    for (let n = 0; n < 5; n++) {
      assert.equal((await postTwilio(app, keyQuery(k), twilioParams(8, n % 2 ? 'sent' : 'queued'))).status, 200);
    }
  });
});
