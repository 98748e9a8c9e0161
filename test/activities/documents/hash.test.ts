import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex } from '../../../activities/documents/hash.ts';

describe('sha256Hex', () => {
  it('matches the known digest of "abc"', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hashes UTF-8 bytes', () => {
    assert.match(sha256Hex('Grüße'), /^[0-9a-f]{64}$/);
    assert.notEqual(sha256Hex('Grüße'), sha256Hex('Grusse'));
  });
});
