/** The console's forms come from the action schemas: every action of both procedures gets one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROCEDURES } from '../../client/api/routes/procedure-routes.ts';
import { bodyFromForm, formFieldsOf } from '../../client/console/action-fields.ts';
import { LOCKOUT_ACTION_FIELDS } from '../../workflows/domain/lockout-actions.ts';

describe('console action forms', () => {
  it('every action of both procedures has a form (none left to the CLI and API)', () => {
    const without = PROCEDURES.flatMap((p) =>
      Object.entries(p.actions).flatMap(([name, spec]) => (formFieldsOf(spec.fields) ? [] : [`${p.path} ${name}`])),
    );
    assert.deepEqual(without, []);
  });

  it('a nested object becomes a group, a list of choices a checkbox group; the server fills actor and claim', () => {
    const fields = formFieldsOf(LOCKOUT_ACTION_FIELDS.scopeChange) ?? [];
    const byName = new Map(fields.map((f) => [f.name, f]));
    assert.equal(byName.get('regions')?.kind, 'several');
    assert.deepEqual(byName.get('regions')?.options?.slice(0, 2), ['EU', 'UK']);
    assert.equal(byName.get('regulatory.nis2Entity')?.group, 'regulatory');
    assert.equal(byName.get('regulatory.nis2Entity')?.label, 'nis2Entity');
    assert.equal(byName.get('reason')?.required, true);
    assert.ok(!byName.has('actor') && !byName.has('claim'));
  });

  it('a posted form becomes the body: groups nested, several kept as a list, an unset yes/no left out', () => {
    const fields = formFieldsOf(LOCKOUT_ACTION_FIELDS.scopeChange) ?? [];
    const body = bodyFromForm(fields, {
      regions: ['EU', 'UK'],
      surfaces: 'checkout',
      euPersonalDataInterrupted: '',
      ukPersonalDataInterrupted: 'no',
      'regulatory.nis2Entity': 'important',
      'regulatory.nis2SignificantAt': ' ',
      reason: 'the EU storefront is down too',
      actor: 'someone else',
    });
    assert.deepEqual(body, {
      regions: ['EU', 'UK'],
      surfaces: ['checkout'],
      ukPersonalDataInterrupted: false,
      regulatory: { nis2Entity: 'important' },
      reason: 'the EU storefront is down too',
    });
    assert.deepEqual(bodyFromForm(fields, { reason: 'only a reason' }), { reason: 'only a reason' });
  });
});
