/** The payload codec and its configuration: round trip, rotation, tamper detection, no key in messages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AesGcmCodec, formatPayloadKey, generatePayloadKey } from '../../client/codec/aes-gcm-codec.ts';
import { parseCliConfig } from '../../workers/config.ts';

const enc = new TextEncoder();
const plain = { metadata: { encoding: enc.encode('json/plain') }, data: enc.encode('{"email":"a@b.test"}') };
const a = generatePayloadKey('a');
const b = generatePayloadKey('b');

describe('AesGcmCodec', () => {
  it('round-trips a payload; the ciphertext differs each time and carries the key id', async () => {
    const codec = new AesGcmCodec([a]);
    const [one] = await codec.encode([plain]);
    const [two] = await codec.encode([plain]);
    assert.notDeepEqual(one?.data, two?.data, 'a fresh IV per payload');
    assert.equal(new TextDecoder().decode(one?.metadata?.['encryption-key-id']), 'a');
    assert.ok(
      !Buffer.from(one?.data ?? [])
        .toString()
        .includes('a@b.test'),
    );
    assert.deepEqual(await codec.decode([one!]), [plain]);
  });

  it('rotation: the first key encrypts, the others still decrypt; payloads written in clear pass through', async () => {
    const [old] = await new AesGcmCodec([a]).encode([plain]);
    const rotated = new AesGcmCodec([b, a]);
    assert.equal(rotated.currentKeyId, 'b');
    assert.deepEqual(await rotated.decode([old!, plain]), [plain, plain]);
    await assert.rejects(new AesGcmCodec([b]).decode([old!]), /key "a", which is not among HERALD_PAYLOAD_KEYS \(b\)/);
  });

  it('a tampered payload or a swapped key id fails to decrypt', async () => {
    const codec = new AesGcmCodec([a, { id: 'a2', key: a.key }]);
    const [sealed] = await codec.encode([plain]);
    const flipped = new Uint8Array(sealed!.data!);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    await assert.rejects(codec.decode([{ ...sealed!, data: flipped }]));
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, 'encryption-key-id': enc.encode('a2') } };
    await assert.rejects(codec.decode([relabelled]), 'the key id is authenticated data');
  });

  it('refuses keys of the wrong length', () => {
    assert.throws(() => new AesGcmCodec([{ id: 'short', key: new Uint8Array(16) }]), /32 bytes/);
    assert.throws(() => new AesGcmCodec([]), /at least one key/);
  });
});

describe('HERALD_PAYLOAD_KEYS', () => {
  it('parses id=base64 pairs, first one first', () => {
    const config = parseCliConfig({ HERALD_PAYLOAD_KEYS: `${formatPayloadKey(b)}, ${formatPayloadKey(a)}` });
    assert.deepEqual(
      config.HERALD_PAYLOAD_KEYS.map((k) => k.id),
      ['b', 'a'],
    );
    assert.deepEqual(parseCliConfig({}).HERALD_PAYLOAD_KEYS, []);
  });

  it('names the bad entry by position and id, never the key material', () => {
    const secret16 = Buffer.alloc(16, 7).toString('base64');
    const secretA = Buffer.from(a.key).toString('base64');
    const secret32 = Buffer.alloc(32, 9).toString('base64');
    for (const [value, secret, message] of [
      [`x=${secret16}`, secret16, /HERALD_PAYLOAD_KEYS: entry 1: key "x" must be 32 bytes/],
      [`${formatPayloadKey(a)},${formatPayloadKey(a)}`, secretA, /entry 2: key id "a" appears twice/],
      [secret32, secret32, /entry 1: needs an id/],
    ] as const) {
      assert.throws(
        () => parseCliConfig({ HERALD_PAYLOAD_KEYS: value }),
        (err: Error) => message.test(err.message) && !err.message.includes(secret.replace(/=+$/, '')),
      );
    }
  });
});
