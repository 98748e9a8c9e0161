/**
 * The data-leak notification procedure: five milestones on clocks that start at awareness, run
 * as concurrent tracks; deadline watches mark misses and escalate; operators steer by Signal or
 * Update. Closing as a false positive cancels every track.
 */
import { ApplicationFailure, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { describeZodError } from '../domain/operator-actions.ts';
import type { ProcedureStatus } from '../domain/status.ts';
import { asDrill } from '../domain/drill.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../domain/search-attributes.ts';
import { runAuthorityNotice, watchApproval } from './authority-track.ts';
import { ProcedureContext } from './context.ts';
import { watchDeadline } from '../procedure/deadline-watch.ts';
import { RESILIENT_PATCH } from '../procedure/procedure-context.ts';
import { ENFORCED_CLOCKS_PATCH, watchLegalClocks } from '../procedure/legal-duties.ts';
import { VERIFIED_IDENTITIES_PATCH } from '../procedure/identity.ts';
import { afterStartEntry } from '../procedure/first-page-first.ts';
import { activities } from '../procedure/activity-proxies.ts';
import { runTracks } from '../procedure/run-tracks.ts';
import { runComplianceReport, runStakeholderNotice } from './internal-notices-track.ts';
import { installOperatorHandlers } from './operator-handlers.ts';
import { runOpsAlert } from './ops-alert-track.ts';
import { dataLeakStartSchema } from './start-input.ts';
import type { DataLeakStartInput } from './start-input.ts';
import { initialState, isSettled } from './state.ts';
import { LEGAL_ROLE_RULES_PATCH } from './validate-action.ts';
import { pinProcedureTemplates, TEMPLATES_PINNED_PATCH } from '../procedure/template-pins.ts';

export async function dataLeakNotification(input: DataLeakStartInput): Promise<ProcedureStatus> {
  const parsed = dataLeakStartSchema.safeParse(input);
  if (!parsed.success) {
    // Clients validate first; this guards direct starts from Temporal UI or the CLI.
    throw ApplicationFailure.nonRetryable(`invalid data-leak input: ${describeZodError(parsed.error)}`, 'InvalidInput');
  }
  const { drill } = parsed.data;
  const ctx = new ProcedureContext(initialState(drill ? asDrill(parsed.data) : parsed.data));
  const { state } = ctx;
  state.resilient = patched(RESILIENT_PATCH);
  state.enforcedClocks = patched(ENFORCED_CLOCKS_PATCH);
  if (patched(VERIFIED_IDENTITIES_PATCH)) state.identity = { mode: 'verified', keys: null, used: [] };
  ctx.startAuditOutbox();
  state.legalRoleRules = patched(LEGAL_ROLE_RULES_PATCH);
  installOperatorHandlers(ctx);
  upsertSearchAttributes([
    { key: INCIDENT_ID, value: state.incident.incidentId },
    { key: SEVERITY, value: state.incident.severity },
    ...(drill ? [{ key: DRILL, value: drill.scenario }] : []),
  ]);
  ctx.publish();
  const started = ctx.audit('procedure.started', 'herald', {
    severity: state.incident.severity,
    detectedAt: state.incident.detectedAt,
    milestones: state.status.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt })),
  });
  await afterStartEntry(ctx, started);
  // Every message renders from the pins; the first page pins them itself where it can.
  if (patched(TEMPLATES_PINNED_PATCH)) await pinProcedureTemplates(ctx, state.incident.incidentId);

  await runTracks(
    ctx,
    (guard) => {
      let tracksDone = false;
      const tracks = Promise.all([
        guard('ops-alert', () => runOpsAlert(ctx)),
        guard(
          'stakeholder-notice',
          ctx.afterPins(() => runStakeholderNotice(ctx)),
        ),
        guard(
          'compliance-report',
          ctx.afterPins(() => runComplianceReport(ctx)),
        ),
        guard(
          'authority-notice',
          ctx.afterPins(() => runAuthorityNotice(ctx)),
        ),
        guard(
          'approval-watch',
          ctx.afterPins(() => watchApproval(ctx)),
        ),
        guard(
          'ops-alert-deadline',
          ctx.afterPins(() => watchDeadline(ctx, 'ops-alert')),
        ),
        guard(
          'stakeholder-notice-deadline',
          ctx.afterPins(() => watchDeadline(ctx, 'stakeholder-notice')),
        ),
        guard(
          'compliance-report-deadline',
          ctx.afterPins(() => watchDeadline(ctx, 'compliance-report')),
        ),
        guard(
          'authority-notice-deadline',
          ctx.afterPins(() => watchDeadline(ctx, 'authority-notice')),
        ),
      ]);
      if (!state.enforcedClocks) return tracks;
      // Legal clocks are watched while the procedure runs, and until each one is met or missed.
      const settle = tracks.then(() => {
        tracksDone = true;
      });
      return Promise.all([
        settle,
        guard(
          'legal-clocks',
          ctx.afterPins(() => watchLegalClocks(ctx, () => tracksDone)),
        ),
      ]);
    },
    () => ({
      milestones: state.status.milestones.map((m) => ({ id: m.id, state: m.state, settled: isSettled(m) })),
      deliveries: state.status.deliveries,
    }),
  );
  if (drill) {
    await activities.completeDrill({
      incidentId: state.incident.incidentId,
      procedure: 'data-leak',
      drill,
      timeScale: parsed.data.timeScale,
      outcome: state.status,
      finishedAt: new Date().toISOString(),
    });
  }
  return state.status;
}
