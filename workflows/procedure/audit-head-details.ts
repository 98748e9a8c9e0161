/** The procedure's last audit entry in Temporal UI's current details: the head to check the store's chain against. */
import type { AuditHead } from '../domain/status.ts';

export function auditHeadDetails(head: AuditHead | undefined): string[] {
  return head ? [`Audit trail: last entry #${head.seq}, hash \`${head.hash}\``] : [];
}
