/**
 * The audit heads Herald's workflows recorded in their Temporal histories: every completed
 * `appendAudit` / `appendAuditEntries` activity returned the place and hash of the entry it wrote
 * (issue 13), and Temporal keeps that result outside Herald's database. Checking the store's chain
 * against them finds a truncated or rewritten chain even when its owner could drop the append-only
 * triggers — for as long as the namespace retains the histories.
 */
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { AuditAnchor as RecordedHead } from '../activities/store/audit-anchor.ts';
import type { AuditHead } from '../workflows/domain/status.ts';

/** The workflow types that write audit entries, and the activities they write them with. */
const WRITERS = new Set(['dataLeakNotification', 'complianceLockout', 'contactSnapshotSync']);
const APPEND_ACTIVITIES = new Set(['appendAudit', 'appendAuditEntries']);

export interface HistoryHeads {
  /** The newest head each workflow recorded (older ones are implied by the chain up to it). */
  heads: RecordedHead[];
  /** Histories read. */
  workflows: number;
}

/** Reads the histories of Herald's workflows in the client's namespace; `onProgress` after each. */
export async function headsFromHistories(client: Client, onProgress?: (read: number) => void): Promise<HistoryHeads> {
  const heads: RecordedHead[] = [];
  let workflows = 0;
  for await (const info of client.workflow.list()) {
    if (!WRITERS.has(info.type)) continue;
    const handle = client.workflow.getHandle(info.workflowId, info.runId);
    const history = await handle.fetchHistory();
    const where = `in the history of workflow ${info.workflowId} (run ${info.runId})`;
    const head = await newestHead(client, history.events ?? [], where);
    if (head) heads.push(head);
    onProgress?.(++workflows);
  }
  return { heads, workflows };
}

/** The head with the highest seq among the history's completed audit writes. */
async function newestHead(
  client: Client,
  events: temporal.api.history.v1.IHistoryEvent[],
  where: string,
): Promise<RecordedHead | undefined> {
  const appends = new Set<string>();
  let newest: RecordedHead | undefined;
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled && APPEND_ACTIVITIES.has(scheduled.activityType?.name ?? '')) appends.add(String(event.eventId));
    const completed = event.activityTaskCompletedEventAttributes;
    if (!completed || !appends.has(String(completed.scheduledEventId))) continue;
    const head = await decodeResult(client, completed.result?.payloads ?? []).catch(() => null);
    // Workers before the head was reported returned nothing.
    if (!isHead(head) || (newest && newest.seq >= head.seq)) continue;
    const at = new Date(Number(event.eventTime?.seconds ?? 0) * 1000).toISOString();
    newest = { seq: head.seq, hash: head.hash, at, where: `${where}, event ${String(event.eventId)}` };
  }
  return newest;
}

/** An activity's result as the client's data converter reads it (through the payload codecs: encrypted payloads). */
async function decodeResult(client: Client, payloads: temporal.api.common.v1.IPayload[]): Promise<unknown> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  let decoded = payloads;
  for (const codec of [...payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  const [first] = decoded;
  return first === undefined ? null : payloadConverter.fromPayload(first);
}

function isHead(value: unknown): value is AuditHead {
  const v = value as Partial<AuditHead> | null;
  return typeof v?.seq === 'number' && typeof v.hash === 'string';
}
