/**
 * What Herald makes of one webhook body, before anything is applied: an AlertEvent to apply, a
 * documented event it has nothing to do for (ignored, with the reason), or a body it cannot read
 * (kept as a pending trigger for a person to look at — never refused, never dropped).
 */
import type { z } from 'zod';
import { describeZodError } from '../../../workflows/domain/operator-actions.ts';
import type { AlertEvent } from './alert-event.ts';
import { boundEvent } from './bounded-event.ts';

export type Reading =
  | { kind: 'event'; summary: string; event: AlertEvent; truncated: string[] }
  | { kind: 'ignored'; summary: string; reason: string }
  | { kind: 'unmappable'; summary: string; reason: string };

/** An event to apply, with its text bounded (see bounded-event.ts). */
export function eventReading(summary: string, event: AlertEvent): Reading {
  return { kind: 'event', summary, ...boundEvent(event) };
}

/** Parses `body` with `schema`, or the unmappable reading naming every field that is off. */
export function parseOrUnmappable<S extends z.ZodType>(
  schema: S,
  body: unknown,
  summary: string,
  what: string,
): { ok: true; data: z.infer<S> } | { ok: false; reading: Reading } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    reading: { kind: 'unmappable', summary, reason: `${what} Herald cannot read: ${describeZodError(parsed.error)}` },
  };
}

/** The body as JSON, or the unmappable reading that says why not. */
export function parseJson(raw: string): { ok: true; body: unknown } | { ok: false; reading: Reading } {
  try {
    return { ok: true, body: JSON.parse(raw) as unknown };
  } catch (err) {
    const reason = `the body is not JSON (${err instanceof Error ? err.message : String(err)})`;
    return { ok: false, reading: { kind: 'unmappable', summary: 'malformed JSON', reason } };
  }
}

/** An instant as ISO-8601 UTC, or undefined when the tool sent none or nonsense. */
export function validInstant(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : undefined;
}
