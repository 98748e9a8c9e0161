/** What starting a data-leak procedure takes: the incident plus how its clocks run. */
import { z } from 'zod';
import { checkDrillId, drillSchema } from '../domain/drill.ts';
import { dataLeakIncidentSchema } from '../domain/incident.ts';
import { AFFECTED_CHANNEL_POLICIES, DEFAULT_TIMING, MIN_RECHECK_MS } from '../domain/policy.ts';
import type { ProcedureTiming } from '../domain/policy.ts';

export const dataLeakStartSchema = z
  .object({
    incident: dataLeakIncidentSchema,
    /**
     * Multiplies every duration of the policy (deadlines and intervals). 1 in production; a demo
     * compresses 72 h into minutes with e.g. 1/720. Legal deadlines are never changed otherwise.
     */
    timeScale: z.number().positive().max(1).default(1),
    /** Channels of the affected people's notice (see AFFECTED_CHANNEL_POLICIES). */
    affectedChannels: z.enum(AFFECTED_CHANNEL_POLICIES).default('all'),
    timing: z
      .object({
        ackEscalationIntervalMs: z.number().int().positive(),
        approvalEscalationLeadMs: z.number().int().positive(),
        reportLeadMs: z.number().int().nonnegative(),
        notifyBatchSize: z.number().int().min(1).max(1000),
        affectedPeopleTargetMs: z.number().int().positive(),
        deliveryReportWindowMs: z.number().int().nonnegative(),
        blockedRecheckMs: z.number().int().min(1000),
        legalClockSlackMs: z.number().int().nonnegative(),
      })
      .partial()
      .default({}),
    /** Present on drills only (ids `drill-…`): external recipients become the drill sink, a report ends it. */
    drill: drillSchema.optional(),
  })
  .superRefine((start, ctx) => checkDrillId(start.incident.incidentId, start.drill, ctx));
export type DataLeakStartInput = z.input<typeof dataLeakStartSchema>;
export type DataLeakStart = z.output<typeof dataLeakStartSchema>;

/** The effective timing: defaults, overridden by the start input, scaled by the time scale. */
export function effectiveTiming(start: DataLeakStart): ProcedureTiming {
  const merged = { ...DEFAULT_TIMING, ...start.timing };
  return {
    ackEscalationIntervalMs: Math.round(merged.ackEscalationIntervalMs * start.timeScale),
    approvalEscalationLeadMs: Math.round(merged.approvalEscalationLeadMs * start.timeScale),
    reportLeadMs: Math.round(merged.reportLeadMs * start.timeScale),
    notifyBatchSize: merged.notifyBatchSize,
    affectedPeopleTargetMs: Math.round(merged.affectedPeopleTargetMs * start.timeScale),
    deliveryReportWindowMs: Math.round(merged.deliveryReportWindowMs * start.timeScale),
    blockedRecheckMs: Math.max(MIN_RECHECK_MS, Math.round(merged.blockedRecheckMs * start.timeScale)),
    legalClockSlackMs: Math.round(merged.legalClockSlackMs * start.timeScale),
  };
}
