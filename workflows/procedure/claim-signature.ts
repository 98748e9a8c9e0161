/**
 * Ed25519 signature verification inside workflow code: a maintained, audited pure-JS
 * implementation (@noble/ed25519 with @noble/hashes' SHA-512), synchronous and deterministic —
 * no Node crypto, no randomness — so a replay verifies exactly as the first run did.
 */
import { hashes, verify } from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

hashes.sha512 = sha512;

/** RFC 8032 strict verification (not ZIP-215): one signature, one accepted encoding. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false; // a malformed point or signature is a bad signature, not a bug
  }
}
