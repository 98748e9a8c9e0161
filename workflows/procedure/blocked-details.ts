/** Blocked services in Temporal UI's current details, one line each. */
import type { BlockedService } from '../domain/blocked.ts';

export function blockedDetails(blocked: readonly BlockedService[] | undefined): string[] {
  return (blocked ?? []).map(
    (b) =>
      `- **${b.service} ${b.permanent ? 'BLOCKED' : 'failing'}** since ${b.since}: ${b.failureType} — ${b.cause}` +
      ` (waiting: ${b.steps.join(', ') || 'nothing'}${b.permanent ? '; send `retry` once fixed' : ''})`,
  );
}
