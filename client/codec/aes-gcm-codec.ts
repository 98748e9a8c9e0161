/**
 * Payload encryption for everything Herald hands to Temporal: AES-256-GCM, one fresh 96-bit IV per
 * payload, the key id in the payload's metadata (and bound to the ciphertext as authenticated
 * data), so keys can rotate: the first key encrypts, every configured key decrypts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** Metadata encoding of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One key: its id (stored with every payload it encrypts) and its 32 bytes. */
export interface PayloadKey {
  id: string;
  key: Uint8Array;
}

const text = new TextEncoder();
const fromText = new TextDecoder();
const b64 = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('base64');

/** A payload as bytes: its metadata and data as JSON (no protobuf dependency, stable across SDKs). */
function serialize(payload: Payload): Uint8Array {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, b64(v)]));
  return text.encode(JSON.stringify({ metadata, data: b64(payload.data) }));
}

function deserialize(bytes: Uint8Array): Payload {
  const parsed = JSON.parse(fromText.decode(bytes)) as { metadata: Record<string, string>; data: string };
  return {
    metadata: Object.fromEntries(
      Object.entries(parsed.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(parsed.data, 'base64')),
  };
}

export class AesGcmCodec implements PayloadCodec {
  readonly #encryptWith: PayloadKey;
  readonly #keys: ReadonlyMap<string, Uint8Array>;

  /** `keys[0]` encrypts; all of them decrypt. */
  constructor(keys: readonly PayloadKey[]) {
    const [first] = keys;
    if (!first) throw new TypeError('AesGcmCodec needs at least one key');
    for (const k of keys) {
      if (k.key.length !== 32) throw new TypeError(`payload key ${k.id} must be 32 bytes, not ${k.key.length}`);
    }
    this.#encryptWith = first;
    this.#keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.#encryptWith.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { id, key } = this.#encryptWith;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(text.encode(id));
      const sealed = Buffer.concat([cipher.update(serialize(payload)), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) },
        data: new Uint8Array(Buffer.concat([iv, sealed])),
      };
    });
  }

  /** Decrypts Herald's payloads; anything else (written before encryption was on) passes unchanged. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || fromText.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const idBytes = payload.metadata?.[KEY_ID_METADATA];
      const id = idBytes ? fromText.decode(idBytes) : '';
      const key = this.#keys.get(id);
      if (!key) {
        throw new Error(
          `payload encrypted with key "${id}", which is not among HERALD_PAYLOAD_KEYS (${[...this.#keys.keys()].join(', ')})`,
        );
      }
      const data = payload.data ?? new Uint8Array();
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`encrypted payload (key ${id}) is truncated`);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(text.encode(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return deserialize(plain);
    });
  }
}

/** A new random key, e.g. for the demo or `herald keys new`. */
export function generatePayloadKey(id: string): PayloadKey {
  return { id, key: new Uint8Array(randomBytes(32)) };
}

/** `id=base64` as HERALD_PAYLOAD_KEYS spells one key. */
export function formatPayloadKey(k: PayloadKey): string {
  return `${k.id}=${Buffer.from(k.key).toString('base64')}`;
}
