/**
 * docs/regulatory-clocks.md describes the same table the engine applies: every clock id is in it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REGULATORY_RULES } from '../../../../workflows/domain/regulatory/index.ts';

const doc = readFileSync(new URL('../../../../docs/regulatory-clocks.md', import.meta.url), 'utf8');

describe('docs/regulatory-clocks.md', () => {
  it('names every clock id of the rule tables (per-state HIPAA media ids by their US-XX pattern)', () => {
    const ids = new Set(REGULATORY_RULES.map((r) => r.clockId.replace(/:US-[A-Z]{2}$/, ':US-XX')));
    const missing = [...ids].filter((id) => !doc.includes(`\`${id}\``) && !doc.includes(`\`${id}\` (`));
    assert.deepEqual(missing, []);
  });
});
