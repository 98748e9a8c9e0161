/** Ops alert (≤ 15 min): the incident-response on-call ladder, escalating until acknowledged. */
import { runAckEscalation } from '../procedure/ack-escalation.ts';
import type { ProcedureContext } from './context.ts';

export function runOpsAlert(ctx: ProcedureContext): Promise<void> {
  return runAckEscalation(ctx, {
    milestone: 'ops-alert',
    group: 'on-call',
    alertTemplate: 'ops-alert',
    escalationTemplate: 'ops-escalation',
  });
}
