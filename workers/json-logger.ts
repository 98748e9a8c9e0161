/**
 * Structured logs: one JSON object per line with time, level, message and the SDK's context
 * (workflowId, runId, activityType, taskQueue…), plus the incident id read from Herald's business
 * workflow id (`lockout:LO-7` → `LO-7`), so every line of a procedure can be found by incident.
 */
import { DefaultLogger } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/worker';

/** `lockout:LO-7`, `data-leak:INC-42`, `credential-watch-…` → the incident id, when there is one. */
export function incidentIdOf(workflowId: unknown): string | undefined {
  if (typeof workflowId !== 'string') return undefined;
  const m = /^(?:drill:)?(?:data-leak|lockout):(.+)$/.exec(workflowId);
  return m?.[1];
}

/** JSON-safe metadata: bigints as strings, errors as their message and stack. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function jsonLogger(level: LogLevel = 'INFO', write: (line: string) => void = (l) => process.stdout.write(l)) {
  return new DefaultLogger(level, (entry) => {
    const meta = Object.fromEntries(Object.entries(entry.meta ?? {}).map(([k, v]) => [k, plain(v)]));
    const incidentId = incidentIdOf(meta.workflowId);
    const line = {
      time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
      level: entry.level.toLowerCase(),
      message: entry.message,
      ...(incidentId === undefined ? {} : { incidentId }),
      ...meta,
    };
    write(`${JSON.stringify(line)}\n`);
  });
}
