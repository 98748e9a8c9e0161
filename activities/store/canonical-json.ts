/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace, numbers
 * as JavaScript prints them. Close to RFC 8785 (JCS); identical bytes for equal data on any driver.
 */

/** A value as plain JSON: what `JSON.stringify` then `JSON.parse` yields (toJSON applied, undefined dropped). */
export function toPlainJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return JSON.parse(text) as unknown;
}

/** Serializes `value` canonically. */
export function canonicalJson(value: unknown): string {
  return write(toPlainJson(value));
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  // Sorted by hand: JS objects list integer-like keys first, so rebuilding an object won't sort.
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${write(record[key])}`);
  return `{${fields.join(',')}}`;
}
