/**
 * A procedure's own record of its last audit entry (its status's `auditHead`, from its Temporal
 * history) as a head the store's chain must still hold: reports verify the chain against it, so a
 * chain truncated or rewritten behind the procedure's back shows in the report itself.
 */
import type { AuditHead } from '../workflows/domain/status.ts';
import type { RecordedHead } from './ports.ts';

export function procedureHeads(status: { auditHead?: AuditHead }, workflowId: string, asOf: string): RecordedHead[] {
  const head = status.auditHead;
  return head ? [{ seq: head.seq, hash: head.hash, at: asOf, where: `in the status of workflow ${workflowId}` }] : [];
}
