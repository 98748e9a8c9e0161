/** The audit chain's hash rule, in one place so writers and verifiers can't drift apart. */
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../ports.ts';
import { canonicalJson } from './canonical-json.ts';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers. */
export type HashedAuditFields = Pick<AuditEntry, 'seq' | 'entryId' | 'incidentId' | 'type' | 'actor' | 'at' | 'data'>;

/** sha256 hex of prevHash followed by the canonical JSON of the entry's fields. */
export function auditEntryHash(prevHash: string, entry: HashedAuditFields): string {
  const { seq, entryId, incidentId, type, actor, at, data } = entry;
  return createHash('sha256')
    .update(prevHash + canonicalJson({ seq, entryId, incidentId, type, actor, at, data }))
    .digest('hex');
}
