/** The lockout `status` screen: phases with countdowns, status updates, GDPR assessment, resolution. */
import type { LockoutStatus } from '../../workflows/domain/lockout-status.ts';
import {
  blockedLines,
  countdown,
  deliveriesLine,
  detectedLine,
  legalClockLines,
  milestoneLine,
} from './render-status.ts';

export function renderLockoutStatus(status: LockoutStatus, nowMs: number, timeZone?: string): string {
  const { scope, statusUpdates, gdprAssessment, resolution } = status;
  return [
    `Lockout ${status.lockoutId} (${status.severity}, ${status.cause}) — ${status.phase}` +
      (status.closedReason ? `: ${status.closedReason}` : ''),
    detectedLine(status, nowMs, timeZone),
    `  surfaces ${scope.surfaces.join(', ')}; regions ${scope.regions.join(', ')}; EU personal data interrupted: ${scope.euPersonalDataInterrupted ? 'yes' : 'no'}`,
    '',
    'Phases',
    ...status.milestones.map((m) => milestoneLine(m, nowMs, timeZone)),
    '',
    status.acknowledgement
      ? `Acknowledged by ${status.acknowledgement.by.id} (${status.acknowledgement.by.role}) at ${status.acknowledgement.at}`
      : `Not acknowledged; escalation level ${status.escalationLevel}`,
    `Status updates: ${statusUpdates.sent} sent` +
      (statusUpdates.nextAt ? `; next ${statusUpdates.nextAt} (${countdown(statusUpdates.nextAt, nowMs)})` : '') +
      (statusUpdates.approvedText ? `; approved text by ${statusUpdates.approvedText.by}` : ''),
    gdprAssessment
      ? `GDPR assessment: ${gdprAssessment.workflowId} (${gdprAssessment.trigger}), ${gdprAssessment.state} — herald incident status ${gdprAssessment.workflowId.replace(/^data-leak:/, '')}`
      : 'GDPR assessment: not needed',
    ...((status.legalClocks ?? []).length > 0 ? legalClockLines(status.legalClocks, nowMs, timeZone) : []),
    ...customerLines(status),
    resolution ? `Resolved by ${resolution.by} at ${resolution.at}: ${resolution.rootCause}` : 'Not resolved',
    deliveriesLine(status.deliveries),
    ...blockedLines(status.blocked ?? [], nowMs, `herald lockout retry ${status.lockoutId}`),
  ].join('\n');
}

/** Where the customers' contacts came from, and each at-risk account's procurement state. */
function customerLines(status: LockoutStatus): string[] {
  const customers = status.customers ?? null;
  if (customers === null) return [];
  const source =
    customers.source === 'crm'
      ? 'live from the CRM'
      : customers.source === 'snapshot'
        ? `last-known-good snapshot, ${customers.ageHours ?? '?'} h old (CRM: ${customers.crmError ?? 'failed'})`
        : 'unavailable: CRM down and no snapshot';
  return [
    `Customers: ${customers.accounts} enterprise accounts, ${customers.contacts} contacts — ${source}` +
      (customers.notice ? `; notice reached ${customers.notice.accountsReached} accounts` : ''),
    ...(status.procurement ?? []).map(
      (p) =>
        `  procurement ${p.accountName} (${p.accountId}): ${p.state}` +
        (p.document ? `, answers v${p.document.version}` : '') +
        (p.acknowledgement ? `, confirmed by ${p.acknowledgement.by}` : ''),
    ),
  ];
}
