import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { StoredDocument } from '../../../activities/ports.ts';
import type { HeraldStore } from '../../../activities/store/open-store.ts';
import { forEachDriver } from '../../support/store-drivers.ts';

forEachDriver((driver) => {
  let store: HeraldStore;

  before(async () => {
    store = await driver.openStore();
  });
  after(() => store?.close());

  const doc = (version: number, body = `notice v${version}`): StoredDocument => ({
    incidentId: 'inc-docs',
    kind: 'authority-notice',
    version,
    sha256: `sha-${body}`,
    body,
    createdAt: '2025-03-01T10:00:00.000Z',
  });

  test('put stores and returns the document; get reads it back', async () => {
    assert.deepEqual(await store.documents.put(doc(1)), doc(1));
    assert.deepEqual(await store.documents.get('inc-docs', 'authority-notice', 1), doc(1));
    assert.equal(await store.documents.get('inc-docs', 'authority-notice', 2), null);
    assert.equal(await store.documents.get('inc-docs', 'compliance-report', 1), null);
  });

  test('put is idempotent: a second put of a version returns the first', async () => {
    assert.deepEqual(await store.documents.put(doc(1, 're-rendered')), doc(1));
    assert.deepEqual(await store.documents.get('inc-docs', 'authority-notice', 1), doc(1));
  });

  test('latest is the highest version of that kind', async () => {
    await store.documents.put(doc(3));
    await store.documents.put(doc(2));
    await store.documents.put({ ...doc(9), kind: 'compliance-report' });
    assert.equal((await store.documents.latest('inc-docs', 'authority-notice'))?.version, 3);
    assert.equal((await store.documents.latest('inc-docs', 'compliance-report'))?.version, 9);
    assert.equal(await store.documents.latest('inc-other', 'authority-notice'), null);
  });
});
