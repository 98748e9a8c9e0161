import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../../activities/store/canonical-json.ts';

test('sorts keys at every depth, integer-like keys included', () => {
  assert.equal(
    canonicalJson({ b: 1, 10: 'x', 2: 'y', a: { z: [3, { d: 1, c: 2 }], y: null } }),
    '{"10":"x","2":"y","a":{"y":null,"z":[3,{"c":2,"d":1}]},"b":1}',
  );
});

test('is independent of insertion order and follows JSON.stringify for odd values', () => {
  assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  assert.equal(
    canonicalJson({ u: undefined, d: new Date('2024-01-01T00:00:00Z'), n: Number.NaN, a: [undefined] }),
    '{"a":[null],"d":"2024-01-01T00:00:00.000Z","n":null}',
  );
});

test('round-trips: canonical text parsed and re-canonicalized is identical', () => {
  const text = canonicalJson({ s: 'é"\\\u0001', n: 1e21, f: 0.1 + 0.2, neg: -0 });
  assert.equal(canonicalJson(JSON.parse(text)), text);
});
