/**
 * Small, locale-independent formatting helpers shared by the renderers. Output depends only on the
 * arguments, so a document rendered twice from the same facts hashes the same.
 */

/**
 * Formats an ISO instant as UTC, e.g. "2025-03-01 09:15 UTC" (or with seconds). Throws on an
 * unparsable instant: a document must never silently say "Invalid Date".
 */
export function formatInstant(iso: string, precision: 'minute' | 'second' = 'minute'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: ${JSON.stringify(iso)}`);
  const full = new Date(ms).toISOString(); // 2025-03-01T09:15:30.000Z
  const date = full.slice(0, 10);
  const time = precision === 'second' ? full.slice(11, 19) : full.slice(11, 16);
  return `${date} ${time} UTC`;
}

/** Formats a non-negative integer with comma grouping ("12,345"), independent of the runtime locale. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Unifies line endings and strips trailing whitespace per line, so stored text hashes stably. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** Collapses any whitespace run (including newlines) to one space: for subjects and table cells. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Indents every non-empty line of `text` by `spaces` spaces. */
export function indent(text: string, spaces = 2): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}

/** True when `text` is absent or only whitespace. */
export function isBlank(text: string | null | undefined): boolean {
  return text === undefined || text === null || text.trim().length === 0;
}

/** Entries of a count map sorted by key, so object insertion order never changes a document. */
export function sortedCounts(counts: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
