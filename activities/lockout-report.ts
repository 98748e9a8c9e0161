/** The lockout procedure's reports: rendered from status and audit, stored, sent to compliance. */
import type { Channel } from '../workflows/domain/contacts.ts';
import type { LockoutIncident } from '../workflows/domain/lockout.ts';
import { lockoutWorkflowId } from '../workflows/domain/lockout.ts';
import type { LockoutReportKind, LockoutStatus } from '../workflows/domain/lockout-status.ts';
import { contactsOf } from './directory.ts';
import { renderLockoutReport } from './documents/lockout-report.ts';
import { sha256Hex } from './documents/hash.ts';
import type { ActivityDeps, DeliverySummary } from './deps.ts';
import { procedureHeads } from './procedure-head.ts';
import { notifyContacts } from './staff-notifications.ts';
import { templatesFor } from './templates/template-source.ts';

export interface LockoutReportInput {
  kind: LockoutReportKind;
  incident: LockoutIncident;
  status: LockoutStatus;
  generatedAt: string;
  /** Only these channels (each channel is its own step); default both. */
  channels?: Channel[];
}

export async function generateLockoutReport(
  deps: ActivityDeps,
  input: LockoutReportInput,
): Promise<{ sha256: string; delivery: DeliverySummary }> {
  // Store keys carry the procedure's prefix, so a lockout and a data leak may share a business id.
  const incidentId = lockoutWorkflowId(input.incident.lockoutId);
  // One version per kind: a retried attempt finds the stored report and sends that same text.
  const stored =
    (await deps.documents.get(incidentId, input.kind, 1)) ??
    (await deps.documents.put({
      incidentId,
      kind: input.kind,
      version: 1,
      ...(await render(deps, input)),
      createdAt: input.generatedAt,
    }));
  const templates = await templatesFor(deps.templates, incidentId);
  const delivery = await notifyContacts(
    deps,
    {
      incidentId,
      ledgerMilestone: `${input.kind}:v1`,
      contacts: contactsOf(deps.directory, 'compliance'),
      channels: input.channels,
    },
    (locale) =>
      templates.render('lockout-report-cover', locale, {
        lockoutId: input.incident.lockoutId,
        kind: input.kind,
        sha256: stored.sha256,
        reportText: stored.body,
      }),
  );
  return { sha256: stored.sha256, delivery };
}

async function render(deps: ActivityDeps, input: LockoutReportInput): Promise<{ body: string; sha256: string }> {
  const body = renderLockoutReport({
    ...input,
    auditEntries: await deps.audit.list(lockoutWorkflowId(input.incident.lockoutId)),
    auditVerification: await deps.audit.verify(
      procedureHeads(input.status, lockoutWorkflowId(input.incident.lockoutId), input.generatedAt),
    ),
    version: 1,
    // What the lockout itself knows: what happened and when; the GDPR assessment reports the rest.
    noticeFacts: ['description', 'discovery-date', ...(deps.organisation?.name ? (['controller-name'] as const) : [])],
  });
  return { body, sha256: sha256Hex(body) };
}
