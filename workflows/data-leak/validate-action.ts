/**
 * The one validation behind each operator action, shared by its Signal and its Update: the shape
 * (zod), the actor's role, and the procedure's state. Returns the parsed action or an error message.
 */
import { ACTION_ROLES, ACTION_SCHEMAS, describeZodError } from '../domain/operator-actions.ts';
import type {
  AcknowledgeAction,
  ActionName,
  ApproveAction,
  OverrideAction,
  RejectAction,
} from '../domain/operator-actions.ts';
import type { DataLeakState } from './state.ts';
import { milestone } from './state.ts';

interface ParsedActions {
  acknowledge: AcknowledgeAction;
  approve: ApproveAction;
  reject: RejectAction;
  override: OverrideAction;
}

export type Validation<A> = { ok: true; action: A } | { ok: false; error: string };

export function validateAction<N extends ActionName>(
  state: DataLeakState,
  name: N,
  raw: unknown,
): Validation<ParsedActions[N]> {
  const parsed = ACTION_SCHEMAS[name].safeParse(raw);
  if (!parsed.success) return { ok: false, error: `invalid ${name}: ${describeZodError(parsed.error)}` };
  const action = parsed.data as ParsedActions[N];
  const allowed = ACTION_ROLES[name];
  if (!allowed.includes(action.actor.role)) {
    return {
      ok: false,
      error: `${name} requires role ${allowed.join(' or ')}; ${action.actor.id} has role ${action.actor.role}`,
    };
  }
  const { phase } = state.status;
  if (phase === 'closed' || phase === 'completed') {
    return { ok: false, error: `the procedure is ${phase}; no further actions are accepted` };
  }
  const problem = stateProblem(state, name, action);
  return problem ? { ok: false, error: problem } : { ok: true, action };
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
  }
}

function draftProblem(state: DataLeakState, action: ApproveAction | RejectAction, name: ActionName): string | null {
  const draft = state.status.authorityNotice.draft;
  if (!draft) return 'no authority-notice draft exists yet';
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

function overrideProblem(state: DataLeakState, action: OverrideAction): string | null {
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
      if (m.completedAt) return `milestone ${m.id} is already done (${m.state} at ${m.completedAt})`;
      if (action.kind === 'send-now' && (m.id === 'authority-notice' || m.id === 'affected-people')) {
        return `${m.id} goes out only after legal approval; send-now cannot bypass it`;
      }
      return null;
    }
  }
}
