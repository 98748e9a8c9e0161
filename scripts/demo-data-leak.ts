/**
 * The data-leak demo scenario: an incident touching a few hundred students; the operators
 * acknowledge after the first escalation and legal approves the notice at T+30h.
 */
import { act, getStatus, startDataLeak } from '../client/data-leak-client.ts';
import { fileOpenClocks } from '../client/open-filings.ts';
import type { DataLeakStartInput } from '../workflows/data-leak/start-input.ts';
import { drillIncident } from '../workflows/domain/drill.ts';
import type { DrillScenario } from '../workflows/domain/drill.ts';
import type { ProcedureStatus } from '../workflows/domain/status.ts';
import { describeChanges, formatPolicyTime } from './demo-narration.ts';
import type { ScenarioContext } from './demo-lockout.ts';

/** The demo's incident, or with `drill` a drill's practice incident (docs/drills.md). */
function startInput(scale: number, drill: DrillScenario | undefined): DataLeakStartInput {
  if (drill !== undefined) {
    const options = { scenario: drill, startedBy: 'demo', crmProgram: 'Physics' };
    return { incident: drillIncident(options, new Date()), timeScale: scale, drill: options };
  }
  const incidentId = `DEMO-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const detectedAt = new Date().toISOString();
  return {
    incident: {
      incidentId,
      detectedAt,
      severity: 'high',
      title: 'Physics student records exposed through an LMS export',
      description:
        'A scheduled export of Physics student records from the learning-management system was readable without authentication.',
      dataCategories: ['name', 'email address', 'phone number', 'student ID', 'grades'],
      jurisdictions: ['DE', 'FR', 'IE', 'NL', 'ES', 'IT', 'GB', 'US'],
      crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: 'Physics' }] },
      likelyConsequences: 'Targeted phishing using names, email addresses and grades.',
      measuresTaken: 'The export was disabled, the link revoked and access logs secured for review.',
      reporter: { name: 'SIEM correlation rule 4711' },
    },
    timeScale: scale,
  };
}

export async function runDataLeakDemo(ctx: ScenarioContext, drill?: DrillScenario): Promise<ProcedureStatus> {
  const say = ctx.say;
  const scale = ctx.scale;
  const start = startInput(scale, drill);
  const { incidentId, detectedAt } = start.incident;
  const { handle } = await startDataLeak(ctx.client, start, ctx.taskQueue);

  say(
    `${drill === undefined ? 'incident' : `drill (scenario ${drill})`} ${incidentId} triggered; the 72 h policy runs ${Math.round(1 / scale)}× faster`,
  );
  say(`watch it in Temporal UI: ${ctx.uiLink(handle.workflowId)}`);

  /** Procedure time since awareness, in policy terms. */
  const policyAt = (ms: number) => (ms - Date.parse(detectedAt)) / scale;
  const policyNow = () => policyAt(Date.now());
  const policyTime = (iso: string) => formatPolicyTime(policyAt(Date.parse(iso)));
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  let previous: ProcedureStatus | null = null;
  let acknowledged = false;
  let approved = false;
  let filed = false;
  let lastCountdown = 0;
  const APPROVE_AT = 30 * HOUR;

  while (true) {
    const status = await getStatus(handle);
    for (const line of describeChanges(previous, status, policyTime)) say(`${formatPolicyTime(policyNow())}  ${line}`);
    previous = status;
    if (status.phase === 'completed' || status.phase === 'closed') break;
    if (!acknowledged && status.escalationLevel >= 1 && policyNow() > 7 * MINUTE) {
      await act(handle, 'acknowledge', { actor: { id: 'olga.oncall', role: 'responder' }, note: 'investigating' });
      acknowledged = true;
      say(`${formatPolicyTime(policyNow())}  operator olga.oncall acknowledged the alert (as an Update)`);
    }
    const draft = status.authorityNotice.draft;
    // The longest stretch: say what the demo waits for, and how long, every 15 s.
    if (!approved && draft?.state === 'pending-approval' && policyNow() <= APPROVE_AT) {
      if (Date.now() - lastCountdown >= 15_000) {
        lastCountdown = Date.now();
        const realSeconds = Math.ceil(((APPROVE_AT - policyNow()) * scale) / 1000);
        say(
          `${formatPolicyTime(policyNow())}  waiting for legal: notice v${draft.version} awaits approval; the scripted approval comes at T+30:00:00, in ${realSeconds} s (or approve it yourself in the console as legal)`,
        );
      }
    }
    if (!approved && draft?.state === 'pending-approval' && policyNow() > APPROVE_AT) {
      await act(handle, 'approve', {
        actor: { id: 'lee.legal', role: 'legal' },
        version: draft.version,
        sha256: draft.sha256,
      });
      approved = true;
      say(
        `${formatPolicyTime(policyNow())}  legal (lee.legal) approved notice v${draft.version}, sha256 ${draft.sha256.slice(0, 12)}…`,
      );
    }
    if (approved && !filed) {
      // The regulators Herald does not reach (the ICO for UK students…): compliance files, then records it.
      const clocks = await fileOpenClocks(
        status.legalClocks,
        (filing) =>
          act(handle, 'recordSubmission', { actor: { id: 'cora.compliance', role: 'compliance' }, ...filing }),
        'Cora Compliance',
        'DEMO',
      );
      filed = true;
      for (const id of clocks)
        say(`${formatPolicyTime(policyNow())}  compliance (cora.compliance) recorded the filing for ${id}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return handle.result();
}
