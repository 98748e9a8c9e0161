/**
 * The delivery-callback variables in workers/config.ts: the SendGrid verification key as SendGrid
 * shows it, Herald's public URL normalized the same way for worker and API, and the API refusing
 * callbacks without a shared store.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { callbacksConfigured, parseApiConfig, twilioCallbacks } from '../../workers/config.ts';

const base = { HERALD_API_TOKENS_FILE: 'config/api-tokens.example.json', DATABASE_URL: 'postgresql://h@db/herald' };
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
const asSendgridShowsIt = p256.export({ format: 'der', type: 'spki' }).toString('base64');

describe('delivery callback configuration', () => {
  it('SENDGRID_WEBHOOK_PUBLIC_KEY: base64 DER (as SendGrid shows it) or PEM, ECDSA P-256 only', () => {
    const key = parseApiConfig({ ...base, SENDGRID_WEBHOOK_PUBLIC_KEY: asSendgridShowsIt }).SENDGRID_WEBHOOK_PUBLIC_KEY;
    assert.ok(key?.equals(p256));
    const pem = p256.export({ format: 'pem', type: 'spki' }).toString();
    assert.ok(parseApiConfig({ ...base, SENDGRID_WEBHOOK_PUBLIC_KEY: pem }).SENDGRID_WEBHOOK_PUBLIC_KEY?.equals(p256));
    assert.equal(parseApiConfig({ ...base, SENDGRID_WEBHOOK_PUBLIC_KEY: '' }).SENDGRID_WEBHOOK_PUBLIC_KEY, undefined);
    const other = [
      'not a key',
      Buffer.from('not a key either').toString('base64'),
      generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
        .publicKey.export({ format: 'der', type: 'spki' })
        .toString('base64'),
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .publicKey.export({ format: 'der', type: 'spki' })
        .toString('base64'),
    ];
    for (const value of other) {
      assert.throws(
        () => parseApiConfig({ ...base, SENDGRID_WEBHOOK_PUBLIC_KEY: value }),
        /SENDGRID_WEBHOOK_PUBLIC_KEY: must be the ECDSA P-256 public key/,
        value.slice(0, 20),
      );
    }
  });

  it('HERALD_PUBLIC_URL: an http(s) base URL, normalized without a trailing slash', () => {
    const url = (value: string) => parseApiConfig({ ...base, HERALD_PUBLIC_URL: value }).HERALD_PUBLIC_URL;
    assert.equal(url('https://Herald.Example.org:443/'), 'https://herald.example.org');
    assert.equal(url('https://herald.example.org/base/'), 'https://herald.example.org/base');
    assert.equal(url('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    for (const bad of ['ftp://herald.example.org', 'https://herald.example.org/?x=1', 'herald.example.org']) {
      assert.throws(() => url(bad), /HERALD_PUBLIC_URL/, bad);
    }
  });

  it('Twilio callbacks need the public URL and the auth token; any callback needs DATABASE_URL', () => {
    const token = { TWILIO_AUTH_TOKEN: 'auth-token' };
    const onlyToken = parseApiConfig({ ...base, ...token });
    assert.equal(twilioCallbacks(onlyToken), undefined);
    assert.equal(callbacksConfigured(onlyToken), false);
    const both = parseApiConfig({ ...base, ...token, HERALD_PUBLIC_URL: 'https://h.example.org/' });
    assert.deepEqual(twilioCallbacks(both), { authToken: 'auth-token', publicUrl: 'https://h.example.org' });
    const noStore = { HERALD_API_TOKENS_FILE: base.HERALD_API_TOKENS_FILE };
    assert.throws(
      () => parseApiConfig({ ...noStore, ...token, HERALD_PUBLIC_URL: 'https://h.example.org' }),
      /DATABASE_URL: the provider callbacks .* set DATABASE_URL/,
    );
    assert.throws(() => parseApiConfig({ ...noStore, SENDGRID_WEBHOOK_PUBLIC_KEY: asSendgridShowsIt }), /DATABASE_URL/);
    assert.doesNotThrow(() => parseApiConfig({ ...noStore, ...token }), 'no callbacks: the embedded default is fine');
  });
});
