/**
 * Fitting SMS bodies into two concatenated segments. The reference and instructions are kept
 * whole; only the descriptive middle is shortened, at a word boundary.
 */

/** Upper bound on SMS length in characters (two segments). */
export const SMS_MAX_CHARS = 320;

/** ASCII ellipsis: "…" is outside GSM-7 and would force UCS-2, shrinking segments to 70 chars. */
const ELLIPSIS = '...';

/** An SMS in three parts: `head` and `tail` are kept whole, `body` is shortened to fit. */
export interface SmsParts {
  /** Must survive: carries the incident reference. */
  head: string;
  /** Descriptive text, shortened at a word boundary when too long. */
  body: string;
  /** Must survive when it fits: instructions such as the ack command. */
  tail?: string;
}

/** Joins the parts with single spaces and shortens `body` so the result is ≤ `max` characters. */
export function fitSms(parts: SmsParts, max: number = SMS_MAX_CHARS): string {
  const head = squash(parts.head);
  const body = squash(parts.body);
  const tail = squash(parts.tail ?? '');
  const join = (...xs: string[]): string => xs.filter((x) => x.length > 0).join(' ');

  const full = join(head, body, tail);
  if (full.length <= max) return full;

  const fixed = join(head, tail);
  // Room left for the body: minus the two joining spaces and the ellipsis.
  const room = max - fixed.length - 2 - ELLIPSIS.length;
  if (room > 0) {
    const short = cutAtWord(body, room);
    if (short) return join(head, short + ELLIPSIS, tail);
    return fixed;
  }
  // Head and tail alone are too long (very long ids): keep the head, shorten the tail.
  return cutAtWord(fixed, max - ELLIPSIS.length) + ELLIPSIS;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The longest prefix of `text` of at most `limit` characters that ends at a word boundary. */
function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const slice = text.slice(0, limit + 1);
  const space = slice.lastIndexOf(' ');
  // A single huge word: cut it hard rather than drop everything.
  const cut = space > 0 ? slice.slice(0, space) : text.slice(0, limit);
  return cut.replace(/[\s,;:.-]+$/, '');
}
