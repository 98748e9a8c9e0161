/**
 * The affected audience: a paged CRM snapshot into the store, then notification in batches read
 * back from the store, so recipients never travel through workflow history. Both heartbeat a
 * cursor and resume from it after a worker crash.
 */
import { templatesFor } from './templates/template-source.ts';
import { Context, heartbeat } from '@temporalio/activity';
import type { CrmScope, DataLeakIncident } from '../workflows/domain/incident.ts';
import { affectedPersonMessage } from './mass-notification/page.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { emptySummary } from './deps.ts';
import { externalRecipients } from './drills/drill-recipients.ts';
import { sendToContact } from './send-to-contact.ts';

export interface SnapshotResult {
  total: number;
  byCountry: Record<string, number>;
  /** By country, and by `US-XX` state in the United States (absent from snapshots taken before). */
  byJurisdiction?: Record<string, number>;
}

export async function snapshotAffectedPeople(
  deps: ActivityDeps,
  input: { incidentId: string; scope: CrmScope },
): Promise<SnapshotResult> {
  const resumed = Context.current().info.heartbeatDetails as { cursor?: string; pages: number } | undefined;
  let cursor = resumed?.cursor;
  let pages = resumed?.pages ?? 0;
  if (!resumed || cursor !== undefined) {
    do {
      const page = await deps.crm.findAffectedPeople(input.scope, cursor);
      // A drill stores the drill sink in each person's place: no address of theirs is ever read back.
      await deps.recipients.addAll(input.incidentId, externalRecipients(deps.directory, input.incidentId, page.people));
      cursor = page.nextCursor;
      pages++;
      heartbeat({ cursor, pages });
    } while (cursor !== undefined);
  }
  return {
    total: await deps.recipients.count(input.incidentId),
    byCountry: await deps.recipients.countByCountry(input.incidentId),
    byJurisdiction: await deps.recipients.countByJurisdiction(input.incidentId),
  };
}

export interface BatchResult extends DeliverySummary {
  processed: number;
}

export async function notifyAffectedBatch(
  deps: ActivityDeps,
  input: { incidentId: string; incident: DataLeakIncident; offset: number; limit: number },
): Promise<BatchResult> {
  const people = await deps.recipients.page(input.incidentId, input.offset, input.limit);
  // After a crash the ledger would skip what was sent anyway; the cursor saves the lookups and
  // carries the counts of the attempt that died.
  const resumed = Context.current().info.heartbeatDetails as { next: number; summary: DeliverySummary } | undefined;
  const done = resumed?.next ?? 0;
  const summary = resumed?.summary ?? emptySummary();
  const { incident, incidentId } = input;
  const templates = await templatesFor(deps.templates, incidentId);
  for (let i = done; i < people.length; i++) {
    const person = people[i];
    if (!person) continue;
    const message = affectedPersonMessage(deps, templates, incidentId, incident, person, person.name);
    await sendToContact(deps, { incidentId, ledgerMilestone: 'affected-people', contact: person, message }, summary);
    heartbeat({ next: i + 1, summary });
  }
  return { ...summary, processed: people.length };
}
