/**
 * The compliance report verifies the audit chain against the head the procedure recorded (issue
 * 13): with the real activity and store, the report says so while the chain holds it, and says the
 * chain is broken, naming the procedure's record, once the newest entries are deleted with the
 * append-only triggers off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateComplianceReport } from '../../activities/compliance-report.ts';
import { openStore } from '../../activities/store/open-store.ts';
import { dataLeakWorkflowId } from '../../workflows/domain/incident.ts';
import { inMemoryProviders } from '../support/workflow-harness.ts';
import { incident, reportStatus } from './documents/fixtures.ts';

test('the report checks the chain against the procedure’s own head, and shows a truncated chain', async () => {
  const store = await openStore({});
  try {
    const { deps } = inMemoryProviders(store);
    let head = { seq: 0, hash: '' };
    for (let i = 1; i <= 5; i++) {
      const written = await store.audit.append({
        entryId: `e${i}`,
        incidentId: incident.incidentId,
        type: 'milestone.met',
        actor: 'herald',
        at: '2025-03-01T09:20:00Z',
        data: { i },
      });
      head = { seq: written.seq, hash: written.hash };
    }
    const report = async (version: number) => {
      await generateComplianceReport(deps, {
        incidentId: incident.incidentId,
        incident,
        status: { ...reportStatus, auditHead: head },
        generatedAt: '2025-03-01T12:45:00Z',
        version,
      });
      return (await store.documents.get(incident.incidentId, 'compliance-report', version))?.body ?? '';
    };
    assert.match(
      await report(1),
      /audit chain verified: 5 entries; this incident: 5 entries, latest #5 hash `[0-9a-f]{64}`; the procedure's own record of its last entry \(#5, in its Temporal history\) checked against it/,
    );

    await store.driver.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await tx.query('DELETE FROM audit_log WHERE seq > 3');
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    });
    assert.match(
      await report(2),
      new RegExp(
        `AUDIT CHAIN VERIFICATION FAILED after 3 entries: the chain ends at seq 3 but anchor in the status of workflow ${dataLeakWorkflowId(incident.incidentId)} written \\S+ records seq 5`,
      ),
    );
  } finally {
    await store.close();
  }
});
