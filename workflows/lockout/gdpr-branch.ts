/**
 * When EU customers' personal-data processing is interrupted (at trigger, or reported later by a
 * scope change), the GDPR assessment runs as a child: the data-leak procedure, its 72-hour clock
 * counted from the lockout's awareness. It outlives this procedure if need be (ABANDON).
 */
import {
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  condition,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { dataLeakWorkflowId } from '../domain/incident.ts';
import type { DataLeakIncident } from '../domain/incident.ts';
import type { LockoutIncident } from '../domain/lockout.ts';
import type { dataLeakNotification } from '../data-leak/workflow.ts';
import type { DataLeakStartInput } from '../data-leak/start-input.ts';
import type { LockoutContext } from './context.ts';
import { meetClock } from '../procedure/legal-clock-state.ts';

/** EU member states (ISO 3166-1 alpha-2): where the interrupted processing's data subjects live. */
const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]; // prettier-ignore

/** The GDPR assessment's incident, derived from the lockout: same awareness, same severity. */
export function gdprIncident(lockout: LockoutIncident): DataLeakIncident {
  return {
    incidentId: `${lockout.lockoutId}-gdpr`,
    detectedAt: lockout.detectedAt,
    severity: lockout.severity,
    title: `GDPR assessment: ${lockout.title}`.slice(0, 200),
    description:
      `Personal-data processing of EU customers was interrupted by compliance lockout ${lockout.lockoutId} ` +
      `(${lockout.cause}): a loss of availability under GDPR Art. 4(12). ${lockout.description}`.slice(0, 4000),
    dataCategories: ['customer contact data', 'customer account and order data'],
    jurisdictions: EU_MEMBER_STATES,
    crmScope: { kind: 'filter', conditions: [{ field: 'MailingCountry', op: 'in', value: EU_MEMBER_STATES }] },
    likelyConsequences:
      'Customers could not place orders or manage their accounts; no disclosure of personal data is known.',
    measuresTaken: 'Crisis procedure running; integrations are being restored.',
    reporter: lockout.reporter,
  };
}

/** Waits until the GDPR branch applies (or the procedure ends), then starts the child once. */
export async function runGdprBranch(ctx: LockoutContext, finished: () => boolean): Promise<void> {
  const { state } = ctx;
  const triggeredAtStart = state.incident.euPersonalDataInterrupted; // the trigger's own facts, not a later scope change
  await condition(() => state.status.scope.euPersonalDataInterrupted || finished());
  if (!state.status.scope.euPersonalDataInterrupted) return;
  const incident = gdprIncident(state.incident);
  const workflowId = dataLeakWorkflowId(incident.incidentId);
  // A drill's assessment is a drill too: its authority notice goes to the drill sink.
  const input: DataLeakStartInput = {
    incident,
    timeScale: state.timeScale,
    ...(state.drill ? { drill: state.drill } : {}),
  };
  const child = await startChild<typeof dataLeakNotification>('dataLeakNotification', {
    workflowId,
    taskQueue: workflowInfo().taskQueue,
    args: [input],
    // Neither closing this procedure nor its completion stops the legal assessment.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    cancellationType: ChildWorkflowCancellationType.ABANDON,
    staticSummary: `GDPR assessment for lockout ${state.incident.lockoutId}`,
  });
  state.status.gdprAssessment = {
    workflowId,
    startedAt: ctx.nowIso(),
    trigger: triggeredAtStart ? 'at-start' : 'scope-change',
    state: 'running',
  };
  ctx.publish();
  await ctx.audit('gdpr-assessment.started', 'herald', { workflowId, trigger: state.status.gdprAssessment.trigger });
  // Follow it while this procedure runs; once this one completes, the child goes on by itself.
  await Promise.race([
    child.result().then(
      (result) => {
        const assessment = state.status.gdprAssessment;
        if (assessment) Object.assign(assessment, { state: 'completed', milestones: result.milestones });
        // The assessment sent the Art. 33 notice: this procedure's clock is met at its acceptance.
        const sent = result.milestones.find((m) => m.id === 'authority-notice')?.completedAt;
        if (state.enforcedClocks && sent)
          meetClock(state.status.legalClocks, 'gdpr:art33:supervisory-authority', Date.parse(sent));
      },
      () => {
        if (state.status.gdprAssessment) state.status.gdprAssessment.state = 'failed';
      },
    ),
    condition(finished),
  ]);
  ctx.publish();
}
