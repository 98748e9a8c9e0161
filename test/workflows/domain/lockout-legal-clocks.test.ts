/** The lockout's legal clocks from the regulatory engine: which regimes apply, from which event. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lockoutLegalClocks, regulatoryConflict } from '../../../workflows/lockout/legal-clocks.ts';

const detectedAt = '2026-11-20T08:00:00Z';
const scope = { surfaces: ['checkout' as const], regions: ['EU' as const], euPersonalDataInterrupted: false };
const at = (hours: number) => new Date(Date.parse(detectedAt) + hours * 3_600_000).toISOString();
const ids = (clocks: { id: string }[]) => clocks.map((c) => c.id).sort();

describe('lockout legal clocks', () => {
  it('no personal data and no NIS2/DORA duty: no clock', () => {
    assert.deepEqual(lockoutLegalClocks(detectedAt, scope, {}), []);
  });

  it('EU personal-data processing interrupted: GDPR Art. 33, 72 h from awareness (availability breach)', () => {
    const clocks = lockoutLegalClocks(detectedAt, { ...scope, euPersonalDataInterrupted: true }, {});
    const art33 = clocks.find((c) => c.regime === 'GDPR' && /33/.test(c.source));
    assert.equal(art33?.dueAt, at(72));
  });

  it('NIS2 important entity: nothing until the lockout is found significant, then 24 h and 72 h from that (Art. 23(4)(a)-(b))', () => {
    assert.deepEqual(lockoutLegalClocks(detectedAt, scope, { nis2Entity: 'important' }), []);
    const clocks = lockoutLegalClocks(detectedAt, scope, { nis2Entity: 'important', nis2SignificantAt: at(5) });
    const nis2 = clocks.filter((c) => c.regime === 'NIS2');
    assert.equal(nis2.length, 2);
    assert.deepEqual(nis2.map((c) => c.dueAt).sort(), [at(5 + 24), at(5 + 72)]);
    const withReport = lockoutLegalClocks(detectedAt, scope, {
      nis2Entity: 'important',
      nis2SignificantAt: at(5),
      nis2IncidentNotificationAt: at(30),
    });
    assert.equal(withReport.filter((c) => c.regime === 'NIS2').length, 3, 'the final report follows the notification');
  });

  it('DORA financial entity: the initial notification once classified major', () => {
    assert.deepEqual(lockoutLegalClocks(detectedAt, scope, { doraFinancialEntity: true }), []);
    const clocks = lockoutLegalClocks(detectedAt, scope, { doraFinancialEntity: true, doraMajorAt: at(2) });
    assert.ok(clocks.some((c) => c.regime === 'DORA' && c.dueAt !== null && c.dueAt > at(2)));
  });

  it('adding a fact never removes a clock; a recorded fact cannot be changed', () => {
    const before = lockoutLegalClocks(
      detectedAt,
      { ...scope, euPersonalDataInterrupted: true },
      { nis2Entity: 'essential' },
    );
    const after = lockoutLegalClocks(
      detectedAt,
      { ...scope, euPersonalDataInterrupted: true },
      { nis2Entity: 'essential', nis2SignificantAt: at(1) },
    );
    for (const id of ids(before)) assert.ok(ids(after).includes(id), id);
    assert.equal(regulatoryConflict({ nis2SignificantAt: at(1) }, { nis2SignificantAt: at(1) }), null);
    assert.match(
      regulatoryConflict({ nis2SignificantAt: at(1) }, { nis2SignificantAt: at(2) }) ?? '',
      /already recorded/,
    );
  });
});
