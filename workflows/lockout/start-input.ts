/** What starting a lockout procedure takes: the lockout plus how its clocks run. */
import { z } from 'zod';
import { checkDrillId, drillSchema } from '../domain/drill.ts';
import { lockoutIncidentSchema } from '../domain/lockout.ts';
import { LOCKOUT_DEFAULT_TIMING, STATUS_UPDATE_INTERVAL_MS } from '../domain/lockout-policy.ts';
import type { LockoutTiming } from '../domain/lockout-policy.ts';
import { MIN_RECHECK_MS } from '../domain/policy.ts';

export const lockoutStartSchema = z
  .object({
    incident: lockoutIncidentSchema,
    /** Multiplies every duration (deadlines, intervals, cadence); 1 in production, < 1 in demos. */
    timeScale: z.number().positive().max(1).default(1),
    timing: z
      .object({
        ackEscalationIntervalMs: z.number().int().positive(),
        /** Default by severity: critical (SEV1) hourly. */
        statusUpdateIntervalMs: z.number().int().min(60_000),
        reportLeadMs: z.number().int().nonnegative(),
        procurementAckTimeoutMs: z.number().int().min(60_000),
        blockedRecheckMs: z.number().int().min(1000),
        legalClockSlackMs: z.number().int().nonnegative(),
      })
      .partial()
      .default({}),
    /** Present on drills only (ids `drill-…`): customers and procurement become the drill sink, a report ends it. */
    drill: drillSchema.optional(),
  })
  .superRefine((start, ctx) => checkDrillId(start.incident.lockoutId, start.drill, ctx, 'lockoutId'));
export type LockoutStartInput = z.input<typeof lockoutStartSchema>;
export type LockoutStart = z.output<typeof lockoutStartSchema>;

/** Defaults, overridden by the start input, scaled by the time scale. */
export function lockoutTiming(start: LockoutStart): LockoutTiming {
  const merged = {
    ...LOCKOUT_DEFAULT_TIMING,
    statusUpdateIntervalMs: STATUS_UPDATE_INTERVAL_MS[start.incident.severity],
    ...start.timing,
  };
  return {
    ackEscalationIntervalMs: Math.round(merged.ackEscalationIntervalMs * start.timeScale),
    statusUpdateIntervalMs: Math.round(merged.statusUpdateIntervalMs * start.timeScale),
    reportLeadMs: Math.round(merged.reportLeadMs * start.timeScale),
    procurementAckTimeoutMs: Math.round(merged.procurementAckTimeoutMs * start.timeScale),
    blockedRecheckMs: Math.max(MIN_RECHECK_MS, Math.round(merged.blockedRecheckMs * start.timeScale)),
    legalClockSlackMs: Math.round(merged.legalClockSlackMs * start.timeScale),
  };
}
