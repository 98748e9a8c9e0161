/**
 * The sandbox's delivery callbacks, received by a plain HTTP server: off by default; SendGrid's
 * Event Webhook batches verify with the public key the sandbox exposes, Twilio's status callbacks
 * with Twilio's own validateRequest; bounces, drops and undeliverable numbers; duplicates and a
 * seeded shuffle; and the provider answers before any callback is answered.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { startSandbox } from '../../sandbox/index.ts';
import type { CallbackOptions, Sandbox } from '../../sandbox/index.ts';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A callback receiver on 127.0.0.1; while `hold` is set, answers wait for its release. */
async function receiver() {
  const received: Received[] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      void held.then(() => res.writeHead(204).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release: () => release?.(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Receiver = Awaited<ReturnType<typeof receiver>>;

let sink: Receiver;
const sandboxes: Sandbox[] = [];
async function sandboxWith(callbacks?: CallbackOptions): Promise<Sandbox> {
  const sandbox = await startSandbox({ seed: { count: 3 }, ...(callbacks ? { callbacks } : {}) });
  sandboxes.push(sandbox);
  return sandbox;
}

const GOOD = 'ada@example.org';
const BOUNCING = 'nobody@example.org';
const DROPPED = 'suppressed@example.org';
const UNDELIVERABLE = '+353870000009';

async function sendMail(sandbox: Sandbox, recipients: string[]): Promise<Response> {
  return fetch(`${sandbox.sendgridUrl}/v3/mail/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.credentials.sendgrid.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      personalizations: recipients.map((to, i) => ({
        to: [{ email: to }],
        custom_args: { herald_delivery_key: `INC-1/affected-people/r${i}/email` },
      })),
      from: { email: 'herald@example.org' },
      subject: 'Notice',
      content: [{ type: 'text/plain', value: 'A data incident may affect you.' }],
    }),
  });
}

async function sendSms(sandbox: Sandbox, to: string, statusCallback?: string): Promise<Response> {
  const { accountSid, authToken, fromNumber } = sandbox.credentials.twilio;
  return fetch(`${sandbox.twilioUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      To: to,
      From: fromNumber,
      Body: 'A data incident may affect you.',
      ...(statusCallback ? { StatusCallback: statusCallback } : {}),
    }),
  });
}

const events = (r: Received) => JSON.parse(r.body) as { event: string; email: string; herald_delivery_key?: string }[];
const statusOf = (r: Received) => new URLSearchParams(r.body).get('MessageStatus');

describe('sandbox delivery callbacks', () => {
  before(async () => {
    sink = await receiver();
  });
  after(async () => {
    await Promise.all(sandboxes.map((s) => s.close()));
    await sink.close();
  });

  it('are off by default', async () => {
    const sandbox = await sandboxWith();
    sandbox.callbacks.setSendgridUrl(`${sink.url}/sendgrid`);
    const before = sink.received.length;
    assert.equal((await sendMail(sandbox, [GOOD])).status, 202);
    assert.equal((await sendSms(sandbox, '+353870000001', `${sink.url}/twilio?k=1`)).status, 201);
    await sandbox.callbacks.settled();
    assert.equal(sink.received.length, before);
    assert.deepEqual(sandbox.callbacks.posts(), []);
  });

  it('SendGrid: signed batches, processed then delivered, bounce or dropped as configured', async () => {
    const sandbox = await sandboxWith({
      sendgridUrl: `${sink.url}/sendgrid`,
      bouncingEmails: [BOUNCING],
      droppedEmails: [DROPPED],
    });
    const from = sink.received.length;
    assert.equal((await sendMail(sandbox, [GOOD, BOUNCING, DROPPED])).status, 202);
    await sandbox.callbacks.settled();
    const batches = sink.received.slice(from);
    assert.deepEqual(
      batches.map((b) => events(b).map((e) => `${e.email}:${e.event}`)),
      [
        [`${GOOD}:processed`, `${BOUNCING}:processed`, `${DROPPED}:processed`],
        [`${GOOD}:delivered`, `${BOUNCING}:deferred`, `${DROPPED}:dropped`],
        [`${BOUNCING}:bounce`],
      ],
    );
    const key = createPublicKey({
      key: Buffer.from(sandbox.callbacks.sendgridPublicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    for (const batch of batches) {
      const timestamp = batch.headers['x-twilio-email-event-webhook-timestamp'] ?? '';
      const signature = Buffer.from(batch.headers['x-twilio-email-event-webhook-signature'] ?? '', 'base64');
      assert.ok(verify('sha256', Buffer.from(timestamp + batch.body), key, signature), 'signed with the exposed key');
      assert.ok(!verify('sha256', Buffer.from(`${timestamp} ${batch.body}`), key, signature));
    }
    assert.deepEqual(
      events(batches[0]!).map((e) => e.herald_delivery_key),
      ['INC-1/affected-people/r0/email', 'INC-1/affected-people/r1/email', 'INC-1/affected-people/r2/email'],
      'custom args as top-level fields',
    );
    assert.ok(sandbox.callbacks.posts().every((p) => p.provider === 'sendgrid' && p.status === 204));
  });

  it('Twilio: queued, sent, delivered or undelivered with ErrorCode, each signed over the StatusCallback URL', async () => {
    const sandbox = await sandboxWith({ undeliverablePhones: { [UNDELIVERABLE]: 30005 } });
    const from = sink.received.length;
    const callback = `${sink.url}/twilio?herald_delivery_key=INC-1%2Fm%2Fr1%2Fsms`;
    assert.equal((await sendSms(sandbox, '+353870000001', callback)).status, 201);
    assert.equal((await sendSms(sandbox, UNDELIVERABLE, callback)).status, 201);
    assert.equal((await sendSms(sandbox, '+353870000002')).status, 201, 'no StatusCallback: no callbacks');
    await sandbox.callbacks.settled();
    const posts = sink.received.slice(from);
    assert.deepEqual(posts.map(statusOf), ['queued', 'sent', 'delivered', 'queued', 'sent', 'undelivered']);
    assert.equal(new URLSearchParams(posts[5]!.body).get('ErrorCode'), '30005');
    assert.equal(new URLSearchParams(posts[2]!.body).get('ErrorCode'), null);
    for (const post of posts) {
      assert.equal(post.path, callback.slice(sink.url.length));
      const params = Object.fromEntries(new URLSearchParams(post.body));
      const signature = post.headers['x-twilio-signature'] ?? '';
      const { authToken } = sandbox.credentials.twilio;
      assert.ok(twilio.validateRequest(authToken, signature, callback, params), 'Twilio’s own check accepts it');
      assert.ok(!twilio.validateRequest('another-token', signature, callback, params));
    }
  });

  it('duplicates and a seeded shuffle: every callback twice, out of order, the same order for the same seed', async () => {
    const order = async (seed: number): Promise<string[]> => {
      const sandbox = await sandboxWith({ duplicates: true, shuffle: true, seed });
      const from = sink.received.length;
      await sendSms(sandbox, '+353870000001', `${sink.url}/twilio?seed=${seed}`);
      await sandbox.callbacks.settled();
      return sink.received.slice(from).map((r) => statusOf(r) ?? '');
    };
    const first = await order(7);
    assert.deepEqual([...first].sort(), ['delivered', 'delivered', 'queued', 'queued', 'sent', 'sent']);
    assert.deepEqual(await order(7), first, 'reproducible');
    const orders = [first, ...(await Promise.all([1, 2, 3, 4].map(order)))].map((o) => o.join());
    assert.ok(
      orders.some((o) => o !== 'queued,queued,sent,sent,delivered,delivered'),
      'some seed reorders the statuses',
    );

    const sandbox = await sandboxWith({ sendgridUrl: `${sink.url}/sendgrid`, shuffle: true, duplicates: true });
    const from = sink.received.length;
    await sendMail(sandbox, [GOOD, BOUNCING]);
    await sandbox.callbacks.settled();
    const batches = sink.received.slice(from).map(events);
    assert.ok(
      batches.every((b) => b.length === 1),
      'shuffled events arrive one per request',
    );
    assert.equal(batches.length, 2 * 4, 'processed+delivered and processed+bounce, each twice');
  });

  it('is asynchronous: the provider answers while the callback receiver has not', async () => {
    const sandbox = await sandboxWith({ sendgridUrl: `${sink.url}/sendgrid` });
    sink.hold();
    const from = sink.received.length;
    assert.equal((await sendMail(sandbox, [GOOD])).status, 202, 'answered with the callback still pending');
    assert.equal((await sendSms(sandbox, '+353870000001', `${sink.url}/twilio`)).status, 201);
    let settled = false;
    const done = sandbox.callbacks.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    sink.release();
    await done;
    assert.deepEqual(
      sink.received.slice(from).map((r) => r.path.split('?')[0]),
      ['/sendgrid', '/sendgrid', '/twilio', '/twilio', '/twilio'],
      'posted one at a time, in order',
    );
  });
});
