/**
 * The data-leak procedure's state checks behind each operator action; shape and role are checked
 * first by the shared action handlers (workflows/procedure/action-handlers.ts).
 */
import type {
  AcknowledgeAction,
  ActionName,
  ApproveAction,
  OverrideAction,
  RejectAction,
  RetryAction,
} from '../domain/operator-actions.ts';
import { retryProblem } from '../procedure/retry-action.ts';
import { decisiveReasonProblem } from '../procedure/role-rules.ts';
import { recordDeterminationProblem, recordSubmissionProblem } from '../procedure/record-actions.ts';
import type { RecordDeterminationAction, RecordSubmissionAction } from '../domain/regulatory-record.ts';
import type { DataLeakState } from './state.ts';
import { milestone } from './state.ts';

interface ParsedActions {
  acknowledge: AcknowledgeAction;
  approve: ApproveAction;
  reject: RejectAction;
  override: OverrideAction;
  retry: RetryAction;
  recordDetermination: RecordDeterminationAction;
  recordSubmission: RecordSubmissionAction;
}

/** Why the procedure's state refuses a well-formed, authorised action, or null. */
export function dataLeakStateProblem(state: DataLeakState, name: ActionName, action: unknown): string | null {
  const { phase } = state.status;
  if (phase === 'closed' || phase === 'completed') return `the procedure is ${phase}; no further actions are accepted`;
  return stateProblem(state, name, action as ParsedActions[ActionName]);
}

function stateProblem(state: DataLeakState, name: ActionName, action: ParsedActions[ActionName]): string | null {
  switch (name) {
    case 'acknowledge':
      return state.status.acknowledgement
        ? `already acknowledged by ${state.status.acknowledgement.by.id} at ${state.status.acknowledgement.at}`
        : null;
    case 'approve':
    case 'reject':
      return draftProblem(state, action as ApproveAction | RejectAction, name);
    case 'override':
      return overrideProblem(state, action as OverrideAction);
    case 'retry':
      // A notice every authority address refused waits for a retry too.
      return retryProblem(
        state,
        action,
        state.status.authorityNotice.delivery?.state === 'refused' ? ['email', 'sms'] : [],
      );
    case 'recordDetermination':
      return recordDeterminationProblem(state, action as RecordDeterminationAction);
    case 'recordSubmission':
      return recordSubmissionProblem(state, action as RecordSubmissionAction);
  }
}

function draftProblem(state: DataLeakState, action: ApproveAction | RejectAction, name: ActionName): string | null {
  const draft = state.status.authorityNotice.draft;
  if (!draft) return 'no authority-notice draft exists yet';
  if (state.resilient && state.redrafting) {
    return `draft v${draft.version + 1} is being prepared (${state.redrafting}); review and approve that one`;
  }
  const awaitingCorrection =
    draft.state === 'rejected' && name === 'reject' && 'replacementText' in action && action.replacementText;
  if (draft.state !== 'pending-approval' && !awaitingCorrection)
    return `authority-notice draft v${draft.version} is ${draft.state}, not awaiting approval`;
  if (action.version !== draft.version) {
    return `draft v${action.version} is not current: v${draft.version} (sha256 ${draft.sha256}) awaits approval`;
  }
  if (name === 'approve' && 'sha256' in action && action.sha256 !== draft.sha256) {
    return `sha256 does not match the text of draft v${draft.version} (${draft.sha256}); approve the exact text you reviewed`;
  }
  return null;
}

/** The patch behind `DataLeakState.legalRoleRules`. */
export const LEGAL_ROLE_RULES_PATCH = 'legal-role-rules';

/** Milestones that are GDPR duties: skipping one is a legal decision. */
const LEGAL_MILESTONES: Readonly<Record<string, string>> = {
  'authority-notice': 'the GDPR Art. 33 notice to the supervisory authority',
  'affected-people': 'the GDPR Art. 34 notice to the affected people',
};

/**
 * The role rules that match the law (issue 13): only legal skips a legal milestone, and a skip or
 * a close names its reason. Each refusal names the rule that refused it.
 */
function legalRuleProblem(state: DataLeakState, action: OverrideAction): string | null {
  if (!state.legalRoleRules) return null;
  const duty = action.milestone ? LEGAL_MILESTONES[action.milestone] : undefined;
  if (action.kind === 'skip' && duty && action.actor.role !== 'legal') {
    return `rule legal-milestone: only legal may skip ${action.milestone} (${duty}); ${action.actor.id} has role ${action.actor.role}`;
  }
  const decisive = action.kind === 'skip' || action.kind === 'close-false-positive';
  return decisive ? decisiveReasonProblem(action.kind, action.reason) : null;
}

function overrideProblem(state: DataLeakState, action: OverrideAction): string | null {
  const ruled = legalRuleProblem(state, action);
  if (ruled) return ruled;
  const { phase } = state.status;
  switch (action.kind) {
    case 'pause':
      return phase === 'paused' ? 'the procedure is already paused' : null;
    case 'resume':
      return phase !== 'paused' ? 'the procedure is not paused' : null;
    case 'close-false-positive':
      return null;
    case 'send-now':
    case 'skip': {
      if (!action.milestone) return `${action.kind} needs a milestone`;
      const m = milestone(state, action.milestone);
      if (m.state === 'skipped') return `milestone ${m.id} is already skipped`;
      // Send-now on an unacknowledged ops alert pages the next on-call level now.
      const repage = action.kind === 'send-now' && m.id === 'ops-alert' && state.resilient;
      if (repage && state.status.acknowledgement === null) return null;
      if (m.completedAt) return `milestone ${m.id} is already done (${m.state} at ${m.completedAt})`;
      if (action.kind === 'send-now' && (m.id === 'authority-notice' || m.id === 'affected-people')) {
        return `${m.id} goes out only after legal approval; send-now cannot bypass it`;
      }
      return null;
    }
  }
}
