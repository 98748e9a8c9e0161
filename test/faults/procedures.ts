/**
 * The two procedures as a matrix cell drives them, through the client helpers the CLI and the API
 * use: start; what operators do as procedure time passes (acknowledge once paged, legal approves
 * the draft, the lockout is resolved at the end); the operator `retry` after a fault is lifted; the
 * status, read defensively (the blocked list is new in issue 12).
 *
 * Operators act by Signal (convention 3: every action is also one): the time-skipping server skips
 * no time while an Update waits on its result (temporalio/features#551). Mid-run the status is read
 * only while the workflow is idle (time-skipping.ts); what operators need comes from the audit trail.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { AuditEntry } from '../../activities/ports.ts';
import { getStatus, startDataLeak } from '../../client/data-leak-client.ts';
import { getLockoutStatus, startLockout } from '../../client/lockout-client.ts';
import { acknowledgeSignal, approveSignal } from '../../workflows/data-leak/messages.ts';
import { lockoutActions } from '../../workflows/lockout/messages.ts';
import type { MilestoneStatus } from '../../workflows/domain/status.ts';
import { lockout } from '../support/lockout-fixture.ts';
import { incident } from '../support/workflow-harness.ts';
import type { MatrixProcedure } from './cells.ts';

const MINUTE = 60_000;
const responder = { id: 'olga', role: 'responder' as const };
const legal = { id: 'lee', role: 'legal' as const };

/** Legal approves a draft once this much procedure time has passed (they read it first). */
const APPROVE_AFTER_MS = 45 * MINUTE;

/** What the cell reads of either procedure's status. */
export interface CellStatus {
  phase: string;
  milestones: MilestoneStatus<string>[];
  /** Absent before issue 12's blocked steps; any shape, read by {@link describeBlocked}. */
  blocked?: unknown;
}

/** What operators know when they act. */
export interface OperatorView {
  elapsedMs: number;
  /** The sandbox delivered the page to the on-call person. */
  onCallReached: boolean;
  /** The procedure's audit trail so far (drafts and their hashes are there). */
  audit: readonly AuditEntry[];
}

export interface ProcedureRun {
  handle: WorkflowHandle;
  /** The id the audit trail and the ledger are keyed by. */
  auditId: string;
  status(): Promise<CellStatus>;
  /** The operators' turn after a step of procedure time. */
  operate(view: OperatorView): Promise<void>;
  /** What operators do last: the lockout is resolved; the data leak runs to its end by itself. */
  conclude(): Promise<void>;
}

/** The affected programme of the data-leak cells (the sandbox seed's students in it). */
export const AFFECTED_PROGRAM = 'Physics';

/** The harness's incident, scoped to the sandbox seed's affected programme. */
function dataLeakIncident(incidentId: string, detectedAt: string) {
  return {
    ...incident(incidentId, detectedAt),
    crmScope: { kind: 'filter', conditions: [{ field: 'Program__c', op: 'eq', value: AFFECTED_PROGRAM }] },
  };
}

/** The latest draft of the authority notice the audit trail names, if any. */
function latestDraft(audit: readonly AuditEntry[]): { version: number; sha256: string } | undefined {
  const drafted = audit.filter((e) => e.type === 'authority-notice.drafted').at(-1)?.data;
  return typeof drafted?.version === 'number' && typeof drafted.sha256 === 'string'
    ? { version: drafted.version, sha256: drafted.sha256 }
    : undefined;
}

export async function startProcedure(
  procedure: MatrixProcedure,
  client: Client,
  taskQueue: string,
  businessId: string,
  detectedAt: string,
): Promise<ProcedureRun> {
  let acknowledged = false;
  const acknowledge = async (send: () => Promise<void>, onCallReached: boolean): Promise<void> => {
    // A responder acknowledges once paged; an unpaged on-call never does, and the ladder climbs.
    if (acknowledged || !onCallReached) return;
    await send();
    acknowledged = true;
  };

  if (procedure === 'data-leak') {
    const { handle } = await startDataLeak(client, { incident: dataLeakIncident(businessId, detectedAt) }, taskQueue);
    let approved = 0;
    return {
      handle,
      auditId: businessId,
      status: () => getStatus(handle),
      async operate({ elapsedMs, onCallReached, audit }) {
        await acknowledge(() => handle.signal(acknowledgeSignal, { actor: responder }), onCallReached);
        const draft = latestDraft(audit);
        if (elapsedMs >= APPROVE_AFTER_MS && draft !== undefined && draft.version > approved) {
          await handle.signal(approveSignal, { actor: legal, ...draft });
          approved = draft.version;
        }
      },
      async conclude() {},
    };
  }
  const { handle } = await startLockout(client, { incident: lockout(businessId, detectedAt) }, taskQueue);
  return {
    handle,
    auditId: `lockout:${businessId}`,
    status: () => getLockoutStatus(handle),
    async operate({ onCallReached }) {
      await acknowledge(() => handle.signal(lockoutActions.acknowledge.signal, { actor: responder }), onCallReached);
    },
    async conclude() {
      await handle.signal(lockoutActions.resolve.signal, {
        actor: responder,
        rootCause: 'Fault injected by the fault matrix, lifted.',
      });
    },
  };
}

/**
 * Sends the operator `retry` action as a Signal by its wire name (both procedures define it since
 * issue 12; a build without it ignores the signal, and the blocked list then stays as it was).
 */
export async function sendRetry(handle: WorkflowHandle): Promise<string> {
  try {
    await handle.signal('retry', { actor: responder, note: 'fault lifted by the fault matrix' });
    return 'retry sent';
  } catch (err) {
    return `retry not delivered: ${(err instanceof Error ? err.message : String(err)).slice(0, 200)}`;
  }
}

/** One line per blocked entry, whatever shape the procedure reports them in; `undefined` when there is no list. */
export function describeBlocked(blocked: unknown): string[] | undefined {
  if (!Array.isArray(blocked)) return undefined;
  return blocked.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return String(entry);
    const e = entry as Record<string, unknown>;
    const what = [e.service, e.step, e.channel].filter((x) => typeof x === 'string').join('/');
    const steps = Array.isArray(e.steps) ? ` [${e.steps.map(String).join(', ')}]` : '';
    const type = typeof e.failureType === 'string' ? e.failureType : '?';
    const cause = typeof e.cause === 'string' ? ` — ${e.cause.slice(0, 160)}` : '';
    return `${what || 'step'}: ${type}${steps}${cause}`;
  });
}
