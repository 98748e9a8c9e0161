/** Normalizes column values that drivers return differently (Date vs string, number vs bigint/string). */

/** A timestamptz column as an ISO instant; drivers return Date objects or strings. */
export function toIso(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${String(value)}`);
  return date.toISOString();
}

/** An optional timestamptz column as an ISO instant, or undefined for NULL. */
export function toIsoOrUndefined(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

/** An integer column (bigint arrives as a string from `pg`, as a number or bigint from PGlite). */
export function toInt(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}

/** A nullable text column as an optional field. */
export function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}
