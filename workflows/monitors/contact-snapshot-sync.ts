/**
 * The customer contact snapshot, run by a Temporal Schedule: reads enterprise customers' crisis
 * contacts from the CRM into a new last-known-good snapshot. When the CRM cannot be read, the last
 * good snapshot stays in place and the failure is audited with its age.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { HeraldActivities } from '../../activities/index.ts';
import { ActivityFailure, actions, crmReads, failureMessage } from './monitor-activities.ts';
import { CONTACT_SNAPSHOT_AUDIT_KEY } from './watch-policy.ts';

type SnapshotSummary = Awaited<ReturnType<HeraldActivities['syncCustomerContacts']>>;

export type ContactSnapshotSyncReport =
  { ok: true; snapshot: SnapshotSummary } | { ok: false; error: string; lastGood: SnapshotSummary | null };

export async function contactSnapshotSync(): Promise<ContactSnapshotSyncReport> {
  const { runId } = workflowInfo();
  const startedAt = new Date(Date.now()).toISOString();
  try {
    return { ok: true, snapshot: await crmReads.syncCustomerContacts({ snapshotId: runId, startedAt }) };
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const error = failureMessage(err);
    const lastGood = await actions.latestContactSnapshot();
    await actions.appendAudit({
      entryId: `contacts.snapshot-failed:${runId}`,
      incidentId: CONTACT_SNAPSHOT_AUDIT_KEY,
      type: 'contacts.snapshot-failed',
      actor: 'herald',
      at: new Date(Date.now()).toISOString(),
      data: { error, lastGoodSnapshotId: lastGood?.snapshotId ?? null, lastGoodTakenAt: lastGood?.takenAt ?? null },
    });
    return { ok: false, error, lastGood };
  }
}
