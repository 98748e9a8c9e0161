/**
 * The lockout demo scenario: a SEV1 compliance lockout blocks the Salesforce integrations; the
 * operators acknowledge, report EU impact two hours in (the GDPR assessment starts), approve the
 * status-update text, and resolve the lockout at T+4h30; compliance then records the filings the
 * regulators' clocks wait for (an operator files those, Herald only tracks them), and legal closes
 * the assessment. With a drill scenario it runs as a lockout drill (docs/drills.md): a practice
 * lockout, `drill:` workflow ids, customers and procurement replaced by the drill sink.
 */
import type { Client } from '@temporalio/client';
import { act } from '../client/data-leak-client.ts';
import { actOnLockout, getLockoutStatus, startLockout } from '../client/lockout-client.ts';
import { lockoutDrillIncident } from '../workflows/domain/drill.ts';
import type { DrillScenario } from '../workflows/domain/drill.ts';
import type { LockoutStatus } from '../workflows/domain/lockout-status.ts';
import type { LockoutStartInput } from '../workflows/lockout/start-input.ts';
import { formatPolicyTime } from './demo-narration.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface ScenarioContext {
  client: Client;
  taskQueue: string;
  scale: number;
  say: (line: string) => void;
  uiLink: (workflowId: string) => string;
}

/** What changed between two lockout snapshots, in words. */
function changes(before: LockoutStatus | null, after: LockoutStatus, policyTime: (iso: string) => string): string[] {
  const lines: string[] = [];
  for (const m of after.milestones) {
    const old = before?.milestones.find((x) => x.id === m.id);
    if (!old) lines.push(`phase ${m.id} due ${m.dueAt ? policyTime(m.dueAt) : 'on resolution'}`);
    else if (old.state !== m.state)
      lines.push(`phase ${m.id}: ${m.state}${m.completedAt ? ` (at ${policyTime(m.completedAt)})` : ''}`);
  }
  if (after.escalationLevel !== (before?.escalationLevel ?? 0))
    lines.push(`escalated to on-call level ${after.escalationLevel}`);
  if (after.statusUpdates.sent !== (before?.statusUpdates.sent ?? 0))
    lines.push(`status update ${after.statusUpdates.sent} sent`);
  if (after.gdprAssessment && !before?.gdprAssessment) {
    lines.push(
      `GDPR assessment started as a child: ${after.gdprAssessment.workflowId} (${after.gdprAssessment.trigger})`,
    );
  }
  if (after.customers && !before?.customers) {
    const c = after.customers;
    lines.push(
      `customers: ${c.accounts} enterprise accounts, ${c.contacts} contacts (${c.source}); ${after.procurement.length} at risk on the procurement track`,
    );
  }
  if (after.customers?.notice && !before?.customers?.notice)
    lines.push(`customer notice reached ${after.customers.notice.accountsReached} accounts`);
  for (const p of after.procurement) {
    const old = before?.procurement.find((x) => x.accountId === p.accountId);
    if (old && old.state !== p.state)
      lines.push(
        `procurement ${p.accountName}: ${p.state}${p.document ? ` (vendor-assessment answers v${p.document.version})` : ''}`,
      );
  }
  for (const c of after.legalClocks ?? []) {
    const old = before?.legalClocks?.find((x) => x.id === c.id);
    if (!old && c.inForce && c.dueAt !== null)
      lines.push(`legal clock ${c.id} in force, due ${policyTime(c.dueAt)}${c.state === 'missed' ? ': missed' : ''}`);
    else if (old && old.state !== c.state && c.state) lines.push(`legal clock ${c.id}: ${c.state}`);
  }
  if (before && after.phase !== before.phase) lines.push(`procedure ${after.phase}`);
  return lines;
}

/** The clocks an operator meets by filing (Herald tracks them), not filed yet: pending, or missed. */
function openFilings(status: LockoutStatus): NonNullable<LockoutStatus['legalClocks']> {
  return (status.legalClocks ?? []).filter(
    (c) => c.meansOfMeeting === 'operator-files' && c.inForce && c.dueAt !== null && c.metAt === undefined,
  );
}

/** The demo's lockout, or with `drill` a drill's practice lockout (docs/drills.md). */
function startInput(scale: number, drill: DrillScenario | undefined): LockoutStartInput {
  if (drill !== undefined) {
    const options = { scenario: drill, startedBy: 'demo' };
    return { incident: lockoutDrillIncident(options, new Date()), timeScale: scale, drill: options };
  }
  return {
    incident: {
      lockoutId: `DEMO-LO-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`,
      detectedAt: new Date().toISOString(),
      severity: 'critical',
      title: 'Salesforce integration user frozen by the ISO 27001 audit-log control',
      cause: 'audit-log-lockout',
      description:
        'The audit-log retention control failed during the surveillance audit; sync jobs and checkout stopped.',
      surfaces: ['checkout', 'accounts', 'discovery', 'sync-jobs'],
      regions: ['US', 'UK'],
      euPersonalDataInterrupted: false,
      reporter: { name: 'Salesforce Shield event monitor' },
    },
    timeScale: scale,
  };
}

/** Runs the scenario (as a drill with `drill`); resolves with the final status. */
export async function runLockoutDemo(ctx: ScenarioContext, drill?: DrillScenario): Promise<LockoutStatus> {
  const start = startInput(ctx.scale, drill);
  const { lockoutId, detectedAt } = start.incident;
  const { handle } = await startLockout(ctx.client, start, ctx.taskQueue);
  ctx.say(
    `${drill === undefined ? 'lockout' : `lockout drill (scenario ${drill})`} ${lockoutId} triggered; the plan runs ${Math.round(1 / ctx.scale)}× faster`,
  );
  ctx.say(`watch it in Temporal UI: ${ctx.uiLink(handle.workflowId)}`);
  const policyAt = (ms: number) => (ms - Date.parse(detectedAt)) / ctx.scale;
  const now = () => policyAt(Date.now());
  const policyTime = (iso: string) => formatPolicyTime(policyAt(Date.parse(iso)));
  const step = (line: string) => ctx.say(`${formatPolicyTime(now())}  ${line}`);
  const responder = { id: 'erin.sre', role: 'responder' as const };
  const done = { ack: false, eu: false, text: false, procurement: false, resolved: false, filed: false };
  let previous: LockoutStatus | null = null;

  for (;;) {
    const status = await getLockoutStatus(handle);
    for (const line of changes(previous, status, policyTime)) step(line);
    previous = status;
    if (status.phase === 'completed' || status.phase === 'closed') break;
    if (!done.ack && now() > 5 * MINUTE) {
      await actOnLockout(handle, 'acknowledge', { actor: responder, note: 'integration user frozen; on it' });
      done.ack = true;
      step('operator erin.sre acknowledged the technical alert');
    }
    const firstAtRisk = status.procurement.find((p) => p.state === 'notified');
    if (!done.procurement && firstAtRisk && now() > 30 * MINUTE) {
      await actOnLockout(handle, 'procurementContacted', {
        actor: responder,
        accountId: firstAtRisk.accountId,
        note: 'account owner called their head of procurement',
      });
      done.procurement = true;
      step(`operator erin.sre recorded ${firstAtRisk.accountName}'s procurement as contacted by phone`);
    }
    if (!done.eu && now() > 2 * HOUR) {
      await actOnLockout(handle, 'scopeChange', {
        actor: { id: 'cora.compliance', role: 'compliance' },
        regions: ['EU', 'US', 'UK'],
        euPersonalDataInterrupted: true,
        reason: 'EU order processing found interrupted',
      });
      done.eu = true;
      step('compliance reported EU personal-data processing interrupted (scope change)');
    }
    if (!done.text && now() > 2.5 * HOUR) {
      await actOnLockout(handle, 'approveStatusText', {
        actor: { id: 'cora.compliance', role: 'compliance' },
        text: 'Checkout is degraded in all regions; orders are queued and will be processed once sync resumes.',
      });
      done.text = true;
      step('compliance approved the status-update text');
    }
    if (!done.resolved && now() > 4.5 * HOUR) {
      await actOnLockout(handle, 'resolve', {
        actor: responder,
        rootCause: 'Audit-log retention job misconfigured after an upgrade; fixed and the integration user restored.',
      });
      done.resolved = true;
      step('operator erin.sre resolved the lockout');
    }
    // Compliance files at T+5h, or sooner for a clock due before then: a same-day clock (the
    // FSA's, by the end of the day in New York) falls before T+5h when the demo starts late in the
    // day, and is already missed when it comes into force with the EU impact after midnight there;
    // a missed clock is still filed, late.
    const dueSoon = openFilings(status).filter(
      (c) => now() > 5 * HOUR || policyAt(Date.parse(c.dueAt as string)) - now() < 30 * MINUTE,
    );
    if (!done.filed && dueSoon.length > 0) {
      for (const clock of dueSoon) {
        await actOnLockout(handle, 'recordSubmission', {
          actor: { id: 'cora.compliance', role: 'compliance' },
          clockId: clock.id,
          at: new Date().toISOString(),
          reference: `DEMO-${clock.regime.toUpperCase()}-${lockoutId.slice(-6)}`,
          filedBy: 'cora.compliance',
        });
        step(
          `compliance recorded the filing for ${clock.title} (${clock.id})${clock.state === 'missed' ? ', late' : ''}`,
        );
      }
      done.filed = now() > 5 * HOUR;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const final = await handle.result();
  if (final.gdprAssessment) {
    // Its own workflow id (a drill's carries the drill: prefix).
    const assessment = ctx.client.workflow.getHandle(final.gdprAssessment.workflowId);
    await act(assessment, 'override', {
      actor: { id: 'lee.legal', role: 'legal' },
      kind: 'close-false-positive',
      reason: 'availability only, restored within hours; no risk to individuals (GDPR Art. 33(1))',
    });
    step(`legal closed the GDPR assessment ${final.gdprAssessment.workflowId}: no notification due`);
  }
  return final;
}
