/**
 * The compliance-lockout crisis procedure: the Salesforce integrations are blocked; the crisis
 * communication plan runs on clocks from awareness — technical alert, stakeholder notice, report,
 * status updates until resolution, resolution notice and post-incident report — with a GDPR
 * assessment child when EU customers' personal-data processing is interrupted.
 */
import { LOCKOUT_ROLE_RULES_PATCH } from './close-rules.ts';
import { ApplicationFailure, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { describeZodError } from '../domain/operator-actions.ts';
import type { LockoutStatus } from '../domain/lockout-status.ts';
import { asDrill } from '../domain/drill.ts';
import { DRILL, INCIDENT_ID, SEVERITY } from '../domain/search-attributes.ts';
import { watchDeadline } from '../procedure/deadline-watch.ts';
import { RESILIENT_PATCH } from '../procedure/procedure-context.ts';
import { ENFORCED_CLOCKS_PATCH } from '../procedure/legal-duties.ts';
import { VERIFIED_IDENTITIES_PATCH } from '../procedure/identity.ts';
import { afterStartEntry } from '../procedure/first-page-first.ts';
import { activities } from '../procedure/activity-proxies.ts';
import { LOCKOUT_TEMPLATES_PINNED_PATCH, pinProcedureTemplates } from '../procedure/template-pins.ts';
import { lockoutWorkflowId } from '../domain/lockout.ts';
import { runLockoutClocks } from './clocks-track.ts';
import { runTracks } from '../procedure/run-tracks.ts';
import { LockoutContext } from './context.ts';
import { runCustomerTrack } from './customer-track.ts';
import { runGdprBranch } from './gdpr-branch.ts';
import { installLockoutHandlers } from './operator-handlers.ts';
import { lockoutStartSchema } from './start-input.ts';
import type { LockoutStartInput } from './start-input.ts';
import { initialLockoutState } from './state.ts';
import {
  runComplianceReport,
  runResolution,
  runStakeholderNotice,
  runStatusUpdates,
  runTechnicalAlert,
} from './tracks.ts';

export async function complianceLockout(input: LockoutStartInput): Promise<LockoutStatus> {
  const parsed = lockoutStartSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`invalid lockout input: ${describeZodError(parsed.error)}`, 'InvalidInput');
  }
  const { drill } = parsed.data;
  const ctx = new LockoutContext(initialLockoutState(drill ? asDrill(parsed.data) : parsed.data));
  const { state } = ctx;
  state.resilient = patched(RESILIENT_PATCH);
  state.enforcedClocks = patched(ENFORCED_CLOCKS_PATCH);
  state.legalRoleRules = patched(LOCKOUT_ROLE_RULES_PATCH);
  if (patched(VERIFIED_IDENTITIES_PATCH)) state.identity = { mode: 'verified', keys: null, used: [] };
  ctx.startAuditOutbox();
  installLockoutHandlers(ctx);
  upsertSearchAttributes([
    { key: INCIDENT_ID, value: state.incident.lockoutId },
    { key: SEVERITY, value: state.incident.severity },
    ...(drill ? [{ key: DRILL, value: drill.scenario }] : []),
  ]);
  ctx.publish();
  const started = ctx.audit('procedure.started', 'herald', {
    procedure: 'compliance-lockout',
    cause: state.incident.cause,
    severity: state.incident.severity,
    detectedAt: state.incident.detectedAt,
    scope: state.status.scope,
    milestones: state.status.milestones.map((m) => ({ id: m.id, dueAt: m.dueAt })),
    legalClocks: state.status.legalClocks.map((c) => ({ id: c.id, dueAt: c.dueAt, source: c.source })),
  });
  await afterStartEntry(ctx, started);
  // Pinned under the procedure's store key: every message it sends is rendered from these versions.
  if (patched(LOCKOUT_TEMPLATES_PINNED_PATCH)) {
    await pinProcedureTemplates(ctx, lockoutWorkflowId(state.incident.lockoutId));
  }

  let communicationDone = false;
  await runTracks(
    ctx,
    (guard) =>
      Promise.all([
        Promise.all([
          guard('technical-alert', () => runTechnicalAlert(ctx)),
          guard(
            'stakeholder-notice',
            ctx.afterPins(() => runStakeholderNotice(ctx)),
          ),
          guard(
            'compliance-report',
            ctx.afterPins(() => runComplianceReport(ctx)),
          ),
          guard(
            'status-updates',
            ctx.afterPins(() => runStatusUpdates(ctx)),
          ),
          guard(
            'resolution',
            ctx.afterPins(() => runResolution(ctx)),
          ),
          guard(
            'customers',
            ctx.afterPins(() => runCustomerTrack(ctx)),
          ),
          guard(
            'technical-alert-deadline',
            ctx.afterPins(() => watchDeadline(ctx, 'technical-alert')),
          ),
          guard(
            'stakeholder-notice-deadline',
            ctx.afterPins(() => watchDeadline(ctx, 'stakeholder-notice')),
          ),
          guard(
            'compliance-report-deadline',
            ctx.afterPins(() => watchDeadline(ctx, 'compliance-report')),
          ),
        ]).then(() => {
          communicationDone = true;
        }),
        guard(
          'gdpr-assessment',
          ctx.afterPins(() => runGdprBranch(ctx, () => communicationDone)),
        ),
        ...(state.enforcedClocks
          ? [
              guard(
                'legal-clocks',
                ctx.afterPins(() => runLockoutClocks(ctx, () => communicationDone)),
              ),
            ]
          : []),
      ]),
    () => ({
      milestones: state.status.milestones.map((m) => ({ id: m.id, state: m.state })),
      statusUpdates: state.status.statusUpdates.sent,
      deliveries: state.status.deliveries,
    }),
  );
  if (drill) {
    await activities.completeDrill({
      incidentId: state.incident.lockoutId,
      procedureId: ctx.procedureId,
      procedure: 'lockout',
      drill,
      timeScale: state.timeScale,
      outcome: state.status,
      finishedAt: new Date().toISOString(),
    });
  }
  return state.status;
}
